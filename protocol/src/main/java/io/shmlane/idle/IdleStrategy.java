package io.shmlane.idle;

/**
 * What a thread does while it waits for the other side: for room to write or for a message to read.
 * Instances keep state (how long the wait has lasted) and belong to one thread.
 */
public interface IdleStrategy {
    /**
     * Idles once more if no work was done; resets if some was, so the next wait starts afresh. For a
     * loop that polls and then idles with the count it got.
     *
     * @param workCount what the last unit of work did (messages handled, for example); zero or less
     *     means nothing
     */
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
     * The strategy named {@code name}, as on the command line, each with its default settings.
     *
     * @param name {@code spin} ({@link BusySpinIdleStrategy}), {@code yield} ({@link
     *     SpinYieldIdleStrategy}) or {@code backoff} ({@link BackoffIdleStrategy#defaults()})
     * @return a new strategy, for one thread
     * @throws IllegalArgumentException for any other name
     * @throws NullPointerException when {@code name} is null
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

    /**
     * The default: spin, then yield, then park with backoff. Behaves well with fewer cores than threads.
     *
     * @return a new {@link BackoffIdleStrategy#defaults()}, for one thread
     */
    static IdleStrategy defaults() {
        return BackoffIdleStrategy.defaults();
    }
}
