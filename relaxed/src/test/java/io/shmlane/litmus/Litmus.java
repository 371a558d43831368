package io.shmlane.litmus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The accesses of the litmus tests: locations {@link #X} and {@link #Y} (8-byte words on separate
 * cache lines of a direct buffer), read and written in one of four ways. This class is rewritten by
 * the relaxed class loader like the tests, so each call site below is one simulated access.
 */
final class Litmus {
    static final int X = 0;
    static final int Y = 64;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** How a litmus test accesses its locations. */
    enum Kind {
        /** {@code get}/{@code set}. */
        PLAIN,
        /** {@code getOpaque}/{@code setOpaque}. */
        OPAQUE,
        /** {@code getAcquire}/{@code setRelease}. */
        RELEASE_ACQUIRE,
        /** {@code getVolatile}/{@code setVolatile}. */
        VOLATILE
    }

    private Litmus() {}

    static ByteBuffer memory() {
        return ByteBuffer.allocateDirect(128).order(ByteOrder.nativeOrder());
    }

    static int load(final Kind kind, final ByteBuffer b, final int index) {
        switch (kind) {
            case PLAIN:
                return (int) (long) LONG.get(b, index);
            case OPAQUE:
                return (int) (long) LONG.getOpaque(b, index);
            case RELEASE_ACQUIRE:
                return (int) (long) LONG.getAcquire(b, index);
            default:
                return (int) (long) LONG.getVolatile(b, index);
        }
    }

    static void store(final Kind kind, final ByteBuffer b, final int index, final long value) {
        switch (kind) {
            case PLAIN:
                LONG.set(b, index, value);
                break;
            case OPAQUE:
                LONG.setOpaque(b, index, value);
                break;
            case RELEASE_ACQUIRE:
                LONG.setRelease(b, index, value);
                break;
            default:
                LONG.setVolatile(b, index, value);
        }
    }
}
