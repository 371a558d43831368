package io.shmlane.bench.jmh;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelKind;
import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The message path in one thread, over direct buffers laid out like channel files ({@code wrap}): one
 * operation is a message written and read back, so the numbers are the CPU cost of the code without
 * any cross-core traffic, and {@code -prof gc} shows what it allocates (it must be nothing). Agrona's
 * ring alongside, driven the same way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChannelBenchmark {
    /** Messages per invocation of the batch benchmark. */
    public static final int BATCH = 64;

    private static final int RING_CAPACITY = 1 << 16;
    private static final int MESSAGE = 1;

    /** Payload bytes. */
    @Param({"32"})
    public int payload;

    private RingProducer ringProducer;
    private RingConsumer ringConsumer;
    private ByteBuffer ringBuffer;
    private MailboxProducer mailboxProducer;
    private MailboxConsumer mailboxConsumer;
    private OneToOneRingBuffer agrona;
    private UnsafeBuffer agronaSource;
    private byte[] message;
    private long sequence;
    private final Handler handler = new Handler();

    /** Reads the first 8 bytes of every message, as the cross-process consumers do. */
    static final class Handler implements io.shmlane.MessageHandler, org.agrona.concurrent.MessageHandler {
        long sum;

        @Override
        public void onMessage(final long seq, final ByteBuffer buffer, final int index, final int length) {
            sum += buffer.getLong(index) + length;
        }

        @Override
        public void onMessage(
                final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += buffer.getLong(index) + length;
        }
    }

    @Setup
    public void setUp() {
        ringBuffer = ChannelBuffers.allocate(ChannelKind.RING, RING_CAPACITY);
        ringProducer = RingProducer.wrap(ringBuffer, RING_CAPACITY);
        ringConsumer = RingConsumer.wrap(ringBuffer, RING_CAPACITY);
        int mailboxCapacity = Math.max(payload, 1024);
        ByteBuffer mailboxBuffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, mailboxCapacity);
        mailboxProducer = MailboxProducer.wrap(mailboxBuffer, mailboxCapacity);
        mailboxConsumer = MailboxConsumer.wrap(mailboxBuffer, mailboxCapacity);
        agrona = new OneToOneRingBuffer(
                new UnsafeBuffer(ByteBuffer.allocateDirect(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
        message = new byte[payload];
        agronaSource = new UnsafeBuffer(message);
    }

    /** {@code offer} a copy of the payload, {@code poll} it back. */
    @Benchmark
    public long ringOfferPoll() {
        if (!ringProducer.offer(message, 0, payload)) {
            throw full();
        }
        ringConsumer.poll(handler, 1);
        return handler.sum;
    }

    /** {@code tryClaim}, write the sequence in place, {@code commit}, {@code poll}. */
    @Benchmark
    public long ringClaimCommitPoll() {
        int index = ringProducer.tryClaim(payload);
        if (index < 0) {
            throw full();
        }
        ringBuffer.putLong(index, sequence++);
        ringProducer.commit();
        ringConsumer.poll(handler, 1);
        return handler.sum;
    }

    /** {@value #BATCH} offers, then one poll of them all (the head released once): per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long ringOfferBatchPoll() {
        for (int i = 0; i < BATCH; i++) {
            if (!ringProducer.offer(message, 0, payload)) {
                throw full();
            }
        }
        ringConsumer.poll(handler, BATCH);
        return handler.sum;
    }

    /** The mailbox: {@code offer}, {@code poll} (which acknowledges). */
    @Benchmark
    public long mailboxOfferPoll() {
        if (!mailboxProducer.offer(message, 0, payload)) {
            throw full();
        }
        mailboxConsumer.poll(handler, 1);
        return handler.sum;
    }

    /**
     * Agrona: {@code write} a copy of the payload, {@code read} it back. Agrona's {@code read} stops at
     * the end of the buffer, so at a wrap the first read takes only the padding and a second one the
     * message (shmlane's {@code poll} skips the padding within the same call).
     */
    @Benchmark
    public long agronaWriteRead() {
        if (!agrona.write(MESSAGE, agronaSource, 0, payload)) {
            throw full();
        }
        readAgrona(1);
        return handler.sum;
    }

    /** Agrona: {@code tryClaim}, write the sequence in place, {@code commit}, {@code read}. */
    @Benchmark
    public long agronaClaimCommitRead() {
        int index = agrona.tryClaim(MESSAGE, payload);
        if (index < 0) {
            throw full();
        }
        agrona.buffer().putLong(index, sequence++);
        agrona.commit(index);
        readAgrona(1);
        return handler.sum;
    }

    /** Agrona: {@value #BATCH} writes, then reads of them all: per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long agronaWriteBatchRead() {
        for (int i = 0; i < BATCH; i++) {
            if (!agrona.write(MESSAGE, agronaSource, 0, payload)) {
                throw full();
            }
        }
        readAgrona(BATCH);
        return handler.sum;
    }

    private void readAgrona(final int messages) {
        int read = 0;
        while (read < messages) {
            read += agrona.read(handler, messages - read);
        }
    }

    /** Each operation reads what it wrote: a full ring is a bug of the benchmark, not a result. */
    private static IllegalStateException full() {
        return new IllegalStateException("ring full: the benchmark does not read back what it writes");
    }
}
