package io.shmlane.process;

import java.util.Locale;

/** The channel kinds under test, with what the scenarios need to know of each. */
enum Lane {
    /** The ring: many messages in flight, the head released once per consumer batch. */
    RING(1 << 20, 128 * 1024),
    /** The mailbox: one message in flight, acknowledged one by one. */
    MAILBOX(1024, 1024);

    private final int defaultCapacity;
    private final int maxMessageLength;

    Lane(final int defaultCapacity, final int maxMessageLength) {
        this.defaultCapacity = defaultCapacity;
        this.maxMessageLength = maxMessageLength;
    }

    /** The value of {@code --channel}. */
    String cli() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The capacity a file gets without {@code --capacity}. */
    int defaultCapacity() {
        return defaultCapacity;
    }

    /** Largest payload with the default capacity. */
    int maxMessageLength() {
        return maxMessageLength;
    }

    /**
     * How many messages a consumer may have printed but not acknowledged when it is killed, and so
     * how many its successor may deliver again: the batch for the ring, the one slot for the mailbox.
     */
    int redeliveryWindow(final int batch) {
        return this == RING ? batch : 1;
    }

    /** Picks per lane: the ring moves ten times more messages than the mailbox in the same time. */
    long messages(final long ring, final long mailbox) {
        return this == RING ? ring : mailbox;
    }

    @Override
    public String toString() {
        return cli();
    }
}
