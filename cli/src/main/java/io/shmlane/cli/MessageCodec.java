package io.shmlane.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The command line's test messages: {@code Msg-N} in ASCII, as the seed sent them, optionally padded
 * to a fixed size and closed by a checksum so that a torn payload is detected.
 *
 * <pre>
 *  "Msg-" decimal N | '#' | filler bytes (depend on N and position) | CRC32C (4 bytes, big endian)
 * </pre>
 *
 * The checksum covers every byte before it; it sits in the last 4 bytes of the length the record
 * gives, so a payload cut short or extended by a wrong length fails it like damaged bytes (CRC32C
 * starts from all ones: leading and trailing zeros count).
 *
 * A size of 0 means the bare text; a decoder takes the form of the first message it decodes for the
 * whole stream, so a padded message cut short after its digits is not taken for bare text. The filler differs from message to message, so bytes of two
 * messages mixed in one payload fail the checksum. Not thread-safe; no allocation per message.
 */
final class MessageCodec {
    /** Smallest padded size: the text of the largest N, '#' and the checksum fit. */
    static final int MIN_PADDED_SIZE = 32;

    /** {@link #decode} result for a payload that is not a {@code Msg-N} message. */
    static final long MALFORMED = -1;
    /** {@link #decode} result for a payload whose checksum does not match: torn. */
    static final long BAD_CHECKSUM = -2;

    private static final byte[] PREFIX = "Msg-".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_LENGTH = 4;
    private static final int ALPHABET = 26;
    /** A multiple of 26, so every run of the filler starts at the same phase. */
    private static final int FILLER_RUN = ALPHABET * 1024;

    private static final byte[] FILLER = filler();

    private static final int BARE = 1;
    private static final int PADDED = 2;

    private final CRC32C crc = new CRC32C();
    /** BARE or PADDED once a message decoded: a producer sends one or the other, never both. */
    private int form;

    private final byte[] scratch;

    MessageCodec(final int maxLength) {
        this.scratch = new byte[Math.max(maxLength, MIN_PADDED_SIZE)];
    }

    /** Writes message {@code n} of {@code size} bytes (0: bare text) into {@code dst}; returns its length. */
    int encode(final long n, final byte[] dst, final int size) {
        int length = PREFIX.length;
        System.arraycopy(PREFIX, 0, dst, 0, length);
        length = writeDecimal(n, dst, length);
        if (size == 0) {
            return length;
        }
        dst[length++] = '#';
        int fillEnd = size - CHECKSUM_LENGTH;
        fill(dst, length, fillEnd, (int) ((n % ALPHABET + length) % ALPHABET));
        int value = checksum(dst, fillEnd);
        dst[fillEnd] = (byte) (value >>> 24);
        dst[fillEnd + 1] = (byte) (value >>> 16);
        dst[fillEnd + 2] = (byte) (value >>> 8);
        dst[fillEnd + 3] = (byte) value;
        return size;
    }

    /** Decodes the message at {@code index} of {@code buffer}: its N, or {@link #MALFORMED} or {@link #BAD_CHECKSUM}. */
    long decode(final ByteBuffer buffer, final int index, final int length) {
        if (length > scratch.length) {
            return MALFORMED;
        }
        buffer.get(index, scratch, 0, length);
        return decode(scratch, length);
    }

    /** Decodes the message in the first {@code length} bytes of {@code src}. */
    long decode(final byte[] src, final int length) {
        if (length <= PREFIX.length) {
            return MALFORMED;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (src[i] != PREFIX[i]) {
                return MALFORMED;
            }
        }
        long n = 0;
        int i = PREFIX.length;
        int digits = 0;
        while (i < length && src[i] >= '0' && src[i] <= '9' && digits < 19) {
            n = n * 10 + (src[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || n < 0 || (digits > 1 && src[PREFIX.length] == '0')) {
            return MALFORMED; // no digits, more than Long.MAX_VALUE, or a leading zero: never encoded
        }
        if (i == length) {
            // bare text, unless the stream is padded: then it is a padded message cut after its digits
            return learnForm(BARE) ? n : MALFORMED;
        }
        if (src[i] != '#' || length < i + 1 + CHECKSUM_LENGTH || !learnForm(PADDED)) {
            return MALFORMED;
        }
        int fillEnd = length - CHECKSUM_LENGTH;
        int expected = checksum(src, fillEnd);
        int actual = ((src[fillEnd] & 0xFF) << 24)
                | ((src[fillEnd + 1] & 0xFF) << 16)
                | ((src[fillEnd + 2] & 0xFF) << 8)
                | (src[fillEnd + 3] & 0xFF);
        return expected == actual ? n : BAD_CHECKSUM;
    }

    /** Whether a message of {@code messageForm} fits the stream's form (the first message sets it). */
    private boolean learnForm(final int messageForm) {
        if (form == 0) {
            form = messageForm;
        }
        return form == messageForm;
    }

    /** CRC32C of {@code bytes[0, end)}. */
    private int checksum(final byte[] bytes, final int end) {
        crc.reset();
        crc.update(bytes, 0, end);
        return (int) crc.getValue();
    }

    /** Writes 'a' + (phase + k) % 26 at dst[from + k], by copying runs of the alphabet. */
    private static void fill(final byte[] dst, final int from, final int to, final int phase) {
        int position = from;
        while (position < to) {
            int run = Math.min(to - position, FILLER_RUN);
            System.arraycopy(FILLER, phase, dst, position, run);
            position += run;
        }
    }

    private static byte[] filler() {
        byte[] bytes = new byte[FILLER_RUN + ALPHABET];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % ALPHABET);
        }
        return bytes;
    }

    private static int writeDecimal(final long value, final byte[] dst, final int offset) {
        if (value == 0) {
            dst[offset] = '0';
            return offset + 1;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        long v = value;
        for (int i = offset + digits - 1; i >= offset; i--) {
            dst[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return offset + digits;
    }
}
