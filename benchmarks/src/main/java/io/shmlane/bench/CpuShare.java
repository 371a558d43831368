package io.shmlane.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How much of a stretch of wall time the current thread spent on a CPU. A side that busy-spins should
 * be on a CPU all the time; when it got less, another process took the core, and the run measured
 * the scheduler rather than the transport (the harness repeats such runs).
 */
public final class CpuShare {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long wallStart;
    private long cpuStart;
    private boolean started;
    private boolean seenFirst;
    private long firstSeen;

    /** Starts the stretch (once; later calls do nothing). */
    public void start() {
        if (!started) {
            started = true;
            wallStart = System.nanoTime();
            cpuStart = THREADS.getCurrentThreadCpuTime();
        }
    }

    public boolean started() {
        return started;
    }

    /**
     * For the echoing side of a latency run, on every message: starts the stretch at the first message
     * that arrives {@code warmupNanos} after the first one, when the pinging side starts recording.
     * Started at the echo side's own start instead, the stretch took in the pinging JVM's start-up and
     * warm-up (its class loading and compiler threads on the same two cores), and a transport whose
     * pinging side starts slower looked disturbed while its recorded round trips were not. One clock read
     * per message until then, a field read after.
     *
     * @param warmupNanos the pinging side's warm-up, {@link ChildConfig#warmupNanos()}
     */
    public void startAfterWarmup(final long warmupNanos) {
        if (started) {
            return;
        }
        long now = System.nanoTime();
        if (!seenFirst) {
            seenFirst = true;
            firstSeen = now;
        } else if (now - firstSeen >= warmupNanos) {
            start();
        }
    }

    /** CPU time over wall time since {@link #start()}, NaN if it never started or cannot be measured. */
    public double stop() {
        if (!started || cpuStart < 0) {
            return Double.NaN;
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return wall > 0 ? Math.min(1.0, (double) cpu / wall) : Double.NaN;
    }

    /** {@code value} rounded to 3 decimals for a result line. */
    public static String format(final double value) {
        return Double.isNaN(value) ? "NaN" : String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
