package io.shmlane.ring;

import java.nio.ByteOrder;

/**
 * Layout of a record in a ring's data area, and the ring's rules. Offsets are in bytes from the
 * record's start; every field is in native byte order. Stateless: all methods are pure and may be
 * called from any thread.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|  Length (header + payload; 0 = not committed)               |  0  header word:
 *  +-+-----------------------------------------------------+-------+     one 8-byte
 *  |   Sequence, low 28 bits (messages; 0 in a padding)     | Type  |  4  release store
 *  +-------------------------------------------------------+-------+     commits
 *  |   Payload                                                    ...  8
 *  +---------------------------------------------------------------+
 *  |   ... up to the next multiple of 8 ...                        |
 * </pre>
 *
 * <p>R is the length's sign bit: always 0, as a committed length is positive. The second 4-byte field
 * is the tag: the type (1 = message, 2 = padding) in its low {@value #TYPE_BITS} bits and, in a
 * message, the low {@value #SEQUENCE_BITS} bits of the message's sequence above them ({@link
 * #messageTag}).
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Length and tag form the header word, an aligned 8-byte word written and read as one ({@link
 *       #headerWord}). Writing it with a positive length and a release store commits the record: the
 *       payload was written before it. The consumer reads the word with an acquire load; a header word
 *       of 0 means nothing yet (any other word with length 0 is corrupt). One access each way.
 *   <li>The sequence is implicit: the n-th message of the stream has sequence n (from 0), counted by
 *       the producer and by the consumer, which keeps the sequence of its head in its slot ({@code
 *       NEXT_SEQUENCE_OFFSET}, stored before each release of the head). The tag carries the low
 *       {@value #SEQUENCE_BITS} bits, so the consumer still checks every message against the sequence it
 *       counted (a stale or misplaced record is refused), and a new consumer resolves the full sequence
 *       of the message at the head from them ({@link #resolveSequence}): fewer messages than {@code
 *       2^28} fit in the largest ring. Layout version 2; version 1 had a separate 8-byte sequence.
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
    /** Alignment of records in bytes: positions and record starts are multiples of it. */
    public static final int ALIGNMENT = 8;
    /** Byte offset of the 4-byte length (header plus payload, unaligned) in a record. */
    public static final int LENGTH_OFFSET = 0;
    /** Byte offset of the 4-byte tag (type and, in a message, the sequence's low bits) in a record. */
    public static final int TAG_OFFSET = LENGTH_OFFSET + 4;
    /** Bytes of a record's header (a message's and a padding's alike); the payload starts at this offset. */
    public static final int HEADER_LENGTH = TAG_OFFSET + 4;

    /** Byte offset of the 8-byte header word (length and tag, see {@link #headerWord}) in a record. */
    public static final int HEADER_WORD_OFFSET = LENGTH_OFFSET;

    /** Bits of the tag that hold the type: its low bits. */
    public static final int TYPE_BITS = 4;
    /** Bits of the tag that hold a message's sequence: the sequence's low bits, above the type. */
    public static final int SEQUENCE_BITS = 32 - TYPE_BITS;

    /** Type of a message record: a payload; its tag carries the low bits of its sequence. */
    public static final int TYPE_MESSAGE = 1;
    /** Type of a padding record: fills the ring to its end, not a message, skipped by the consumer. */
    public static final int TYPE_PADDING = 2;

    private static final int TYPE_MASK = (1 << TYPE_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private RingDescriptor() {}

    /**
     * The header word of a record, as a native-order 8-byte access at {@link #HEADER_WORD_OFFSET}
     * reads and writes it: {@code length} at offset 0 and {@code tag} at offset 4, as two 4-byte
     * fields would be.
     *
     * @param length the record's length in bytes, header plus payload before alignment; positive for a
     *     record that is committed with this word
     * @param tag {@link #messageTag} of the message's sequence, or {@link #TYPE_PADDING}
     * @return the word to store with one release store (or to compare with one acquire load); 0 only
     *     for length and tag both 0
     */
    public static long headerWord(final int length, final int tag) {
        return LITTLE_ENDIAN
                ? ((long) tag << 32) | (length & 0xFFFF_FFFFL)
                : ((long) length << 32) | (tag & 0xFFFF_FFFFL);
    }

    /**
     * The tag of the message with {@code sequence}: {@link #TYPE_MESSAGE} and the sequence's low
     * {@value #SEQUENCE_BITS} bits.
     *
     * @param sequence the message's sequence
     * @return the tag for {@link #headerWord}
     */
    public static int messageTag(final long sequence) {
        return ((int) sequence << TYPE_BITS) | TYPE_MESSAGE;
    }

    /**
     * The length in a header word.
     *
     * @param headerWord a word as {@link #headerWord} builds it, read with one 8-byte access
     * @return the record's length in bytes (header plus payload, unaligned), not checked
     */
    public static int lengthOf(final long headerWord) {
        return LITTLE_ENDIAN ? (int) headerWord : (int) (headerWord >>> 32);
    }

    /**
     * The tag in a header word.
     *
     * @param headerWord a word as {@link #headerWord} builds it, read with one 8-byte access
     * @return the record's tag: type and, in a message, the sequence's low bits; not checked
     */
    public static int tagOf(final long headerWord) {
        return LITTLE_ENDIAN ? (int) (headerWord >>> 32) : (int) headerWord;
    }

    /**
     * The type in a header word.
     *
     * @param headerWord a word as {@link #headerWord} builds it, read with one 8-byte access
     * @return the record's type, the tag's low {@value #TYPE_BITS} bits, not checked
     */
    public static int typeOf(final long headerWord) {
        return tagOf(headerWord) & TYPE_MASK;
    }

    /**
     * The low {@value #SEQUENCE_BITS} bits of a message's sequence, as its header word carries them.
     *
     * @param headerWord a message's header word
     * @return the bits, from 0 to {@code 2^28 - 1}
     */
    public static int sequenceBitsOf(final long headerWord) {
        return tagOf(headerWord) >>> TYPE_BITS;
    }

    /**
     * The sequence whose low {@value #SEQUENCE_BITS} bits are {@code bits}, at or before {@code
     * bound} and less than {@code 2^28} before it: how a new consumer finds the sequence of the message
     * at the head from the next sequence its predecessor stored (which is ahead of it by the batch a
     * consumer that died between its two stores did not release, and otherwise equal).
     *
     * @param bound the consumer's stored next sequence
     * @param bits {@link #sequenceBitsOf} the head message's header word
     * @return the head message's sequence
     */
    public static long resolveSequence(final long bound, final int bits) {
        return bound - ((bound - bits) & SEQUENCE_MASK);
    }

    /**
     * {@code length} rounded up to a multiple of {@link #ALIGNMENT}: the bytes a record occupies.
     *
     * @param length a record's length in bytes, from 0 to {@code Integer.MAX_VALUE - 7} (larger values
     *     overflow to a negative result)
     * @return the aligned length in bytes
     */
    public static int align(final int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Whether a committed record of {@code type} and {@code length} at {@code index} is a message that
     * a shmlane producer can have written into a ring of {@code capacity} bytes whose largest payload
     * is {@code maxMessageLength}. The consumer refuses anything else as corrupt; recovery ends there.
     *
     * @param type the type from the record's header word
     * @param length the length from the record's header word, in bytes (header plus payload)
     * @param index byte offset of the record in the data area, from 0 to {@code capacity - 8}
     * @param capacity bytes of the ring's data area
     * @param maxMessageLength largest payload in bytes, {@link #maxMessageLength(int)} of {@code capacity}
     * @return true when the record is a message with a length from {@link #HEADER_LENGTH} to {@code
     *     HEADER_LENGTH + maxMessageLength} whose aligned length ends at or before the end of the ring
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
     *
     * @param length the length from the padding's header word, in bytes
     * @param index byte offset of the padding in the data area
     * @param capacity bytes of the ring's data area
     * @return true when the padding ends exactly at the end of the ring and is shorter than the largest
     *     aligned message record
     */
    public static boolean isWellFormedPadding(final int length, final int index, final int capacity) {
        return length == capacity - index && length < align(HEADER_LENGTH + maxMessageLength(capacity));
    }

    /**
     * Whether {@code position} can be a record's position: a multiple of {@value #ALIGNMENT}. (Any
     * such 64-bit value can be: positions are compared by difference, so they may even wrap.)
     *
     * @param position a byte position as stored in a role slot
     * @return true when {@code position} is a multiple of {@value #ALIGNMENT}
     */
    public static boolean isValidPosition(final long position) {
        return (position & (ALIGNMENT - 1)) == 0;
    }

    /**
     * Largest payload of a ring of {@code capacity} bytes. A record, header included, therefore
     * always fits in the ring with room to spare. The capacity is not checked.
     *
     * @param capacity bytes of the ring's data area
     * @return the largest payload in bytes: {@code capacity / 8}
     */
    public static int maxMessageLength(final int capacity) {
        return capacity / 8;
    }
}
