package io.shmlane.relaxed;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The targets of the rewritten call sites ({@link AccessRewriter}): one static method per
 * {@code VarHandle} access mode and value type over a {@code ByteBuffer}, and per absolute
 * {@code ByteBuffer} accessor. On a thread of a relaxed execution and a direct buffer each goes
 * through the model ({@link Execution}); anywhere else it does exactly what the original call did.
 *
 * <p>Names are the {@code VarHandle} method's followed by the value type's descriptor letter
 * ({@code getAcquire_J}); {@code ByteBuffer} methods are prefixed {@code bb_}. Public because
 * rewritten classes in any package call them; not an API.
 */
public final class Access {
    private static final Map<VarHandle, Boolean> LITTLE_ENDIAN = new ConcurrentHashMap<>();

    private Access() {}

    private static ThreadState simulated(final ByteBuffer buffer) {
        ThreadState t = Execution.CURRENT.get();
        return t != null && buffer.isDirect() && !t.execution.unsimulated() ? t : null;
    }

    // ------------------------------------------------------------------ VarHandle, long

    public static long get_J(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (long) vh.get(bb, index) : loadLong(t, vh, bb, index, AccessMode.PLAIN);
    }

    public static long getOpaque_J(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (long) vh.getOpaque(bb, index) : loadLong(t, vh, bb, index, AccessMode.OPAQUE);
    }

    public static long getAcquire_J(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (long) vh.getAcquire(bb, index) : loadLong(t, vh, bb, index, AccessMode.ACQUIRE);
    }

    public static long getVolatile_J(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (long) vh.getVolatile(bb, index) : loadLong(t, vh, bb, index, AccessMode.VOLATILE);
    }

