package io.shmlane.cli;

import io.shmlane.ChannelException;
import io.shmlane.ChannelProducer;
import io.shmlane.Channels;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.naive.NaiveChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sends {@code Msg-0}, {@code Msg-1}, ... and ends the stream. */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        description = {
            "Sends Msg-0 ... Msg-(N-1), each padded to --size bytes with a checksum, then ends the stream.",
            "After a producer that died, it continues the sequence where the channel stands."
        })
final class ProducerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Send up to Msg-(N-1), then end the stream. Without it: until SIGINT or SIGTERM.")
    Long count;

    @Option(
            names = "--size",
            defaultValue = "32",
            paramLabel = "BYTES|random|0",
            description = "Payload size: from 32 to the channel's maximum (default 32), 'random' for sizes drawn"
                    + " from that range, or 0 for the bare text Msg-N.")
    String size;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            description = "Seed for --size random (default: time based, printed).")
    Long seed;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", description = "Send at most this many messages per second.")
    Double rate;

    @Option(names = "--quiet", description = "Print only the summary, not a line per message.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (count != null && count < 0) {
            throw new IllegalArgumentException("--count must not be negative: " + count);
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive: " + rate);
        }
        PrintStream out = Output.stdout();
        try (GracefulStop stop = GracefulStop.install()) {
            return common.channel == ChannelType.naive ? runNaive(out, stop) : run(out, stop);
        } finally {
            out.flush();
        }
    }

    private int run(final PrintStream out, final GracefulStop stop) {
        IdleStrategy idle = common.idleStrategy();
        ChannelProducer producer = Channels.openProducer(common.file, common.toChannelOptions());
        boolean finished = false;
        try {
            Sizes sizes = Sizes.parse(size, producer.maxMessageLength(), seed);
            byte[] message = new byte[Math.max(producer.maxMessageLength(), MessageCodec.MIN_PADDED_SIZE)];
            MessageCodec codec = new MessageCodec(message.length);
            long first = producer.nextSequence();
            long n = first;
            long start = System.nanoTime();
            String end = "count";
            try {
                while (count == null || n < count) {
                    if (stop.requested()) {
                        end = "signal";
                        break;
                    }
                    int length = codec.encode(n, message, sizes.next());
                    pace(start, n - first);
                    producer.send(message, 0, length, idle);
                    if (!quiet) {
                        out.println("Produced: Msg-" + n);
                    }
                    n++;
                }
            } catch (ChannelException e) {
                if (e.reason() != ChannelException.Reason.INTERRUPTED || !stop.requested()) {
                    throw e;
                }
                end = "signal";
            } catch (InternalError fault) {
                throw producer.file().translate(fault);
            }
            finished = true;
            summary(out, first, n, start, end, sizes);
        } finally {
            // a stop signal's interrupt must not reach the close: an interrupted FileChannel call
            // closes the channel, and the end of stream would be lost
            boolean interrupted = Thread.interrupted();
            if (finished) {
                producer.close(); // end of stream
            } else {
                producer.detach(); // an error is no end of stream: a new producer may continue
            }
            if (interrupted && !stop.requested()) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCodes.OK;
    }

    private int runNaive(final PrintStream out, final GracefulStop stop) throws IOException {
        Sizes sizes = Sizes.parse(size, NaiveChannel.MAX_MESSAGE_LENGTH, seed);
        byte[] message = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];
        MessageCodec codec = new MessageCodec(message.length);
        long n = 0;
        long start = System.nanoTime();
        String end = "count";
        try (NaiveChannel channel = NaiveChannel.open(common.file)) {
            while (count == null || n < count) {
                if (stop.requested()) {
                    end = "signal";
                    break;
                }
                int length = codec.encode(n, message, sizes.next());
                pace(start, n);
                channel.send(message, 0, length); // never waits for the consumer: the known bug
                if (!quiet) {
                    out.println("Produced: Msg-" + n);
                }
                n++;
            }
        }
        summary(out, 0, n, start, end, sizes);
        return ExitCodes.OK;
    }

    private void pace(final long start, final long sent) {
        if (rate != null) {
            long due = start + (long) (sent * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void summary(
            final PrintStream out,
            final long first,
            final long next,
            final long start,
            final String end,
            final Sizes sizes) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = next - first;
        out.println("produced=" + sent + " first=" + (sent > 0 ? first : -1) + " last=" + (sent > 0 ? next - 1 : -1)
                + " channel=" + common.channel + " size=" + size + sizes.seedToken() + " end=" + end + " seconds="
                + String.format(java.util.Locale.ROOT, "%.3f", seconds) + " rate="
                + String.format(java.util.Locale.ROOT, "%.0f", seconds > 0 ? sent / seconds : 0.0));
    }

    /** Payload sizes: fixed, 0 (bare text) or random in [32, max]. */
    static final class Sizes {
        private final int fixed;
        private final int max;
        private final SplittableRandom random;
        private final long seed;

        private Sizes(final int fixed, final int max, final SplittableRandom random, final long seed) {
            this.fixed = fixed;
            this.max = max;
            this.random = random;
            this.seed = seed;
        }

        static Sizes parse(final String text, final int maxMessageLength, final Long seed) {
            int max = maxMessageLength;
            if (max < MessageCodec.MIN_PADDED_SIZE) {
                throw new IllegalArgumentException("the channel's maximum message length " + max + " is below "
                        + MessageCodec.MIN_PADDED_SIZE + ", the smallest padded message: use a larger --capacity");
            }
            if ("random".equals(text)) {
                long s = seed != null ? seed : System.nanoTime();
                return new Sizes(-1, max, new SplittableRandom(s), s);
            }
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size must be a number of bytes, 'random' or 0: " + text, e);
            }
            if (value != 0 && (value < MessageCodec.MIN_PADDED_SIZE || value > max)) {
                throw new IllegalArgumentException("--size must be 0 or from " + MessageCodec.MIN_PADDED_SIZE + " to "
                        + max + " (the channel's maximum message length): size=" + value);
            }
            return new Sizes(value, max, null, 0);
        }

        int next() {
            return random == null ? fixed : random.nextInt(MessageCodec.MIN_PADDED_SIZE, max + 1);
        }

        String seedToken() {
            return random == null ? "" : " seed=" + seed;
        }
    }
}
