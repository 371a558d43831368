package io.shmlane.relaxed;

/**
 * One store of an execution: up to 8 bytes written by one access, with its place in the modification
 * order ({@code order}), its writer's clock and, for a release, the clock it publishes.
 */
final class Store {
    /** Writer of the initial contents: happens before every access of the execution. */
    static final int INITIAL = -1;

    final long order;
    final int thread;
    final long epoch;
    final long[] releaseClock;
    final AccessMode mode;
    final int index;
    final int size;
    /** The bytes written, byte {@code k} (at {@code index + k}) in bits {@code 8k..8k+7}. */
    final long bits;

    final int step;

    Store(
            final long order,
            final int thread,
            final long epoch,
            final long[] releaseClock,
            final AccessMode mode,
            final int index,
            final int size,
            final long bits,
            final int step) {
        this.order = order;
        this.thread = thread;
        this.epoch = epoch;
        this.releaseClock = releaseClock;
        this.mode = mode;
        this.index = index;
        this.size = size;
        this.bits = bits;
        this.step = step;
    }

    /** The byte this store wrote at absolute {@code address}. */
    int byteAt(final int address) {
        return (int) (bits >>> (8 * (address - index))) & 0xFF;
    }

    /** Whether this store happens before the current point of a thread whose clock is {@code clock}. */
    boolean happensBefore(final long[] clock) {
        return thread == INITIAL || epoch <= clock[thread];
    }
}
