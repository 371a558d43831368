package io.shmlane.bench;

import io.shmlane.naive.NaiveChannel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The known-broken reference, driven as the blog post drives it: {@code send} (plain stores and an
 * msync) without waiting for the reader, {@code poll} (plain load of the flag). It loses messages;
 * the consumer counts what arrived and the harness reports the loss next to the rate. Payloads
 * above {@value NaiveChannel#MAX_MESSAGE_LENGTH} bytes do not fit its 1 KiB region.
 *
 * <p>The protocol has no end of stream, so the harness adds one beside it: a small control file in
 * which the producer, once done, publishes how many it sent (release/acquire, not part of the
 * measured path: the consumer looks at it only after a thousand empty polls).
 */
final class NaiveLane implements Lane {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int DONE_OFFSET = 0;
    private static final int SENT_OFFSET = 8;
    /** Sequence of the message that stops the echo side. */
    private static final long STOP = -1;

    @Override
    public void produce(final ChildConfig config, final Report report) throws Exception {
        MappedByteBuffer control = map(config.path(".ctl"));
        try (NaiveChannel channel = NaiveChannel.open(config.path(".naive"))) {
            new Source(channel, control, config.payload()).run(config, report);
        }
    }

    @Override
    public void consume(final ChildConfig config, final Report report) throws Exception {
        MappedByteBuffer control = map(config.path(".ctl"));
        try (NaiveChannel channel = NaiveChannel.open(config.path(".naive"))) {
            report.ready();
            StreamMeter meter = new StreamMeter(config.warmupNanos(), config.markShift());
            byte[] message = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];
            int empty = 0;
            while (true) {
                int length = channel.poll(message);
                if (length >= ChildConfig.MIN_PAYLOAD) {
                    meter.onMessage(Payload.head(message), Payload.tail(message, length));
                } else if (length >= 0) {
                    meter.onMessage(-1, -2); // a message too short to be one of ours: torn
                } else if ((++empty & 1023) == 0 && (long) LONG.getAcquire(control, DONE_OFFSET) != 0) {
                    break;
                } else {
                    Thread.onSpinWait();
                }
            }
            Map<String, Object> values = meter.result();
            values.put("producerSent", (long) LONG.get(control, SENT_OFFSET));
            report.result(values);
        }
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        try (NaiveChannel out = NaiveChannel.open(config.path(".ab.naive"));
                NaiveChannel in = NaiveChannel.open(config.path(".ba.naive"))) {
            new Pinger(out, in, config.payload()).run(config, report);
        }
    }

    @Override
    public void pong(final ChildConfig config, final Report report) throws Exception {
        try (NaiveChannel in = NaiveChannel.open(config.path(".ab.naive"));
                NaiveChannel out = NaiveChannel.open(config.path(".ba.naive"))) {
            report.ready();
            CpuShare share = new CpuShare();
            long warmup = config.warmupNanos();
            byte[] message = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];
            while (true) {
                int length = in.poll(message);
                if (length < 0) {
                    Thread.onSpinWait();
                } else if (length >= 8 && Payload.head(message) == STOP) {
                    break;
                } else {
                    out.send(message, 0, length);
                    share.startAfterWarmup(warmup);
                }
            }
            report.result(Map.of("cpuShare", CpuShare.format(share.stop())));
        }
    }

    private static MappedByteBuffer map(final Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            MappedByteBuffer buffer = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 64);
            buffer.order(ByteOrder.nativeOrder());
            return buffer;
        }
    }

    private static final class Source extends SourceLoop {
        private final NaiveChannel channel;
        private final MappedByteBuffer control;

        Source(final NaiveChannel channel, final MappedByteBuffer control, final int length) {
            super(length);
            this.channel = channel;
            this.control = control;
        }

        @Override
        protected void send(final long sequence) {
            Payload.stamp(payload, length, sequence);
            channel.send(payload, 0, length);
        }

        @Override
        protected void end(final long sent) throws InterruptedException {
            Thread.sleep(20); // let the consumer take the last message
            LONG.set(control, SENT_OFFSET, sent);
            // release: publishes the count above; pairs with getAcquire in consume()
            LONG.setRelease(control, DONE_OFFSET, 1L);
        }
    }

    private static final class Pinger extends PingLoop {
        private final NaiveChannel out;
        private final NaiveChannel in;
        private final byte[] echo = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];

        Pinger(final NaiveChannel out, final NaiveChannel in, final int length) {
            super(length);
            this.out = out;
            this.in = in;
        }

        @Override
        protected void roundTrip(final long sequence) {
            Payload.stamp(payload, length, sequence);
            out.send(payload, 0, length);
            int echoed;
            while ((echoed = in.poll(echo)) < 0) {
                Thread.onSpinWait();
            }
            checkEcho(sequence, Payload.head(echo), Payload.tail(echo, echoed));
        }

        @Override
        protected void end() {
            Payload.stamp(payload, length, STOP);
            out.send(payload, 0, length);
        }
    }
}
