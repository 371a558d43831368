package io.shmlane;

import java.util.Locale;

/** The two roles of a channel. Each is held by at most one process at a time. */
public enum Role {
    /** The writing side; its slot starts at {@link ChannelHeaderDescriptor#PRODUCER_SLOT_OFFSET}. */
    PRODUCER(ChannelHeaderDescriptor.PRODUCER_SLOT_OFFSET),
    /** The reading side; its slot starts at {@link ChannelHeaderDescriptor#CONSUMER_SLOT_OFFSET}. */
    CONSUMER(ChannelHeaderDescriptor.CONSUMER_SLOT_OFFSET);

    private final int slotOffset;

    Role(final int slotOffset) {
        this.slotOffset = slotOffset;
    }

    /**
     * Offset of the role's slot; its first byte is the byte range the role locks.
     *
     * @return the byte offset from the start of the file
     */
    public int slotOffset() {
        return slotOffset;
    }

    /**
     * Offset of the role's state field, an {@code int}: 0 none, 1 attached, 2 closed.
     *
     * @return the byte offset from the start of the file (the slot's first bytes)
     */
    public int stateOffset() {
        return slotOffset;
    }

    /**
     * Offset of the role's attach counter, an {@code int} that each process taking the role increments.
     *
     * @return the byte offset from the start of the file
     */
    public int attachCountOffset() {
        return slotOffset + 4;
    }

    /**
     * Offset of the process id of the last process that took the role, a {@code long}.
     *
     * @return the byte offset from the start of the file
     */
    public int pidOffset() {
        return slotOffset + 8;
    }

    /**
     * Lower-case name for messages.
     *
     * @return {@code producer} or {@code consumer}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