    public static void set_J(final VarHandle vh, final ByteBuffer bb, final int index, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.set(bb, index, value);
        } else {
            storeLong(t, vh, bb, index, value, AccessMode.PLAIN);
        }
    }

    public static void setOpaque_J(final VarHandle vh, final ByteBuffer bb, final int index, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setOpaque(bb, index, value);
        } else {
            storeLong(t, vh, bb, index, value, AccessMode.OPAQUE);
        }
    }

    public static void setRelease_J(final VarHandle vh, final ByteBuffer bb, final int index, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setRelease(bb, index, value);
        } else {
            storeLong(t, vh, bb, index, value, AccessMode.RELEASE);
        }
    }

    public static void setVolatile_J(final VarHandle vh, final ByteBuffer bb, final int index, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setVolatile(bb, index, value);
        } else {
            storeLong(t, vh, bb, index, value, AccessMode.VOLATILE);
        }
    }

    public static boolean compareAndSet_J(
            final VarHandle vh, final ByteBuffer bb, final int index, final long expected, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return vh.compareAndSet(bb, index, expected, value);
        }
        return t.execution.compareAndSet(t, bb, index, 8, toMemory(vh, expected, 8), toMemory(vh, value, 8));
    }

    // ------------------------------------------------------------------ VarHandle, int

    public static int get_I(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (int) vh.get(bb, index) : loadInt(t, vh, bb, index, AccessMode.PLAIN);
    }

    public static int getOpaque_I(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (int) vh.getOpaque(bb, index) : loadInt(t, vh, bb, index, AccessMode.OPAQUE);
    }

    public static int getAcquire_I(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (int) vh.getAcquire(bb, index) : loadInt(t, vh, bb, index, AccessMode.ACQUIRE);
    }

    public static int getVolatile_I(final VarHandle vh, final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        return t == null ? (int) vh.getVolatile(bb, index) : loadInt(t, vh, bb, index, AccessMode.VOLATILE);
    }

    public static void set_I(final VarHandle vh, final ByteBuffer bb, final int index, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.set(bb, index, value);
        } else {
            storeInt(t, vh, bb, index, value, AccessMode.PLAIN);
        }
    }

    public static void setOpaque_I(final VarHandle vh, final ByteBuffer bb, final int index, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setOpaque(bb, index, value);
        } else {
            storeInt(t, vh, bb, index, value, AccessMode.OPAQUE);
        }
    }

    public static void setRelease_I(final VarHandle vh, final ByteBuffer bb, final int index, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setRelease(bb, index, value);
        } else {
            storeInt(t, vh, bb, index, value, AccessMode.RELEASE);
        }
    }

    public static void setVolatile_I(final VarHandle vh, final ByteBuffer bb, final int index, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            vh.setVolatile(bb, index, value);
        } else {
            storeInt(t, vh, bb, index, value, AccessMode.VOLATILE);
        }
    }

    public static boolean compareAndSet_I(
            final VarHandle vh, final ByteBuffer bb, final int index, final int expected, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return vh.compareAndSet(bb, index, expected, value);
        }
        return t.execution.compareAndSet(t, bb, index, 4, toMemory(vh, expected, 4), toMemory(vh, value, 4));
    }

    // ------------------------------------------------------------------ fences

    public static void fullFence() {
        ThreadState t = Execution.CURRENT.get();
        if (t == null || t.execution.unsimulated()) {
            VarHandle.fullFence();
        } else {
            t.execution.fence(t, true, true, true);
        }
    }

    public static void acquireFence() {
        ThreadState t = Execution.CURRENT.get();
        if (t == null || t.execution.unsimulated()) {
            VarHandle.acquireFence();
        } else {
            t.execution.fence(t, true, false, false);
        }
    }

    public static void releaseFence() {
        ThreadState t = Execution.CURRENT.get();
        if (t == null || t.execution.unsimulated()) {
            VarHandle.releaseFence();
        } else {
            t.execution.fence(t, false, true, false);
        }
    }

    /** Modelled as an acquire fence: it orders earlier loads before later loads and stores. */
    public static void loadLoadFence() {
        ThreadState t = Execution.CURRENT.get();
        if (t == null || t.execution.unsimulated()) {
            VarHandle.loadLoadFence();
        } else {
            t.execution.fence(t, true, false, false);
        }
    }

    /** Modelled as a release fence, which also orders earlier loads: a little stronger than the JDK's. */
    public static void storeStoreFence() {
        ThreadState t = Execution.CURRENT.get();
        if (t == null || t.execution.unsimulated()) {
            VarHandle.storeStoreFence();
        } else {
            t.execution.fence(t, false, true, false);
        }
    }

    // ------------------------------------------------------------------ ByteBuffer: plain, byte by byte

    public static byte bb_get(final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.get(index);
        }
        bb.get(index); // the buffer's own bounds check
        return (byte) t.execution.load(t, bb, index, 1, AccessMode.PLAIN);
    }

    public static ByteBuffer bb_put(final ByteBuffer bb, final int index, final byte value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.put(index, value);
        }
        checkWritable(bb, index, 1);
        t.execution.store(t, bb, index, 1, value & 0xFFL, AccessMode.PLAIN);
        return bb;
    }

    public static short bb_getShort(final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.getShort(index);
        }
        bb.getShort(index);
        return (short) fromMemory(loadBytes(t, bb, index, 2), 2, bb.order() == ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer bb_putShort(final ByteBuffer bb, final int index, final short value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.putShort(index, value);
        }
        checkWritable(bb, index, 2);
        storeBytes(t, bb, index, 2, toMemory(value, 2, bb.order() == ByteOrder.LITTLE_ENDIAN));
        return bb;
    }

    public static int bb_getInt(final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.getInt(index);
        }
        bb.getInt(index);
        return (int) fromMemory(loadBytes(t, bb, index, 4), 4, bb.order() == ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer bb_putInt(final ByteBuffer bb, final int index, final int value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.putInt(index, value);
        }
        checkWritable(bb, index, 4);
        storeBytes(t, bb, index, 4, toMemory(value, 4, bb.order() == ByteOrder.LITTLE_ENDIAN));
        return bb;
    }

    public static long bb_getLong(final ByteBuffer bb, final int index) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.getLong(index);
        }
        bb.getLong(index);
        return fromMemory(loadBytes(t, bb, index, 8), 8, bb.order() == ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer bb_putLong(final ByteBuffer bb, final int index, final long value) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.putLong(index, value);
        }
        checkWritable(bb, index, 8);
        storeBytes(t, bb, index, 8, toMemory(value, 8, bb.order() == ByteOrder.LITTLE_ENDIAN));
        return bb;
    }

    public static ByteBuffer bb_get(
            final ByteBuffer bb, final int index, final byte[] dst, final int offset, final int length) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.get(index, dst, offset, length);
        }
        checkRange(bb, index, dst.length, offset, length);
        for (int i = 0; i < length; i++) {
            dst[offset + i] = (byte) t.execution.load(t, bb, index + i, 1, AccessMode.PLAIN);
        }
        return bb;
    }

    public static ByteBuffer bb_get(final ByteBuffer bb, final int index, final byte[] dst) {
        return bb_get(bb, index, dst, 0, dst.length);
    }

    public static ByteBuffer bb_put(
            final ByteBuffer bb, final int index, final byte[] src, final int offset, final int length) {
        ThreadState t = simulated(bb);
        if (t == null) {
            return bb.put(index, src, offset, length);
        }
        checkRange(bb, index, src.length, offset, length);
        checkWritable(bb, index, length);
        for (int i = 0; i < length; i++) {
            t.execution.store(t, bb, index + i, 1, src[offset + i] & 0xFFL, AccessMode.PLAIN);
        }
        return bb;
    }

    public static ByteBuffer bb_put(final ByteBuffer bb, final int index, final byte[] src) {
        return bb_put(bb, index, src, 0, src.length);
    }

    public static ByteBuffer bb_put(
            final ByteBuffer bb, final int index, final ByteBuffer src, final int offset, final int length) {
        ThreadState t = simulated(bb);
        ThreadState s = simulated(src);
        if (t == null && s == null) {
            return bb.put(index, src, offset, length);
        }
        byte[] bytes = new byte[length];
        bb_get(src, offset, bytes, 0, length);
        return bb_put(bb, index, bytes, 0, length);
    }

    // ------------------------------------------------------------------ conversions

    private static long loadLong(
            final ThreadState t, final VarHandle vh, final ByteBuffer bb, final int index, final AccessMode mode) {
        checkAligned(bb, index, 8);
        return fromMemory(t.execution.load(t, bb, index, 8, mode), 8, littleEndian(vh));
    }

    private static int loadInt(
            final ThreadState t, final VarHandle vh, final ByteBuffer bb, final int index, final AccessMode mode) {
        checkAligned(bb, index, 4);
        return (int) fromMemory(t.execution.load(t, bb, index, 4, mode), 4, littleEndian(vh));
    }

    private static void storeLong(
            final ThreadState t,
            final VarHandle vh,
            final ByteBuffer bb,
            final int index,
            final long value,
            final AccessMode mode) {
        checkAligned(bb, index, 8);
        checkWritable(bb, index, 8);
        t.execution.store(t, bb, index, 8, toMemory(vh, value, 8), mode);
    }

    private static void storeInt(
            final ThreadState t,
            final VarHandle vh,
            final ByteBuffer bb,
            final int index,
            final int value,
            final AccessMode mode) {
        checkAligned(bb, index, 4);
        checkWritable(bb, index, 4);
        t.execution.store(t, bb, index, 4, toMemory(vh, value, 4), mode);
    }

    /** A multi-byte {@code ByteBuffer} access: plain and not atomic, so one load per byte. */
    private static long loadBytes(final ThreadState t, final ByteBuffer bb, final int index, final int size) {
        long bits = 0;
        for (int k = 0; k < size; k++) {
            bits |= t.execution.load(t, bb, index + k, 1, AccessMode.PLAIN) << (8 * k);
        }
        return bits;
    }

    private static void storeBytes(
            final ThreadState t, final ByteBuffer bb, final int index, final int size, final long bits) {
        for (int k = 0; k < size; k++) {
            t.execution.store(t, bb, index + k, 1, (bits >>> (8 * k)) & 0xFF, AccessMode.PLAIN);
        }
    }

    private static long toMemory(final VarHandle vh, final long value, final int size) {
        return toMemory(value, size, littleEndian(vh));
    }

    static long toMemory(final long value, final int size, final boolean littleEndian) {
        long bits = littleEndian ? value : Long.reverseBytes(value) >>> (64 - 8 * size);
        return size == 8 ? bits : bits & ((1L << (8 * size)) - 1);
    }

    static long fromMemory(final long bits, final int size, final boolean littleEndian) {
        long value = littleEndian ? bits : Long.reverseBytes(bits) >>> (64 - 8 * size);
        int shift = 64 - 8 * size;
        return (value << shift) >> shift; // sign-extend as the narrower type would
    }

    /** Whether {@code vh} (a byte-buffer view) is little-endian: found once by writing a 1 into a heap buffer. */
    private static boolean littleEndian(final VarHandle vh) {
        Boolean cached = LITTLE_ENDIAN.get(vh);
        if (cached == null) {
            ByteBuffer probe = ByteBuffer.allocate(8);
            Class<?> type = vh.varType();
            if (type == long.class) {
                vh.set(probe, 0, 1L);
            } else if (type == int.class) {
                vh.set(probe, 0, 1);
            } else {
                throw new UnsupportedOperationException("relaxed mode supports int and long views, not " + type);
            }
            cached = probe.get(0) == 1;
            LITTLE_ENDIAN.put(vh, cached);
        }
        return cached;
    }

    private static void checkAligned(final ByteBuffer bb, final int index, final int size) {
        if (index < 0 || index > bb.capacity() - size) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " of " + size + " bytes in a buffer of " + bb.capacity());
        }
        if ((bb.alignmentOffset(index, size)) != 0) {
            throw new IllegalStateException("Misaligned access at index: " + index);
        }
    }

    private static void checkWritable(final ByteBuffer bb, final int index, final int size) {
        if (bb.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (index < 0 || index > bb.limit() - size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size + " bytes, limit " + bb.limit());
        }
    }

    private static void checkRange(
            final ByteBuffer bb, final int index, final int arrayLength, final int offset, final int length) {
        if (index < 0 || length < 0 || index > bb.limit() - length || offset < 0 || offset > arrayLength - length) {
            throw new IndexOutOfBoundsException(
                    "index " + index + ", offset " + offset + ", length " + length + ", limit " + bb.limit());
        }
    }
}
