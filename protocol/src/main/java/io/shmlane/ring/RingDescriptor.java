package io.shmlane.ring;

import java.nio.ByteOrder;

/**
 * Layout of a record in a ring's data area, and the ring's rules.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|  Length (header + payload; 0 = not committed)               |  0  header word:
 *  +-+-------------------------------------------------------------+     one 8-byte
 *  |   Type (1 = message, 2 = padding)                             |  4  release store
 *  +---------------------------------------------------------------+     commits
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
 *   <li>Length and type form the header word, an aligned 8-byte word written and read as one
 *       ({@link #headerWord}). Writing it with a positive length and a release store commits the
 *       record: payload and sequence were written before it. The consumer reads the word with an
 *       acquire load; length 0 means nothing yet. One access each way instead of two.
 *   <li>Positions are 64-bit byte counts that never wrap in practice; a record starts at
 *       {@code position & (capacity - 1)}. Records are aligned to {@value #ALIGNMENT} bytes.
 *   <li>A record never straddles the end: when it does not fit, a padding record fills the rest, and
 *       the message goes at index 0. The message is committed before the padding, so a consumer that
 *       sees the padding finds the message.
 *   <li>Before committing a record the producer zeroes the header word of the next record (the
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

    /** Offset of the header word (length and type, see {@link #headerWord}). */
    public static final int HEADER_WORD_OFFSET = LENGTH_OFFSET;

    /** Type of a message record. */
    public static final int TYPE_MESSAGE = 1;
    /** Type of a padding record, skipped by the consumer. */
    public static final int TYPE_PADDING = 2;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private RingDescriptor() {}

    /**
     * The header word of a record, as a native-order 8-byte access at {@link #HEADER_WORD_OFFSET}
     * reads and writes it: {@code length} at offset 0 and {@code type} at offset 4, as two 4-byte
     * fields would be.
     */
    public static long headerWord(final int length, final int type) {
        return LITTLE_ENDIAN
                ? ((long) type << 32) | (length & 0xFFFF_FFFFL)
                : ((long) length << 32) | (type & 0xFFFF_FFFFL);
    }

    /** The length in a header word. */
    public static int lengthOf(final long headerWord) {
        return LITTLE_ENDIAN ? (int) headerWord : (int) (headerWord >>> 32);
    }

    /** The type in a header word. */
    public static int typeOf(final long headerWord) {
        return LITTLE_ENDIAN ? (int) (headerWord >>> 32) : (int) headerWord;
    }

    /** {@code length} rounded up to {@link #ALIGNMENT}. */
    public static int align(final int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Whether a committed record of {@code type} and {@code length} at {@code index} is a message that
     * a shmlane producer can have written into a ring of {@code capacity} bytes whose largest payload
     * is {@code maxMessageLength}. The consumer refuses anything else as corrupt; recovery ends there.
     */
    public static boolean isWellFormedMessage(
            final int type, final int length, final int index, final int capacity, final int maxMessageLength) {
        return type == TYPE_MESSAGE
                && length >= HEADER_LENGTH
                && length <= HEADER_LENGTH + maxMessageLength
                && align(length) <= capacity - index;
    }

    /**
     * Whether a padding record of {@code length} at {@code index} is one a shmlane producer can have
     * written: it fills the ring exactly to its end, and only where the largest record could not fit,
     * so it is shorter than the largest aligned record (a padding of the whole ring, or of more than
     * a record, is corrupt).
     */
    public static boolean isWellFormedPadding(final int length, final int index, final int capacity) {
        return length == capacity - index && length < align(HEADER_LENGTH + maxMessageLength(capacity));
    }

    /**
     * Whether {@code position} can be a record's position: a multiple of {@value #ALIGNMENT}. (Any
     * such 64-bit value can be: positions are compared by difference, so they may even wrap.)
     */
    public static boolean isValidPosition(final long position) {
        return (position & (ALIGNMENT - 1)) == 0;
    }

    /** Largest payload of a ring of {@code capacity} bytes: capacity / 8. */
    public static int maxMessageLength(final int capacity) {
        return capacity / 8;
    }
}
