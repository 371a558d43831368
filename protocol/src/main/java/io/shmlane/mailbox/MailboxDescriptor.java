package io.shmlane.mailbox;

/**
 * Layout of a mailbox's data area: one slot, one message in flight. Offsets are in bytes from the
 * start of the data area ({@link io.shmlane.ChannelHeaderDescriptor#DATA_OFFSET} in the file); every
 * field is in native byte order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Flag (0 = EMPTY, 1 = FULL; FULL is the commit, release)     |  0
 *  +---------------------------------------------------------------+
 *  |   Length (payload bytes)                                      |  4
 *  +---------------------------------------------------------------+
 *  |   Sequence (8 bytes)                                          |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Payload (capacity bytes)                                   ... 16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The producer's position in the producer slot holds, once a producer detached or ended the
 * stream, its next sequence: the consumer checks at the end of the stream (and once the producer is
 * gone) that it got that far, and a new producer checks that it does not start before it.
 *
 * <p>The one rule: the producer writes length, sequence and payload only while the flag is EMPTY
 * and then sets it to FULL with a release store; the consumer reads them only after an acquire load
 * saw FULL, and hands the slot back by storing EMPTY with a release store. A message is therefore
 * never overwritten before it was read, and never read before it was whole.
 */
public final class MailboxDescriptor {
    /** Flag value: the slot may be written by the producer. */
    public static final int EMPTY = 0;
    /** Flag value: the slot holds a committed message for the consumer. */
    public static final int FULL = 1;

    /** Byte offset of the 4-byte flag ({@link #EMPTY} or {@link #FULL}), relative to the data area. */
    public static final int FLAG_OFFSET = 0;
    /** Byte offset of the 4-byte payload length, from 0 to the capacity. */
    public static final int LENGTH_OFFSET = FLAG_OFFSET + 4;
    /** Byte offset of the 8-byte sequence number of the message in the slot. */
    public static final int SEQUENCE_OFFSET = LENGTH_OFFSET + 4;
    /** Byte offset of the payload, capacity bytes long. */
    public static final int PAYLOAD_OFFSET = SEQUENCE_OFFSET + 8;

    /**
     * The producer (in {@code offer}) and the consumer (in {@code poll}) each look at the file's size
     * once every 256 messages ({@code (count & TRUNCATION_CHECK_MASK) == 0}), so a file shrunk under
     * steady traffic is noticed: the slot lives on the first page, which stays mapped (and reads
     * zeros) after a truncation, so no access faults. One fstat per 256 messages; none for a wrapped
     * buffer.
     */
    public static final int TRUNCATION_CHECK_MASK = 255;

    private MailboxDescriptor() {}

    /**
     * Bytes of the data area for a slot of {@code capacity} payload bytes, rounded up to 8. The
     * capacity is not checked.
     *
     * @param capacity the largest payload in bytes, from 1 to {@link
     *     io.shmlane.ChannelOptions#MAX_MAILBOX_CAPACITY}
     * @return {@link #PAYLOAD_OFFSET} plus {@code capacity}, rounded up to a multiple of 8
     */
    public static int dataLength(final int capacity) {
        return (PAYLOAD_OFFSET + capacity + 7) & ~7;
    }
}
