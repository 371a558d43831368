package io.shmlane.bench;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.Map;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Agrona's {@code OneToOneRingBuffer} over a mapped file, used the way Agrona documents it: an
 * {@link UnsafeBuffer} over the {@link MappedByteBuffer} ({@link IoUtil#mapNewFile} on the side that
 * creates it, {@link IoUtil#mapExistingFile} on the other), {@code write(msgTypeId, src, offset,
 * length)} with its own {@link BusySpinIdleStrategy} while full, and {@code read(handler, limit)} with
 * the payload read in place. Data area of the same capacity as shmlane's ring, plus Agrona's trailer.
 * A record of type {@value #END} ends the stream.
 */
final class AgronaLane implements Lane {
    private static final int MESSAGE = 1;
    private static final int END = 2;

    private static OneToOneRingBuffer create(final ChildConfig config, final String suffix) {
        File file = config.path(suffix).toFile();
        MappedByteBuffer mapped = IoUtil.mapNewFile(file, config.capacity() + RingBufferDescriptor.TRAILER_LENGTH);
        return new OneToOneRingBuffer(new UnsafeBuffer(mapped));
    }

    private static OneToOneRingBuffer attach(final ChildConfig config, final String suffix) {
        MappedByteBuffer mapped = IoUtil.mapExistingFile(config.path(suffix).toFile(), "agrona ring");
        return new OneToOneRingBuffer(new UnsafeBuffer(mapped));
    }

    private static void unmap(final RingBuffer ring) {
        IoUtil.unmap(ring.buffer().byteBuffer());
    }

    @Override
    public void produce(final ChildConfig config, final Report report) throws Exception {
        OneToOneRingBuffer ring = attach(config, ".agrona");
        try {
            new Source(ring, config.payload()).run(config, report);
        } finally {
            unmap(ring);
        }
    }

    @Override
    public void consume(final ChildConfig config, final Report report) {
        OneToOneRingBuffer ring = create(config, ".agrona");
        try {
            report.ready();
            Sink sink = new Sink(new StreamMeter(config.warmupNanos(), config.markShift()));
            IdleStrategy idle = new BusySpinIdleStrategy();
            int batch = config.batch();
            while (!sink.ended) {
                int read = ring.read(sink, batch);
                if (read > 0) {
                    sink.meter.onBatch();
                }
                idle.idle(read);
            }
            report.result(sink.meter.result());
        } finally {
            unmap(ring);
        }
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        OneToOneRingBuffer out = attach(config, ".ab.agrona");
        OneToOneRingBuffer in = attach(config, ".ba.agrona");
        try {
            new Pinger(out, in, config.payload()).run(config, report);
        } finally {
            unmap(out);
            unmap(in);
        }
    }

    @Override
    public void pong(final ChildConfig config, final Report report) {
        OneToOneRingBuffer in = create(config, ".ab.agrona");
        OneToOneRingBuffer out = create(config, ".ba.agrona");
        try {
            report.ready();
            CpuShare share = new CpuShare();
            Echo echo = new Echo(out, share, config.warmupNanos());
            IdleStrategy idle = new BusySpinIdleStrategy();
            while (!echo.ended) {
                idle.idle(in.read(echo, 1));
            }
            report.result(Map.of("cpuShare", CpuShare.format(share.stop())));
        } finally {
            unmap(in);
            unmap(out);
        }
    }

    private static final class Sink implements MessageHandler {
        final StreamMeter meter;
        boolean ended;

        Sink(final StreamMeter meter) {
            this.meter = meter;
        }

        @Override
        public void onMessage(
                final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            if (msgTypeId == END) {
                ended = true;
            } else {
                meter.onMessage(buffer.getLong(index), buffer.getLong(index + length - 8));
            }
        }
    }

    private static final class Echo implements MessageHandler {
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        private final OneToOneRingBuffer out;
        private final CpuShare share;
        private final long warmupNanos;
        boolean ended;

        Echo(final OneToOneRingBuffer out, final CpuShare share, final long warmupNanos) {
            this.out = out;
            this.share = share;
            this.warmupNanos = warmupNanos;
        }

        @Override
        public void onMessage(
                final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            if (msgTypeId == END) {
                ended = true;
                return;
            }
            while (!out.write(MESSAGE, buffer, index, length)) {
                idle.idle();
            }
            share.startAfterWarmup(warmupNanos);
        }
    }

    private static final class Source extends SourceLoop {
        private final OneToOneRingBuffer ring;
        private final UnsafeBuffer source;
        private final IdleStrategy idle = new BusySpinIdleStrategy();

        Source(final OneToOneRingBuffer ring, final int length) {
            super(length);
            this.ring = ring;
            this.source = new UnsafeBuffer(payload);
        }

        @Override
        protected void send(final long sequence) {
            Payload.stamp(payload, length, sequence);
            while (!ring.write(MESSAGE, source, 0, length)) {
                idle.idle();
            }
        }

        @Override
        protected void end(final long sent) {
            while (!ring.write(END, source, 0, 0)) {
                idle.idle();
            }
        }
    }

    private static final class Pinger extends PingLoop implements MessageHandler {
        private final OneToOneRingBuffer out;
        private final OneToOneRingBuffer in;
        private final UnsafeBuffer source;
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        private long head;
        private long tail;

        Pinger(final OneToOneRingBuffer out, final OneToOneRingBuffer in, final int length) {
            super(length);
            this.out = out;
            this.in = in;
            this.source = new UnsafeBuffer(payload);
        }

        @Override
        protected void roundTrip(final long sequence) {
            Payload.stamp(payload, length, sequence);
            while (!out.write(MESSAGE, source, 0, length)) {
                idle.idle();
            }
            while (in.read(this, 1) == 0) {
                idle.idle();
            }
            checkEcho(sequence, head, tail);
        }

        @Override
        public void onMessage(
                final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            head = buffer.getLong(index);
            tail = buffer.getLong(index + length - 8);
        }

        @Override
        protected void end() {
            while (!out.write(END, source, 0, 0)) {
                idle.idle();
            }
        }
    }
}
