package io.shmlane.cli;

import io.shmlane.ChannelException;

/**
 * Exit codes of the {@code shmlane} command line.
 *
 * <pre>
 *   0  success (consumer: the stream ended and every message arrived once, in order, intact)
 *   1  unexpected internal error (a bug: rerun with --verbose and report it)
 *   2  usage error: unknown option, bad value
 *   3  the file is not a usable channel: not a channel, wrong version, kind or capacity, truncated,
 *      corrupt, header never published, closed by an earlier producer, or not trusted (a symbolic
 *      link, owned by another user, writable by other users)
 *   4  the role is taken: another live producer (or consumer) holds the channel
 *   5  the peer died: the producer is gone without ending the stream
 *   6  verification failed: the consumer saw gaps, duplicates or torn messages
 *   7  the path cannot be used: a directory, missing directory, no permission, I/O error
 *   130, 143  stopped by SIGINT or SIGTERM (after closing cleanly)
 * </pre>
 */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;
    static final int BAD_CHANNEL = 3;
    static final int ROLE_TAKEN = 4;
    static final int PEER_DIED = 5;
    static final int VERIFICATION_FAILED = 6;
    static final int BAD_PATH = 7;
    static final int INTERRUPTED = 130;

    private ExitCodes() {}

    static int of(final ChannelException e) {
        switch (e.reason()) {
            case BAD_ARGUMENT:
                return USAGE;
            case ROLE_TAKEN:
                return ROLE_TAKEN;
            case PEER_DIED:
                return PEER_DIED;
            case BAD_PATH:
                return BAD_PATH;
            case INTERRUPTED:
                return INTERRUPTED;
            default:
                return BAD_CHANNEL;
        }
    }
}
