package io.shmlane.relaxed;

/** One simulated thread of an execution: its vector clock and what its fences need. */
final class ThreadState {
    final int id;
    final String name;
    final Execution execution;
    final Runnable body;
    /** Vector clock: component {@code t} is the last epoch of thread {@code t} that happens before here. */
    final long[] clock;
    /** Join of the release clocks this thread read with plain or opaque loads: an acquire fence takes it. */
    final long[] pendingAcquire;
    /** The clock at this thread's last release fence, carried by its later stores; or null. */
    long[] fenceRelease;

    volatile Thread thread;
    volatile boolean finished;
    Throwable failure;

    ThreadState(final int id, final String name, final Execution execution, final Runnable body, final int threads) {
        this.id = id;
        this.name = name;
        this.execution = execution;
        this.body = body;
        this.clock = new long[threads];
        this.clock[id] = 1;
        this.pendingAcquire = new long[threads];
    }

    static void join(final long[] into, final long[] from) {
        for (int i = 0; i < into.length; i++) {
            if (from[i] > into[i]) {
                into[i] = from[i];
            }
        }
    }
}
