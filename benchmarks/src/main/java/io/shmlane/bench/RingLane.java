package io.shmlane.bench;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelOptions;
import io.shmlane.MessageHandler;
import io.shmlane.idle.BusySpinIdleStrategy;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * shmlane's ring, driven the way its README shows: {@code send} (offer, waiting while full) with a
 * copy of the payload, {@code receive} in batches with the payload read in place; the pong side
 * echoes with {@code tryClaim}/{@code commit} (zero copy). Busy spin on both sides.
 */
final class RingLane implements Lane {
    /** Empty polls between two looks at the end of the stream in the poll loop. */
    private static final int END_CHECK_MASK = 1023;

    private final boolean pollLoop;

    /**
     * @param pollLoop wait with {@code poll} and a look at the end of the stream every 1024 empty polls
     *     (the {@link Transport#RING_POLL} diagnostic) rather than with {@code receive}
     */
    RingLane(final boolean pollLoop) {
        this.pollLoop = pollLoop;
    }

    /**
     * Waits for up to {@code limit} messages: {@code receive}, or the diagnostic poll loop.
     *
     * @return how many, or END_OF_STREAM
     */
    private static int take(
            final RingConsumer consumer,
            final MessageHandler handler,
            final int limit,
            final IdleStrategy idle,
            final boolean pollLoop) {
        if (!pollLoop) {
            return consumer.receive(handler, limit, idle);
        }
        int empty = 0;
        while (true) {
            int count = consumer.poll(handler, limit);
            if (count > 0) {
                return count;
            }
            if ((++empty & END_CHECK_MASK) == 0 && consumer.isEndOfStream()) {
                return ChannelConsumer.END_OF_STREAM;
            }
            Thread.onSpinWait();
        }
    }

    private static ChannelOptions options(final ChildConfig config) {
        return ChannelOptions.ring().withCapacity(config.capacity());
    }

    @Override
    public void produce(final ChildConfig config, final Report report) throws Exception {
        try (RingProducer producer = RingProducer.open(config.path(".ring"), options(config))) {
            new Source(producer, config.payload()).run(config, report);
        }
    }

    @Override
    public void consume(final ChildConfig config, final Report report) {
        try (RingConsumer consumer = RingConsumer.open(config.path(".ring"), options(config))) {
            report.ready();
            StreamMeter meter = new StreamMeter(config.warmupNanos(), config.markShift());
            MessageHandler handler = (sequence, buffer, index, length) ->
                    meter.onMessage(Payload.head(buffer, index), Payload.tail(buffer, index, length));
            IdleStrategy idle = new BusySpinIdleStrategy();
            int batch = config.batch();
            while (take(consumer, handler, batch, idle, pollLoop) != ChannelConsumer.END_OF_STREAM) {
                meter.onBatch();
            }
            report.result(meter.result());
        }
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        try (RingProducer out = RingProducer.open(config.path(".ab.ring"), options(config));
                RingConsumer in = RingConsumer.open(config.path(".ba.ring"), options(config))) {
            new Pinger(out, in, config.payload(), pollLoop).run(config, report);
        }
    }

    @Override
    public void pong(final ChildConfig config, final Report report) {
        try (RingConsumer in = RingConsumer.open(config.path(".ab.ring"), options(config));
                RingProducer out = RingProducer.open(config.path(".ba.ring"), options(config))) {
            report.ready();
            CpuShare share = new CpuShare();
            long warmup = config.warmupNanos();
            ByteBuffer outBuffer = out.buffer();
            MessageHandler echo = (sequence, buffer, index, length) -> {
                int claimed;
                while ((claimed = out.tryClaim(length)) < 0) {
                    Thread.onSpinWait();
                }
                outBuffer.put(claimed, buffer, index, length);
                out.commit();
                share.startAfterWarmup(warmup);
            };
            IdleStrategy idle = new BusySpinIdleStrategy();
            while (take(in, echo, 1, idle, pollLoop) != ChannelConsumer.END_OF_STREAM) {
                // echoed in the handler
            }
            report.result(Map.of("cpuShare", CpuShare.format(share.stop())));
        }
    }

    private static final class Source extends SourceLoop {
        private final RingProducer producer;
        private final IdleStrategy idle = new BusySpinIdleStrategy();

        Source(final RingProducer producer, final int length) {
            super(length);
            this.producer = producer;
        }

        @Override
        protected void send(final long sequence) {
            Payload.stamp(payload, length, sequence);
            producer.send(payload, 0, length, idle);
        }

        @Override
        protected void end(final long sent) {
            producer.close();
        }
    }

    private static final class Pinger extends PingLoop implements MessageHandler {
        private final RingProducer out;
        private final RingConsumer in;
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        private final boolean pollLoop;
        private long head;
        private long tail;

        Pinger(final RingProducer out, final RingConsumer in, final int length, final boolean pollLoop) {
            super(length);
            this.out = out;
            this.in = in;
            this.pollLoop = pollLoop;
        }

        @Override
        protected void roundTrip(final long sequence) {
            Payload.stamp(payload, length, sequence);
            out.send(payload, 0, length, idle);
            if (take(in, this, 1, idle, pollLoop) != 1) {
                throw new IllegalStateException("the echo side ended the stream");
            }
            checkEcho(sequence, head, tail);
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer buffer, final int index, final int length) {
            head = Payload.head(buffer, index);
            tail = Payload.tail(buffer, index, length);
        }

        @Override
        protected void end() {
            out.close();
        }
    }
}
