package io.shmlane.idle;

/** Spins a while, then yields the core on every further idle call. */
public final class SpinYieldIdleStrategy implements IdleStrategy {
    /** Spins before the first yield. */
    public static final int DEFAULT_SPINS = 1_000;

    private final int maxSpins;
    private int spins;

    public SpinYieldIdleStrategy() {
        this(DEFAULT_SPINS);
    }

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
}
