package io.shmlane;

import java.util.Locale;

/** The kinds of channel a shmlane file can hold; the code is stored in the header. */
public enum ChannelKind {
    /** One slot, one message in flight, acknowledged by the consumer before the next is written. */
    MAILBOX(1),
    /** A single-producer single-consumer ring of variable-length records. */
    RING(2);

    private final int code;

    ChannelKind(final int code) {
        this.code = code;
    }

    /**
     * The value stored in the header's kind field.
     *
     * @return 1 for a mailbox, 2 for a ring
     */
    public int code() {
        return code;
    }

    /**
     * The kind stored as {@code code}.
     *
     * @param code a value read from the header's kind field
     * @return the kind, or {@code null} when no kind has that code (a corrupt or foreign header)
     */
    public static ChannelKind fromCode(final int code) {
        for (ChannelKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Lower-case name, as used on the command line.
     *
     * @return {@code mailbox} or {@code ring}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
