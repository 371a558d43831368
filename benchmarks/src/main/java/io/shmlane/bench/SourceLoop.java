package io.shmlane.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The producer's side of a throughput run: sends numbered messages as fast as the transport takes
 * them for warm-up plus duration, then ends the stream. A transport implements {@link #send}; with
 * one implementation loaded per JVM the call is inlined.
 */
public abstract class SourceLoop {
    /** Most messages between two looks at the clock. */
    private static final int MAX_CHUNK_SHIFT = 8;

    protected final byte[] payload;
    protected final int length;

    protected SourceLoop(final int length) {
        this.length = length;
        this.payload = Payload.template(length);
    }

    /** Sends message {@code sequence}, waiting as long as the transport makes it wait. */
    protected abstract void send(long sequence) throws Exception;

    /** Ends the stream the transport's way. */
    protected abstract void end(long sent) throws Exception;

    /** Sends until {@code warmup + duration} has passed, ends the stream and reports. */
    public final void run(final ChildConfig config, final Report report) throws Exception {
        long start = System.nanoTime();
        long deadline = start + config.warmupNanos() + config.durationNanos();
        // a slow transport on a loaded machine must not overrun the deadline by a whole chunk
        int chunk = 1 << Math.min(MAX_CHUNK_SHIFT, config.markShift());
        long measureFrom = start + config.warmupNanos();
        CpuShare share = new CpuShare();
        long sequence = 0;
        long now;
        do {
            sequence = sendChunk(sequence, chunk);
            now = System.nanoTime();
            if (now - measureFrom >= 0) {
                share.start();
            }
        } while (now - deadline < 0);
        double cpuShare = share.stop();
        long sendNanos = now - start;
        end(sequence);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sent", sequence);
        values.put("sendNanos", sendNanos);
        values.put("cpuShare", CpuShare.format(cpuShare));
        report.result(values);
    }

    private long sendChunk(final long from, final int chunk) throws Exception {
        long sequence = from;
        for (int i = 0; i < chunk; i++) {
            send(sequence++);
        }
        return sequence;
    }
}
