package io.shmlane.idle;

/**
 * What a thread does while it waits for the other side: for room to write or for a message to read.
 * Instances keep state (how long the wait has lasted) and belong to one thread.
 */
public interface IdleStrategy {
    /** Idles once more if {@code workCount} is zero; resets if work was done. */
    default void idle(final int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    /** Idles once; successive calls may back off further. */
    void idle();

    /** Starts the next wait from the beginning (after work was done). */
    void reset();

    /**
     * The strategy named {@code name}: {@code spin}, {@code yield} or {@code backoff}.
     *
     * @throws IllegalArgumentException for any other name
     */
    static IdleStrategy named(final String name) {
        switch (name) {
            case "spin":
                return new BusySpinIdleStrategy();
            case "yield":
                return new SpinYieldIdleStrategy();
            case "backoff":
                return BackoffIdleStrategy.defaults();
            default:
                throw new IllegalArgumentException("unknown idle strategy '" + name + "': use spin, yield or backoff");
        }
    }

    /** The default: spin, then yield, then park with backoff. Behaves well with fewer cores than threads. */
    static IdleStrategy defaults() {
        return BackoffIdleStrategy.defaults();
    }
}
