package io.shmlane.cli;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output for per-message lines. */
final class Output {
    private Output() {}

    /**
     * {@link System#out} behind a 64 KiB buffer that flushes on every line: a line printed is a line out,
     * even if the process is killed right after (the delivery tests count them), at one write per line.
     * {@code System.out} and not the file descriptor, so a caller of {@link Main#execute} that replaced
     * {@code System.out} gets the lines.
     */
    static PrintStream stdout() {
        return new PrintStream(new BufferedOutputStream(System.out, 1 << 16), true, StandardCharsets.UTF_8);
    }
}
