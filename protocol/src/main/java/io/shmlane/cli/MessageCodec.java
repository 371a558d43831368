package io.shmlane.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The command line's test messages: {@code Msg-N} in ASCII, as the seed sent them, optionally padded
 * to a fixed size and closed by a checksum so that a torn payload is detected.
 *
 * <pre>
 *  "Msg-" decimal N | '#' | filler bytes (depend on N and position) | CRC32C of all before (4 bytes, big endian)
 * </pre>
 *
 * A size of 0 means the bare text. The filler differs from message to message, so bytes of two
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

    private final CRC32C crc = new CRC32C();
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
        crc.reset();
        crc.update(dst, 0, fillEnd);
        int value = (int) crc.getValue();
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
        if (digits == 0) {
            return MALFORMED;
        }
        if (i == length) {
            return n; // bare text
        }
        if (src[i] != '#' || length < i + 1 + CHECKSUM_LENGTH) {
            return MALFORMED;
        }
        int fillEnd = length - CHECKSUM_LENGTH;
        crc.reset();
        crc.update(src, 0, fillEnd);
        int expected = (int) crc.getValue();
        int actual = ((src[fillEnd] & 0xFF) << 24)
                | ((src[fillEnd + 1] & 0xFF) << 16)
                | ((src[fillEnd + 2] & 0xFF) << 8)
                | (src[fillEnd + 3] & 0xFF);
        return expected == actual ? n : BAD_CHECKSUM;
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
