package io.shmlane;

/**
 * Layout of the preamble every shmlane channel file starts with: the channel header, then one slot
 * owned by the producer and one owned by the consumer, each on its own pair of cache lines so the
 * two processes never false-share.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Magic "SHMLANE1" (8 bytes)                   |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Layout Version (published last, release store)           |   8
 *  +---------------------------------------------------------------+
 *  |      Channel Kind (1 = mailbox, 2 = ring)                     |  12
 *  +---------------------------------------------------------------+
 *  |      Capacity (bytes of the data area)                        |  16
 *  +---------------------------------------------------------------+
 *  |      Max Message Length (bytes of payload)                    |  20
 *  +---------------------------------------------------------------+
 *  |      Data Offset (= 384)                                      |  24
 *  +---------------------------------------------------------------+
 *  |      Reserved                                                 |  28
 *  +---------------------------------------------------------------+
 *  |      Creation Time (ms since the epoch, 8 bytes)              |  32
 *  +---------------------------------------------------------------+
 *  |      Creator PID (8 bytes)                                    |  40
 *  +---------------------------------------------------------------+
 *  |      ... zero up to the end of the 128-byte slot ...          |
 *  +===============================================================+
 *  |      Producer State (0 none, 1 attached, 2 end of stream)     | 128  producer slot,
 *  +---------------------------------------------------------------+      written by the
 *  |      Producer Attach Count                                    | 132  producer only;
 *  +---------------------------------------------------------------+      byte 128 is also
 *  |      Producer PID (8 bytes)                                   | 136  the producer's lock
 *  +---------------------------------------------------------------+
 *  |      Producer Position (8 bytes, kind specific)               | 144
 *  +---------------------------------------------------------------+
 *  |      ... zero up to the end of the 128-byte slot ...          |
 *  +===============================================================+
 *  |      Consumer State (0 none, 1 attached, 2 closed)            | 256  consumer slot,
 *  +---------------------------------------------------------------+      written by the
 *  |      Consumer Attach Count                                    | 260  consumer only;
 *  +---------------------------------------------------------------+      byte 256 is also
 *  |      Consumer PID (8 bytes)                                   | 264  the consumer's lock
 *  +---------------------------------------------------------------+
 *  |      Consumer Position (8 bytes, ring head)                   | 272
 *  +---------------------------------------------------------------+
 *  |      Next Sequence (8 bytes, first sequence not yet consumed) | 280
 *  +---------------------------------------------------------------+
 *  |      ... zero up to the end of the 128-byte slot ...          |
 *  +===============================================================+
 *  |      Data area (capacity bytes, layout per channel kind)     ...  384
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The one rule of the handshake: the creator fills every field, then writes the layout version
 * with a release store; an attacher that reads a non-zero version with an acquire load sees the
 * whole header. All fields are in the machine's native byte order: a channel file connects two
 * processes on one machine and is never moved between machines.
 */
public final class ChannelHeaderDescriptor {
    /** "SHMLANE1" in ASCII, read as a native-order long. */
    public static final long MAGIC = magic();

    /**
     * The layout this code writes and the only one it attaches to. Version 2: a ring record has an
     * 8-byte header, the sequence implicit (see {@code RingDescriptor}); version 1 had 16 bytes.
     */
    public static final int LAYOUT_VERSION = 2;

    /** Size of a slot: two cache lines, so adjacent-line prefetch cannot make neighbours share. */
    public static final int SLOT_LENGTH = 128;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version, written last by the creator. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 8;
    /** Offset of the channel kind, see {@link ChannelKind#code()}. */
    public static final int KIND_OFFSET = VERSION_OFFSET + 4;
    /** Offset of the capacity of the data area in bytes. */
    public static final int CAPACITY_OFFSET = KIND_OFFSET + 4;
    /** Offset of the maximum payload length in bytes. */
    public static final int MAX_MESSAGE_LENGTH_OFFSET = CAPACITY_OFFSET + 4;
    /** Offset of the offset of the data area. */
    public static final int DATA_OFFSET_OFFSET = MAX_MESSAGE_LENGTH_OFFSET + 4;
    /** Offset of the creation time in milliseconds since the epoch. */
    public static final int CREATION_TIME_OFFSET = DATA_OFFSET_OFFSET + 8;
    /** Offset of the process id of the creator. */
    public static final int CREATOR_PID_OFFSET = CREATION_TIME_OFFSET + 8;

    /** Start of the producer's slot; its first byte is also the range the producer locks. */
    public static final int PRODUCER_SLOT_OFFSET = SLOT_LENGTH;
    /** Offset of the producer state: 0 none (never attached), 1 attached, 2 closed (for the producer: end of stream). */
    public static final int PRODUCER_STATE_OFFSET = PRODUCER_SLOT_OFFSET;
    /** Offset of the number of times a producer attached. */
    public static final int PRODUCER_ATTACH_COUNT_OFFSET = PRODUCER_STATE_OFFSET + 4;
    /** Offset of the process id of the last producer. */
    public static final int PRODUCER_PID_OFFSET = PRODUCER_ATTACH_COUNT_OFFSET + 4;
    /**
     * Offset of the producer's position (ring: its tail; mailbox: its next sequence). Informative
     * while the producer runs (the ring publishes it now and then, not per commit, see {@code
     * RingProducer}; {@code RingScan} finds the exact tail); exact once the producer ended the stream,
     * when it is stored before the CLOSED state and the consumer checks that it got that far.
     */
    public static final int PRODUCER_POSITION_OFFSET = PRODUCER_PID_OFFSET + 8;

    /** Start of the consumer's slot; its first byte is also the range the consumer locks. */
    public static final int CONSUMER_SLOT_OFFSET = PRODUCER_SLOT_OFFSET + SLOT_LENGTH;
    /** Offset of the consumer state: 0 none (never attached), 1 attached, 2 closed. */
    public static final int CONSUMER_STATE_OFFSET = CONSUMER_SLOT_OFFSET;
    /** Offset of the number of times a consumer attached. */
    public static final int CONSUMER_ATTACH_COUNT_OFFSET = CONSUMER_STATE_OFFSET + 4;
    /** Offset of the process id of the last consumer. */
    public static final int CONSUMER_PID_OFFSET = CONSUMER_ATTACH_COUNT_OFFSET + 4;
    /** Offset of the consumer's position (ring: head, released once per batch). */
    public static final int CONSUMER_POSITION_OFFSET = CONSUMER_PID_OFFSET + 8;
    /** Offset of the sequence of the first message not yet consumed. */
    public static final int NEXT_SEQUENCE_OFFSET = CONSUMER_POSITION_OFFSET + 8;

    /** Offset of the data area, after the header and the two role slots. */
    public static final int DATA_OFFSET = CONSUMER_SLOT_OFFSET + SLOT_LENGTH;

    private ChannelHeaderDescriptor() {}

    private static long magic() {
        byte[] text = {'S', 'H', 'M', 'L', 'A', 'N', 'E', '1'};
        return java.nio.ByteBuffer.wrap(text)
                .order(java.nio.ByteOrder.nativeOrder())
                .getLong(0);
    }
}
