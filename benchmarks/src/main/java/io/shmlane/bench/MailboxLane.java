package io.shmlane.bench;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelOptions;
import io.shmlane.MessageHandler;
import io.shmlane.idle.BusySpinIdleStrategy;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * shmlane's mailbox: one message in flight, so every message costs a hand-over to the consumer and
 * an acknowledgement back. The slot is the payload size (at least the default 1 KiB). Busy spin.
 */
final class MailboxLane implements Lane {
    private static ChannelOptions options(final ChildConfig config) {
        return ChannelOptions.mailbox()
                .withCapacity(Math.max(ChannelOptions.DEFAULT_MAILBOX_CAPACITY, config.payload()));
    }

    @Override
    public void produce(final ChildConfig config, final Report report) throws Exception {
        try (MailboxProducer producer = MailboxProducer.open(config.path(".mailbox"), options(config))) {
            new Source(producer, config.payload()).run(config, report);
        }
    }

    @Override
    public void consume(final ChildConfig config, final Report report) {
        try (MailboxConsumer consumer = MailboxConsumer.open(config.path(".mailbox"), options(config))) {
            report.ready();
            StreamMeter meter = new StreamMeter(config.warmupNanos(), config.markShift());
            MessageHandler handler = (sequence, buffer, index, length) ->
                    meter.onMessage(Payload.head(buffer, index), Payload.tail(buffer, index, length));
            IdleStrategy idle = new BusySpinIdleStrategy();
            while (consumer.receive(handler, 1, idle) != ChannelConsumer.END_OF_STREAM) {
                meter.onBatch();
            }
            report.result(meter.result());
        }
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        try (MailboxProducer out = MailboxProducer.open(config.path(".ab.mailbox"), options(config));
                MailboxConsumer in = MailboxConsumer.open(config.path(".ba.mailbox"), options(config))) {
            new Pinger(out, in, config.payload()).run(config, report);
        }
    }

    @Override
    public void pong(final ChildConfig config, final Report report) {
        try (MailboxConsumer in = MailboxConsumer.open(config.path(".ab.mailbox"), options(config));
                MailboxProducer out = MailboxProducer.open(config.path(".ba.mailbox"), options(config))) {
            report.ready();
            CpuShare share = new CpuShare();
            Echo echo = new Echo(out, share, config.warmupNanos());
            IdleStrategy idle = new BusySpinIdleStrategy();
            while (in.receive(echo, 1, idle) != ChannelConsumer.END_OF_STREAM) {
                // echoed in the handler
            }
            report.result(Map.of("cpuShare", CpuShare.format(share.stop())));
        }
    }

    /** Sends each message back from where it lies in the mapping, through a view made once. */
    private static final class Echo implements MessageHandler {
        private final MailboxProducer out;
        private final CpuShare share;
        private final long warmupNanos;
        private ByteBuffer view;

        Echo(final MailboxProducer out, final CpuShare share, final long warmupNanos) {
            this.out = out;
            this.share = share;
            this.warmupNanos = warmupNanos;
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer buffer, final int index, final int length) {
            if (view == null) {
                view = buffer.duplicate();
            }
            view.clear().position(index).limit(index + length);
            while (!out.offer(view)) {
                Thread.onSpinWait();
            }
            share.startAfterWarmup(warmupNanos);
        }
    }

    private static final class Source extends SourceLoop {
        private final MailboxProducer producer;
        private final IdleStrategy idle = new BusySpinIdleStrategy();

        Source(final MailboxProducer producer, final int length) {
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
        private final MailboxProducer out;
        private final MailboxConsumer in;
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        private long head;
        private long tail;

        Pinger(final MailboxProducer out, final MailboxConsumer in, final int length) {
            super(length);
            this.out = out;
            this.in = in;
        }

        @Override
        protected void roundTrip(final long sequence) {
            Payload.stamp(payload, length, sequence);
            out.send(payload, 0, length, idle);
            if (in.receive(this, 1, idle) != 1) {
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
