package io.shmlane.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output for per-message lines. */
final class Output {
    private Output() {}

    /**
     * A buffered stdout that flushes on every line: a line printed is a line out, even if the process
     * is killed right after (the delivery tests count them), at one write per line.
     */
    static PrintStream stdout() {
        return new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                true,
                StandardCharsets.UTF_8);
    }
}
