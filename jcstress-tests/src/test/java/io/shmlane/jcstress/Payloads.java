package io.shmlane.jcstress;

import java.nio.ByteBuffer;

/**
 * Payloads whose every byte says which message it belongs to, and the checks the jcstress tests run
 * on a payload read in place. A payload is "whole" only when every byte is the one its message wrote:
 * a stale, half-written or overwritten payload always shows.
 *
 * <p>The names returned are the words of the tests' outcomes: {@link #ZERO} (never written), a message
 * name such as {@code "A"}, or {@link #TORN} (anything else: a mixture, a wrong length).
 */
public final class Payloads {
    /** Outcome word: nothing was read. */
    public static final String NONE = "NONE";
    /** Outcome word: every byte read was 0, the payload was not written yet as far as the reader saw. */
    public static final String ZERO = "ZERO";
    /** Outcome word: the bytes read are no single message (a mixture, or a length that fits no message). */
    public static final String TORN = "TORN";

    private Payloads() {}

    /** Byte {@code i} of message {@code id}: never 0, and different for neighbouring ids and indices. */
    public static byte expected(final int id, final int i) {
        return (byte) (1 + Math.floorMod(id * 37 + i, 255));
    }

    /** The payload of message {@code id}, {@code length} bytes. */
    public static byte[] message(final int id, final int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = expected(id, i);
        }
        return payload;
    }

    /** Whether the {@code length} bytes at absolute {@code index} are exactly message {@code id}. */
    public static boolean isMessage(final ByteBuffer buffer, final int index, final int length, final int id) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(index + i) != expected(id, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the {@code length} bytes at absolute {@code index} are all 0. */
    public static boolean isZero(final ByteBuffer buffer, final int index, final int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(index + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a reader found: {@code name} when {@code length} is {@code expectedLength} and the bytes are
     * message {@code id}; {@link #ZERO} when the bytes it would have read are all 0; else {@link #TORN}.
     */
    public static String classify(
            final ByteBuffer buffer,
            final int index,
            final int length,
            final int expectedLength,
            final int id,
            final String name) {
        if (length == expectedLength && isMessage(buffer, index, length, id)) {
            return name;
        }
        if (isZero(buffer, index, Math.max(0, Math.min(length, expectedLength)))) {
            return ZERO;
        }
        return TORN;
    }

    /**
     * As {@link #classify(ByteBuffer, int, int, int, int, String)} with two candidate messages: the
     * name of the one the bytes are, {@link #ZERO} or {@link #TORN}.
     */
    public static String classify(
            final ByteBuffer buffer,
            final int index,
            final int length,
            final int lengthA,
            final int idA,
            final String nameA,
            final int lengthB,
            final int idB,
            final String nameB) {
        if (length == lengthA && isMessage(buffer, index, length, idA)) {
            return nameA;
        }
        if (length == lengthB && isMessage(buffer, index, length, idB)) {
            return nameB;
        }
        if (length >= 0 && isZero(buffer, index, Math.min(length, Math.max(lengthA, lengthB)))) {
            return ZERO;
        }
        return TORN;
    }

    /** Whether the first {@code length} bytes of {@code bytes} are exactly message {@code id}. */
    public static boolean isMessage(final byte[] bytes, final int length, final int id) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != expected(id, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the first {@code length} bytes of {@code bytes} are all 0. */
    public static boolean isZero(final byte[] bytes, final int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** As the buffer version, for {@code length} bytes copied into {@code bytes}. */
    public static String classify(
            final byte[] bytes, final int length, final int expectedLength, final int id, final String name) {
        if (length == expectedLength && isMessage(bytes, length, id)) {
            return name;
        }
        if (length >= 0 && isZero(bytes, Math.min(length, expectedLength))) {
            return ZERO;
        }
        return TORN;
    }

    /** As the buffer version, for {@code length} bytes copied into {@code bytes}. */
    public static String classify(
            final byte[] bytes,
            final int length,
            final int lengthA,
            final int idA,
            final String nameA,
            final int lengthB,
            final int idB,
            final String nameB) {
        if (length == lengthA && isMessage(bytes, length, idA)) {
            return nameA;
        }
        if (length == lengthB && isMessage(bytes, length, idB)) {
            return nameB;
        }
        if (length >= 0 && isZero(bytes, Math.min(length, Math.max(lengthA, lengthB)))) {
            return ZERO;
        }
        return TORN;
    }
}
