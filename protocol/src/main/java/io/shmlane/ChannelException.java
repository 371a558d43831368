package io.shmlane;

/**
 * A channel could not be created, attached or used. The message is one line that names the
 * problem and what to do; {@link #reason()} tells a program (or the command line's exit code) which
 * kind of problem it was.
 */
public final class ChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to act on. */
    public enum Reason {
        /** An argument is out of range: a size, a capacity, a timeout. */
        BAD_ARGUMENT,
        /** The path cannot be used: a directory, missing parent, no permission, an I/O error. */
        BAD_PATH,
        /** The file is not a shmlane channel (wrong magic), or its header is corrupt. */
        NOT_A_CHANNEL,
        /** The file has a layout version this code does not read. */
        WRONG_VERSION,
        /** The file holds another kind of channel than the one asked for. */
        WRONG_KIND,
        /** The file was created with another capacity than the one asked for. */
        CAPACITY_MISMATCH,
        /** The file is shorter than its header says: empty, truncated, or shrunk while mapped. */
        TRUNCATED,
        /** The creator never published the header within the attach timeout. */
        TIMEOUT,
        /**
         * The file could be changed by someone not trusted: a symbolic link, a file owned by another
         * user, or a file writable by other users.
         */
        UNSAFE,
        /** Another live process already holds the role. */
        ROLE_TAKEN,
        /** The producer ended the stream earlier; the channel takes no new producer. */
        CLOSED,
        /** The peer process died without closing the channel. */
        PEER_DIED,
        /** The data area holds a record that cannot have been written by a correct producer. */
        CORRUPT,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    /** The kind of problem, returned by {@link #reason()}. */
    private final Reason reason;

    /**
     * An exception for a problem of kind {@code reason}.
     *
     * @param reason the kind of problem, for a program to act on
     * @param message one line that names the problem and what to do about it
     */
    public ChannelException(final Reason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * An exception for a problem of kind {@code reason} caused by {@code cause}.
     *
     * @param reason the kind of problem, for a program to act on
     * @param message one line that names the problem and what to do about it
     * @param cause the underlying exception (an {@code IOException}, for example), or null
     */
    public ChannelException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * The kind of problem.
     *
     * @return the reason given at construction
     */
    public Reason reason() {
        return reason;
    }
}
