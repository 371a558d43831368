package io.shmlane.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT and SIGTERM into a clean stop: the shutdown hook raises a flag, interrupts the working
 * thread (so a blocked wait returns), and waits for it to close the channel and print its summary.
 */
final class GracefulStop implements AutoCloseable {
    private static final long GRACE_MILLIS = 5_000;

    private final Thread worker = Thread.currentThread();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "shmlane-graceful-stop");
    private volatile boolean requested;

    private GracefulStop() {}

    /** Installs the hook for the calling thread. */
    static GracefulStop install() {
        GracefulStop stop = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a stop was asked for. */
    boolean requested() {
        return requested;
    }

    private void onSignal() {
        requested = true;
        worker.interrupt();
        try {
            finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker is done: lets a pending hook finish, or removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook already runs; it will see the latch
            }
        }
        Thread.interrupted(); // do not leak the stop's interrupt into the caller
    }
}
