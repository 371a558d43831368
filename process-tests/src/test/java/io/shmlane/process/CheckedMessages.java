package io.shmlane.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The command line's padded test message, written and read by the crash-point children: {@code Msg-N},
 * {@code '#'}, filler, and a CRC32C (big endian) of every byte before it in the last 4 bytes. The
 * shmlane {@code consumer} command checks what these children send, and these children check what the
 * {@code producer} command sends, so the two formats cannot drift apart unnoticed.
 */
final class CheckedMessages {
    /** The smallest padded message (the command line's {@code MIN_PADDED_SIZE}). */
    static final int MIN_SIZE = 32;

    /** {@link #decode} of a payload that is no {@code Msg-N} message. */
    static final long MALFORMED = -1;

    /** {@link #decode} of a payload whose checksum does not match: torn. */
    static final long TORN = -2;

    private static final byte[] PREFIX = "Msg-".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_LENGTH = 4;

    private final CRC32C crc = new CRC32C();
    private final byte[] scratch;

    CheckedMessages(final int maxSize) {
        this.scratch = new byte[Math.max(maxSize, MIN_SIZE)];
    }

    /** Writes message {@code n} of {@code size} bytes ({@code >= MIN_SIZE}) into {@code dst}; returns {@code size}. */
    int encode(final long n, final byte[] dst, final int size) {
        byte[] digits = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(PREFIX, 0, dst, 0, PREFIX.length);
        System.arraycopy(digits, 0, dst, PREFIX.length, digits.length);
        int at = PREFIX.length + digits.length;
        dst[at++] = '#';
        int end = size - CHECKSUM_LENGTH;
        for (int i = at; i < end; i++) {
            dst[i] = (byte) ('a' + (int) ((n + i) % 26));
        }
        int value = checksum(dst, end);
        dst[end] = (byte) (value >>> 24);
        dst[end + 1] = (byte) (value >>> 16);
        dst[end + 2] = (byte) (value >>> 8);
        dst[end + 3] = (byte) value;
        return size;
    }

    /** N of the message at {@code index} of {@code buffer}, or {@link #MALFORMED} or {@link #TORN}. */
    long decode(final ByteBuffer buffer, final int index, final int length) {
        if (length > scratch.length || length < PREFIX.length + 2 + CHECKSUM_LENGTH) {
            return MALFORMED;
        }
        buffer.get(index, scratch, 0, length);
        for (int i = 0; i < PREFIX.length; i++) {
            if (scratch[i] != PREFIX[i]) {
                return MALFORMED;
            }
        }
        long n = 0;
        int i = PREFIX.length;
        while (i < length && scratch[i] >= '0' && scratch[i] <= '9' && i < PREFIX.length + 18) {
            n = n * 10 + (scratch[i] - '0');
            i++;
        }
        if (i == PREFIX.length || i >= length || scratch[i] != '#' || length < i + 1 + CHECKSUM_LENGTH) {
            return MALFORMED;
        }
        int end = length - CHECKSUM_LENGTH;
        int actual = ((scratch[end] & 0xFF) << 24)
                | ((scratch[end + 1] & 0xFF) << 16)
                | ((scratch[end + 2] & 0xFF) << 8)
                | (scratch[end + 3] & 0xFF);
        return checksum(scratch, end) == actual ? n : TORN;
    }

    private int checksum(final byte[] bytes, final int end) {
        crc.reset();
        crc.update(bytes, 0, end);
        return (int) crc.getValue();
    }
}
