package io.shmlane.process;

import java.util.Locale;

/**
 * The points of the crash matrix ({@link CrashMatrixIT}) at which a crash-point child stops itself,
 * prints {@code Paused: <point> ...} and waits for the test's {@code kill -9}. Producer points are
 * reached by {@link CrashPointProducer}, consumer points by {@link CrashPointConsumer}: test code that
 * drives the library's public API; the library itself has no hook.
 */
enum CrashPoint {
    /** Ring: {@code tryClaim} returned, half the payload written, no commit. Mailbox: payload (half), length and sequence written into the empty slot, the flag not published. */
    MID_CLAIM("mid-claim", "mid-claim (half a payload written)", true),
    /** {@code commit} (ring) or {@code offer} (mailbox) returned; nothing written after it. */
    AFTER_COMMIT("after-commit", "right after a commit", true),
    /** Ring only: right after the commit of a record that did not fit before the end and forced a padding record. */
    AFTER_PADDING("after-padding", "right after a padding record", true),
    /** Every message committed, the final position stored (the first store of {@code close()}), the end of stream not yet published. */
    CLOSE_BEGAN("close-began", "after close began (final position stored, end of stream not published)", true),
    /** {@code close()} returned: the end of stream is published and the role released; the JVM still runs. */
    CLOSED("closed", "after close (end of stream published)", true),
    /** In the handler: messages of the batch printed, the head (ring) or slot (mailbox) not released. */
    MID_BATCH("mid-batch", "mid-batch (handler ran, head not released)", false),
    /** {@code poll} returned: the batch is released. */
    AFTER_BATCH("after-batch", "after a released batch", false);

    private final String argument;
    private final String description;
    private final boolean producer;

    CrashPoint(final String argument, final String description, final boolean producer) {
        this.argument = argument;
        this.description = description;
        this.producer = producer;
    }

    /** The child's {@code --point} value. */
    String argument() {
        return argument;
    }

    /** For test names: "right after a padding record". */
    String description() {
        return description;
    }

    boolean isProducerPoint() {
        return producer;
    }

    /** Whether the point exists on {@code lane}: the mailbox has no padding. */
    boolean appliesTo(final Lane lane) {
        return this != AFTER_PADDING || lane == Lane.RING;
    }

    /** Whether the stream is ended at this point: a new producer is refused. */
    boolean endsTheStream() {
        return this == CLOSED;
    }

    static CrashPoint parse(final String argument) {
        for (CrashPoint p : values()) {
            if (p.argument.equals(argument)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown crash point: " + argument);
    }

    @Override
    public String toString() {
        return argument.toLowerCase(Locale.ROOT);
    }
}
