package io.shmlane.bench;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelKind;
import io.shmlane.MessageHandler;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The subjects of {@link CpuPairing}: one ring each, driven in one thread, a slice at a time. A slice
 * of {@code n} messages offers a batch, then polls it (with the batch as the poll limit), until
 * {@code n} messages went through; it returns the nanoseconds spent offering and those spent polling.
 * The handler reads the first and the last 8 bytes of every payload in place, as the cross-process
 * consumer does. Each subject is a public class with a constructor of (payload bytes, ring capacity,
 * batch) so that {@link CpuPairing} can load it through a class loader of another build.
 *
 * <p>Only API that every shmlane build since the first benchmarks has is used here: {@code
 * ChannelBuffers.allocate}, {@code RingProducer.wrap}/{@code offer(byte[], int, int)} and {@code
 * RingConsumer.wrap}/{@code poll}.
 */
public final class CpuSlices {
    private CpuSlices() {}

    /** The shmlane ring: {@code RingProducer.offer} of a byte array, {@code RingConsumer.poll}. */
    public static final class Ring implements IntFunction<long[]> {
        private final RingProducer producer;
        private final RingConsumer consumer;
        private final byte[] payload;
        private final int batch;
        private final MessageHandler handler;
        private long sink;
        private int received;

        public Ring(final int payloadBytes, final int capacity, final int batch) {
            ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, capacity);
            this.producer = RingProducer.wrap(buffer, capacity);
            this.consumer = RingConsumer.wrap(buffer, capacity);
            this.payload = new byte[payloadBytes];
            this.batch = batch;
            this.handler = (sequence, b, index, length) -> {
                sink += b.getLong(index) + b.getLong(index + length - 8);
                received++;
            };
        }

        @Override
        public long[] apply(final int messages) {
            long offering = 0;
            long polling = 0;
            for (int done = 0; done < messages; done += batch) {
                long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    if (!producer.offer(payload, 0, payload.length)) {
                        throw new IllegalStateException("the ring refused message " + i + " of a batch of " + batch);
                    }
                }
                long t1 = System.nanoTime();
                received = 0;
                for (int empty = 0; received < batch; ) {
                    // a read that only skips a padding at the ring's end finds no message: not yet a loss
                    empty = consumer.poll(handler, batch) == 0 ? empty + 1 : 0;
                    if (empty > 1) {
                        throw new IllegalStateException("the ring lost " + (batch - received) + " messages");
                    }
                }
                long t2 = System.nanoTime();
                offering += t1 - t0;
                polling += t2 - t1;
            }
            return new long[] {offering, polling, sink};
        }
    }

    /** Agrona's {@code OneToOneRingBuffer}: {@code write} from an {@code UnsafeBuffer}, {@code read}. */
    public static final class Agrona implements IntFunction<long[]> {
        private final OneToOneRingBuffer ring;
        private final UnsafeBuffer payload;
        private final int payloadBytes;
        private final int batch;
        private final org.agrona.concurrent.MessageHandler handler;
        private long sink;
        private int received;

        public Agrona(final int payloadBytes, final int capacity, final int batch) {
            this.ring = new OneToOneRingBuffer(
                    new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
            this.payload = new UnsafeBuffer(new byte[payloadBytes]);
            this.payloadBytes = payloadBytes;
            this.batch = batch;
            this.handler = (type, b, index, length) -> {
                sink += b.getLong(index) + b.getLong(index + length - 8);
                received++;
            };
        }

        @Override
        public long[] apply(final int messages) {
            long offering = 0;
            long polling = 0;
            for (int done = 0; done < messages; done += batch) {
                long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    if (!ring.write(1, payload, 0, payloadBytes)) {
                        throw new IllegalStateException("Agrona refused message " + i + " of a batch of " + batch);
                    }
                }
                long t1 = System.nanoTime();
                received = 0;
                for (int empty = 0; received < batch; ) {
                    // a read that only skips a padding at the ring's end finds no message: not yet a loss
                    empty = ring.read(handler, batch) == 0 ? empty + 1 : 0;
                    if (empty > 1) {
                        throw new IllegalStateException("Agrona lost " + (batch - received) + " messages");
                    }
                }
                long t2 = System.nanoTime();
                offering += t1 - t0;
                polling += t2 - t1;
            }
            return new long[] {offering, polling, sink};
        }
    }
}
