package io.shmlane;

import java.util.Locale;

/** The two roles of a channel. Each is held by at most one process at a time. */
public enum Role {
    PRODUCER(ChannelHeaderDescriptor.PRODUCER_SLOT_OFFSET),
    CONSUMER(ChannelHeaderDescriptor.CONSUMER_SLOT_OFFSET);

    private final int slotOffset;

    Role(final int slotOffset) {
        this.slotOffset = slotOffset;
    }

    /** Offset of the role's slot; its first byte is the byte range the role locks. */
    public int slotOffset() {
        return slotOffset;
    }

    /** Offset of the role's state field. */
    public int stateOffset() {
        return slotOffset;
    }

    /** Offset of the role's attach counter. */
    public int attachCountOffset() {
        return slotOffset + 4;
    }

    /** Offset of the role's process id. */
    public int pidOffset() {
        return slotOffset + 8;
    }

    /** Lower-case name for messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
