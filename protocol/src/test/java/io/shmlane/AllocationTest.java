package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The message path allocates nothing in steady state: measured with the JVM's per-thread allocation
 * counter around a million offer/poll pairs after a warm-up. Speed is for the benchmarks; this only
 * counts bytes, which does not depend on how busy the machine is.
 */
class AllocationTest {
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 1_000_000;
    /**
     * A few hundred bytes can come from the JVM itself (a deoptimisation, a class initialised late) and
     * are no per-message cost; one object per step would be at least 16 bytes x a million.
     */
    private static final long NOISE = 16_384;

    private final byte[] message = new byte[32];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(32);
    private long sum;
    private final MessageHandler handler = (sequence, buffer, index, length) -> sum += buffer.get(index) + length;

    @Test
    void shouldNotAllocateOnRingOfferPollAndClaimCommit() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, 1 << 16);
        RingProducer producer = RingProducer.wrap(buffer, 1 << 16);
        RingConsumer consumer = RingConsumer.wrap(buffer, 1 << 16);
        Runnable step = () -> {
            producer.offer(message, 0, 32);
            direct.clear();
            producer.offer(direct);
            int index = producer.tryClaim(16);
            buffer.putLong(index, 42);
            producer.commit();
            consumer.poll(handler, 8);
        };
        assertThat(allocatedBytes(step))
                .as("bytes allocated by %d ring steps", MEASURED)
                .isLessThan(NOISE);
    }

    @Test
    void shouldNotAllocateOnMailboxOfferPoll() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, 64);
        MailboxProducer producer = MailboxProducer.wrap(buffer, 64);
        MailboxConsumer consumer = MailboxConsumer.wrap(buffer, 64);
        Runnable step = () -> {
            producer.offer(message, 0, 32);
            consumer.poll(handler, 1);
            direct.clear();
            producer.offer(direct);
            consumer.poll(handler, 1);
        };
        assertThat(allocatedBytes(step))
                .as("bytes allocated by %d mailbox steps", MEASURED)
                .isLessThan(NOISE);
    }

    private static long allocatedBytes(final Runnable step) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            step.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long calibration = threads.getCurrentThreadAllocatedBytes() - before; // the probe's own cost
        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            step.run();
        }
        return threads.getCurrentThreadAllocatedBytes() - before - calibration;
    }
}
