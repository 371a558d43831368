package io.shmlane.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns SIGINT and SIGTERM into a clean stop: the shutdown hook raises a flag, unparks the working
 * thread (so a parked wait looks at the flag at once), and waits for it to close the channel and
 * print its summary. It does not interrupt: an interrupt that reaches a thread inside {@code
 * FileChannel} I/O (a size or lock probe of a waiting side) closes the channel, which drops the role's
 * lock and loses the end of stream. The waits ask {@link #requested()} on every idle round instead.
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
        LockSupport.unpark(worker);
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
    }
}
