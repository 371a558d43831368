package io.shmlane.ring;

/**
 * Layout of a record in a ring's data area, and the ring's rules.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|  Length (header + payload; 0 = not committed; release)      |  0
 *  +-+-------------------------------------------------------------+
 *  |   Type (1 = message, 2 = padding)                             |  4
 *  +---------------------------------------------------------------+
 *  |   Sequence (8 bytes; messages only)                           |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Payload                                                    ... 16
 *  +---------------------------------------------------------------+
 *  |   ... up to the next multiple of 8 ...                        |
 * </pre>
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Writing a positive length with a release store commits the record: payload, type and
 *       sequence were written before it. The consumer reads the length with an acquire load; 0 means
 *       nothing yet.
 *   <li>Positions are 64-bit byte counts that never wrap in practice; a record starts at
 *       {@code position & (capacity - 1)}. Records are aligned to {@value #ALIGNMENT} bytes.
 *   <li>A record never straddles the end: when it does not fit, a padding record fills the rest, and
 *       the message goes at index 0. The message is committed before the padding, so a consumer that
 *       sees the padding finds the message.
 *   <li>Before committing a record the producer zeroes the length of the next record header (the
 *       position it will write next), so the consumer, which reads that position only after the commit,
 *       can never take a stale record from the previous lap for a new one. To keep that header free,
 *       the producer leaves {@value #ALIGNMENT} bytes unused: at most {@code capacity - 8} bytes are
 *       in flight.
 *   <li>Consumed records are not cleared. The chain of committed records from the consumer's head
 *       therefore ends exactly at the producer's tail, which is how a new producer finds where a dead
 *       one stopped.
 * </ul>
 */
public final class RingDescriptor {
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;
    /** Offset of the length in a record. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the type in a record. */
    public static final int TYPE_OFFSET = LENGTH_OFFSET + 4;
    /** Offset of the sequence in a message record. */
    public static final int SEQUENCE_OFFSET = TYPE_OFFSET + 4;
    /** Length of a message record's header. */
    public static final int HEADER_LENGTH = SEQUENCE_OFFSET + 8;
    /** Length of a padding record's header (length and type only). */
    public static final int PADDING_HEADER_LENGTH = SEQUENCE_OFFSET;

    /** Type of a message record. */
    public static final int TYPE_MESSAGE = 1;
    /** Type of a padding record, skipped by the consumer. */
    public static final int TYPE_PADDING = 2;

    private RingDescriptor() {}

    /** {@code length} rounded up to {@link #ALIGNMENT}. */
    public static int align(final int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Largest payload of a ring of {@code capacity} bytes: capacity / 8. */
    public static int maxMessageLength(final int capacity) {
        return capacity / 8;
    }
}
