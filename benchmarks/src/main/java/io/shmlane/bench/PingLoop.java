package io.shmlane.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The pinging side of a latency run: one message out, wait for the echo, record the round trip in an
 * HdrHistogram (no allocation while recording). Round trips during warm-up are not recorded. Each
 * round trip starts when the previous one ended (a closed loop: no coordinated omission to correct,
 * and nothing queues).
 */
public abstract class PingLoop {
    /** Longest round trip recorded as itself; longer ones are clamped to it (and counted). */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);

    protected final byte[] payload;
    protected final int length;
    private long badEchoes;

    protected PingLoop(final int length) {
        this.length = length;
        this.payload = Payload.template(length);
    }

    /** Sends message {@code sequence} and waits for its echo; throws if the echo is not it. */
    protected abstract void roundTrip(long sequence) throws Exception;

    /** Tells the other side to stop, the transport's way. */
    protected abstract void end() throws Exception;

    /** Pings for warm-up plus duration, recording the round trips after the warm-up, and reports. */
    public final void run(final ChildConfig config, final Report report) throws Exception {
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        long start = System.nanoTime();
        long recordFrom = start + config.warmupNanos();
        long stopAt = recordFrom + config.durationNanos();
        long sequence = 0;
        long clamped = 0;
        CpuShare share = new CpuShare();
        while (true) {
            long t0 = System.nanoTime();
            roundTrip(sequence++);
            long t1 = System.nanoTime();
            if (t1 - recordFrom >= 0) {
                share.start();
                long rtt = t1 - t0;
                if (rtt > HIGHEST_NANOS) {
                    rtt = HIGHEST_NANOS;
                    clamped++;
                }
                histogram.recordValue(rtt);
                if (t1 - stopAt >= 0) {
                    break;
                }
            }
        }
        double cpuShare = share.stop();
        end();
        ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int size = histogram.encodeIntoCompressedByteBuffer(encoded);
        byte[] bytes = new byte[size];
        encoded.flip();
        encoded.get(bytes);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("roundTrips", sequence);
        values.put("recorded", histogram.getTotalCount());
        values.put("clamped", clamped);
        values.put("badEchoes", badEchoes);
        values.put("cpuShare", CpuShare.format(cpuShare));
        values.put("p50", histogram.getValueAtPercentile(50));
        values.put("histogram", Base64.getEncoder().encodeToString(bytes));
        report.result(values);
    }

    /** Reads back a histogram written by {@link #run}. */
    public static Histogram decode(final String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), HIGHEST_NANOS);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not a histogram: " + e.getMessage(), e);
        }
    }

    /** Counts the echo of {@code sequence} as bad unless it came back whole (reported as badEchoes). */
    protected final void checkEcho(final long sequence, final long head, final long tail) {
        if (head != sequence || tail != sequence) {
            badEchoes++;
        }
    }
}
