package io.shmlane.idle;

/** Spins a while, then yields the core on every further idle call. */
public final class SpinYieldIdleStrategy implements IdleStrategy {
    /** Spins before the first yield. */
    public static final int DEFAULT_SPINS = 1_000;

    private final int maxSpins;
    private int spins;

    /** A strategy that spins {@value #DEFAULT_SPINS} times before it yields. */
    public SpinYieldIdleStrategy() {
        this(DEFAULT_SPINS);
    }

    /**
     * A strategy that spins {@code maxSpins} times before it yields.
     *
     * @param maxSpins {@link Thread#onSpinWait()} calls before the first yield; 0 yields at once
     * @throws IllegalArgumentException when {@code maxSpins} is negative
     */
    public SpinYieldIdleStrategy(final int maxSpins) {
        if (maxSpins < 0) {
            throw new IllegalArgumentException("maxSpins must not be negative: " + maxSpins);
        }
        this.maxSpins = maxSpins;
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    @Override
    public void reset() {
        spins = 0;
    }

    /**
     * The setting and where the current wait stands, for logs and debugging.
     *
     * @return for example {@code SpinYieldIdleStrategy{spins=1000/1000}}: spins done of their maximum (the
     *     wait yields once they are all done)
     */
    @Override
    public String toString() {
        return "SpinYieldIdleStrategy{spins=" + spins + "/" + maxSpins + "}";
    }
}
