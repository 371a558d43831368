package io.shmlane.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import org.HdrHistogram.Histogram;

/**
 * The raw cache-line round trip of the very two JVMs of a latency pair, taken before and after their
 * measurement: the machine's limit for that pair as the scheduler placed it.
 *
 * <p>Why in the pair: this VM's two vCPUs land on host cores that are close (a raw round trip of about
 * 150 ns) or far apart (400-700 ns), and the placement is drawn again for each pair of JVMs. A probe in
 * JVMs of its own, between the pairs ({@link StateProbe}), read 150 ns before and after a ring pair
 * that took 720 ns while the Agrona pair beside it took 220 ns: it cannot see the placement of the pair
 * it brackets. The pair's own probe can, so each run's p50 is divided by the raw round trip of its own
 * JVMs, and a pair whose two probes differ (the placement changed during the run) is taken again.
 *
 * <p>The lines: the client (pinger) release-stores a number into the first line and spins on the
 * second until the server (ponger) echoes it, as {@link RawLane} does, in a file of its own ({@code
 * .probe}). The server echoes before its side's measurement, from the moment it says READY (its
 * channels exist then) until the client stores -1, and again after it, once its side has seen the
 * end of the stream, until the client stores -2 (the -1 still in the line must not end the second
 * phase). Numbers grow across both phases, so the server echoes any number it has not echoed yet.
 */
final class PairProbe {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int PING_OFFSET = 0;
    /** A pair of cache lines further, so the adjacent-line prefetcher does not couple the two. */
    private static final int PONG_OFFSET = 128;

    private static final int FILE_LENGTH = 4096;

    /** Result key of the probe before the measurement, in ns (the client's RESULT line). */
    static final String BEFORE = "pairProbeBefore";
    /** Result key of the probe after the measurement, in ns. */
    static final String AFTER = "pairProbeAfter";

    private final MappedByteBuffer lines;
    /** The client's last number sent; the server's last number echoed. */
    private long last;
    /** Phases begun: 1 before the measurement, 2 after; phase n ends with -n in the first line. */
    private int phase;

    private PairProbe(final MappedByteBuffer lines) {
        this.lines = lines;
    }

    /** Maps (creating it when needed) the probe file of the pair whose base path {@code config} has. */
    static PairProbe open(final ChildConfig config) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(config.path(".probe").toFile(), "rw")) {
            if (file.length() < FILE_LENGTH) {
                file.setLength(FILE_LENGTH);
            }
            MappedByteBuffer buffer = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH);
            buffer.order(ByteOrder.nativeOrder());
            return new PairProbe(buffer);
        }
    }

    /** Whether a side of {@code config} takes part: latency pairs of a shared-memory transport with probes on. */
    static boolean applies(final ChildConfig config) {
        return config.pairProbeNanos() > 0 && config.transport().sharedMemory();
    }

    /** Server: echoes every new number until the client ends this phase, then returns. */
    void echoUntilStop() {
        long stop = -(++phase);
        while (true) {
            // acquire: pairs with the client's setRelease
            long value = (long) LONG.getAcquire(lines, PING_OFFSET);
            if (value == stop) {
                return;
            }
            if (value > 0 && value != last) {
                // release: the echo; pairs with the client's getAcquire
                LONG.setRelease(lines, PONG_OFFSET, value);
                last = value;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Client: round trips for {@code warmupNanos} from the first echo, then for {@code durationNanos}
     * recorded, then ends the phase.
     *
     * @return the p50 of the recorded round trips, in ns
     */
    double pingFor(final long warmupNanos, final long durationNanos) {
        long stop = -(++phase);
        Histogram histogram = new Histogram(PingLoop.HIGHEST_NANOS, 3);
        roundTrip(); // waits for the server to be there
        long recordFrom = System.nanoTime() + warmupNanos;
        long stopAt = recordFrom + durationNanos;
        while (true) {
            long t0 = System.nanoTime();
            roundTrip();
            long t1 = System.nanoTime();
            if (t1 - recordFrom >= 0) {
                histogram.recordValue(Math.min(t1 - t0, PingLoop.HIGHEST_NANOS));
                if (t1 - stopAt >= 0) {
                    break;
                }
            }
        }
        // release: ends the server's echo loop
        LONG.setRelease(lines, PING_OFFSET, stop);
        return histogram.getValueAtPercentile(50);
    }

    private void roundTrip() {
        long value = ++last;
        // release: pairs with the server's getAcquire
        LONG.setRelease(lines, PING_OFFSET, value);
        while ((long) LONG.getAcquire(lines, PONG_OFFSET) != value) {
            Thread.onSpinWait();
        }
    }
}
