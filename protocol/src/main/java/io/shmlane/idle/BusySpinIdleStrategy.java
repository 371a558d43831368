package io.shmlane.idle;

/**
 * Spins with {@link Thread#onSpinWait()}: the lowest latency, and a whole core burnt while waiting.
 * Use only with a core per waiting thread; on a 2-core machine with two spinning processes and a JIT
 * it starves someone.
 */
public final class BusySpinIdleStrategy implements IdleStrategy {
    /** A busy-spin strategy; it holds no state. */
    public BusySpinIdleStrategy() {}

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {}
}
