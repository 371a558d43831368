package io.shmlane.idle;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for a time that doubles from {@code minParkNanos} up to
 * {@code maxParkNanos}. A message that arrives within the spin phase is seen at once; a long wait costs
 * almost no CPU, which matters on a machine with as many cores as spinning threads (2 here).
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    private final long maxSpins;
    private final long maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;
    private long spins;
    private long yields;
    private long parkNanos;

    /**
     * A strategy that spins {@code maxSpins} times, then yields {@code maxYields} times, then parks,
     * doubling the park from {@code minParkNanos} up to {@code maxParkNanos}; {@link #reset()} starts
     * again with the spins.
     *
     * @param maxSpins {@link Thread#onSpinWait()} calls before the first yield, 0 or more
     * @param maxYields {@link Thread#yield()} calls before the first park, 0 or more
     * @param minParkNanos the first park, in nanoseconds, at least 1
     * @param maxParkNanos the longest park, in nanoseconds, at least {@code minParkNanos}
     * @throws IllegalArgumentException when a bound is out of range, naming the four values
     */
    public BackoffIdleStrategy(
            final long maxSpins, final long maxYields, final long minParkNanos, final long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("need maxSpins >= 0, maxYields >= 0, 1 <= minParkNanos <= maxParkNanos: "
                    + maxSpins + ", " + maxYields + ", " + minParkNanos + ", " + maxParkNanos);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parkNanos = minParkNanos;
    }

    /**
     * 10,000 spins, 100 yields, then parks from 1 µs up to 1 ms.
     *
     * @return a new strategy with these settings, for one thread
     */
    public static BackoffIdleStrategy defaults() {
        return new BackoffIdleStrategy(10_000, 100, 1_000, 1_000_000);
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = doubled(parkNanos, maxParkNanos);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }

    /**
     * The settings and where the current wait stands, for logs and debugging.
     *
     * @return for example {@code BackoffIdleStrategy{spins=10000/10000, yields=3/100, park=1000ns (1000..1000000)}}:
     *     spins and yields done of their maximum, and the next park with its bounds
     */
    @Override
    public String toString() {
        return "BackoffIdleStrategy{spins=" + spins + "/" + maxSpins + ", yields=" + yields + "/" + maxYields
                + ", park=" + parkNanos + "ns (" + minParkNanos + ".." + maxParkNanos + ")}";
    }

    /** Twice {@code park}, at most {@code max}: doubled only up to half the cap, so it never overflows into a spin. */
    static long doubled(final long park, final long max) {
        return park > max >> 1 ? max : park << 1;
    }
}
