package io.shmlane.cli;

import io.shmlane.ChannelException;

/**
 * What to do on the command line about each kind of library error. The library's messages name the
 * problem in the library's terms; the command line adds, after them, the option or command that helps.
 */
final class Hints {
    private Hints() {}

    /**
     * The error line for {@code e}, without the {@code shmlane: } prefix: the library's message, then
     * the hint for its reason.
     */
    static String message(final ChannelException e) {
        return e.getMessage() + " (" + of(e.reason()) + ")";
    }

    /** The command-line hint for {@code reason}: every reason has one (a switch without default). */
    static String of(final ChannelException.Reason reason) {
        switch (reason) {
            case BAD_ARGUMENT:
                return "see --help for the options and their ranges";
            case BAD_PATH:
                return "--file names the channel file, in a directory that exists and that you may write";
            case NOT_A_CHANNEL:
                return "check --file; 'shmlane inspect --file F' shows what a channel file holds";
            case WRONG_VERSION:
                return "--file another file, or run the shmlane release that wrote it";
            case WRONG_KIND:
                return "--channel must name the kind the file was created with; 'shmlane inspect --file F' shows it";
            case CAPACITY_MISMATCH:
                return "--capacity must match the file's, or leave it out; 'shmlane inspect --file F' shows it";
            case TRUNCATED:
                return "delete the file; the side that starts first creates a new one";
            case TIMEOUT:
                return "--attach-timeout SECONDS waits longer for a creator";
            case UNSAFE:
                return "--allow-owner USER trusts a file of another owner; --mode 0660 a file its group may write";
            case ROLE_TAKEN:
                return "'shmlane inspect --file F' shows the pid of the live producer and consumer";
            case CLOSED:
                return "--file a new file for a new stream";
            case PEER_DIED:
                return "consumer --wait-producer waits for a new producer instead";
            case CORRUPT:
                return "'shmlane inspect --file F' shows the header and the positions";
            case INTERRUPTED:
                return "the command was stopped while it waited";
            default:
                throw new IllegalArgumentException("no command-line hint for " + reason);
        }
    }
}
