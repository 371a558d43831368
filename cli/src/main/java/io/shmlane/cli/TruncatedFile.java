package io.shmlane.cli;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;

/**
 * Blames a truncation for an unexpected error of a command's message loop: when the channel file is
 * shorter than its mapping, a faulting mapped access may surface as an error other than the JVM's
 * {@link InternalError} for SIGBUS, and the user must read "truncated while mapped" (exit 3), not an
 * internal error (exit 1).
 */
final class TruncatedFile {
    private TruncatedFile() {}

    /** The truncation error when {@code file} shrank under its mapping; else {@code unexpected} itself. */
    static RuntimeException orRethrow(final ChannelFile file, final RuntimeException unexpected) {
        if (unexpected instanceof ChannelException || file == null || !file.isTruncated()) {
            return unexpected;
        }
        return file.translate(new InternalError(unexpected));
    }
}
