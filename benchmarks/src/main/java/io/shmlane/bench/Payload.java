package io.shmlane.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Benchmark messages: a payload of letters with the message's sequence number written in its first
 * and its last 8 bytes (native order). The consumer reads both: it touches the head and the tail of
 * every payload, checks the order, and sees a torn message as two different numbers.
 */
public final class Payload {
    private static final VarHandle ARRAY_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle BUFFER_LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Payload() {}

    /** A payload of {@code length} letters, to be stamped before each send. */
    public static byte[] template(final int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /** Writes {@code sequence} at both ends of {@code bytes[0, length)}. */
    public static void stamp(final byte[] bytes, final int length, final long sequence) {
        ARRAY_LONG.set(bytes, 0, sequence);
        ARRAY_LONG.set(bytes, length - 8, sequence);
    }

    /** Writes {@code sequence} at both ends of {@code buffer[index, index + length)}, absolute. */
    public static void stamp(final ByteBuffer buffer, final int index, final int length, final long sequence) {
        BUFFER_LONG.set(buffer, index, sequence);
        BUFFER_LONG.set(buffer, index + length - 8, sequence);
    }

    /** The sequence at the head of {@code bytes}. */
    public static long head(final byte[] bytes) {
        return (long) ARRAY_LONG.get(bytes, 0);
    }

    /** The sequence at the tail of {@code bytes[0, length)}. */
    public static long tail(final byte[] bytes, final int length) {
        return (long) ARRAY_LONG.get(bytes, length - 8);
    }

    /** The sequence at the head of the payload at {@code index}. */
    public static long head(final ByteBuffer buffer, final int index) {
        return (long) BUFFER_LONG.get(buffer, index);
    }

    /** The sequence at the tail of the payload {@code [index, index + length)}. */
    public static long tail(final ByteBuffer buffer, final int index, final int length) {
        return (long) BUFFER_LONG.get(buffer, index + length - 8);
    }
}
