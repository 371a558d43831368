package io.shmlane.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consumer's side of a throughput run. Counts what arrives, checks the order, and takes a
 * timestamp every {@code 2^markShift} messages (one {@code nanoTime} per thousand messages costs
 * nothing measurable). The measured window opens at the first mark {@code warmup} after the first
 * message and ends at the last mark: JIT warm-up and start-up are left out, and so is the drain at
 * the end.
 *
 * <p>For a lossy channel (the naive reference) the window counts both what the producer sent in it
 * (the sequence numbers advanced by) and what arrived; the difference is what was lost.
 */
public final class StreamMeter {
    private final long warmupNanos;
    private final long markMask;
    private final CpuShare share = new CpuShare();

    private long received;
    private long batches;
    private long expected;
    private long outOfOrder;
    private long torn;
    private long nextMark;

    private long firstNanos;
    private long opensAt;
    private boolean open;
    private long startSequence;
    private long startReceived;
    private long startNanos;
    private long endSequence;
    private long endReceived;
    private long endNanos;

    public StreamMeter(final long warmupNanos, final int markShift) {
        this.warmupNanos = warmupNanos;
        this.markMask = (1L << markShift) - 1;
    }

    /** One message arrived, carrying {@code head} at its start and {@code tail} at its end. */
    public void onMessage(final long head, final long tail) {
        received++;
        if (head != expected) {
            outOfOrder++;
        }
        if (head != tail) {
            torn++;
        }
        expected = head + 1;
        if (head >= nextMark) {
            mark(head);
        }
    }

    private void mark(final long sequence) {
        nextMark = (sequence | markMask) + 1;
        long now = System.nanoTime();
        if (firstNanos == 0) {
            firstNanos = now;
            opensAt = now + warmupNanos;
        }
        if (!open) {
            if (now - opensAt >= 0) {
                open = true;
                share.start();
                startSequence = sequence;
                startReceived = received;
                startNanos = now;
                endSequence = sequence;
                endReceived = received;
                endNanos = now;
            }
        } else {
            endSequence = sequence;
            endReceived = received;
            endNanos = now;
        }
    }

    /** A poll or read that delivered at least one message: the mean batch shows whether the consumer keeps up. */
    public void onBatch() {
        batches++;
    }

    /** Messages received so far. */
    public long received() {
        return received;
    }

    /** What the consumer reports. */
    public Map<String, Object> result() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("received", received);
        values.put("batches", batches);
        values.put("lastSequence", expected - 1);
        values.put("outOfOrder", outOfOrder);
        values.put("torn", torn);
        values.put("windowSent", endSequence - startSequence);
        values.put("windowReceived", endReceived - startReceived);
        values.put("windowNanos", endNanos - startNanos);
        values.put("cpuShare", CpuShare.format(share.stop()));
        return values;
    }
}
