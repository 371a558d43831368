package io.shmlane.cli;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Channels;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.naive.NaiveChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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
    /** Longest single park while pacing: a stop is seen within this even without its unpark. */
    private static final long PACE_SLICE_NANOS = 50_000_000L;

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
                    + " from that range, or 0 for the bare text Msg-N. A stream is bare or padded throughout: a producer"
                    + " that continues a stream uses the form its predecessor used (the consumer takes a change"
                    + " of form for a torn message).")
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
        // every option is checked before anything touches the file system: a usage error leaves no
        // file behind, and no producer that looks dead to the next consumer
        IdleStrategy idle = common.idleStrategy();
        ChannelOptions options = null;
        if (common.channel == ChannelType.naive) {
            Sizes.parse(size, NaiveChannel.MAX_MESSAGE_LENGTH, seed);
        } else {
            options = common.toChannelOptions();
            Sizes.parse(size, expectedMaxMessageLength(options), seed);
        }
        PrintStream out = Output.stdout();
        try (GracefulStop stop = GracefulStop.install()) {
            try {
                return common.channel == ChannelType.naive ? runNaive(out, stop) : run(out, stop, options, idle);
            } finally {
                out.flush(); // before the stop's hook may let the JVM halt
            }
        }
    }

    /**
     * The maximum message length the channel will have: from {@code --capacity}, else from the
     * existing file's header (read-only), else from the default capacity of a new file.
     */
    private int expectedMaxMessageLength(final ChannelOptions options) {
        if (common.capacity == null && Files.isRegularFile(common.file)) {
            try (ChannelFile existing = ChannelFile.openExisting(common.file, options.attachTimeout())) {
                if (existing.kind() == options.kind()) {
                    return existing.maxMessageLength();
                }
            } catch (ChannelException unusable) {
                // opening it as a producer reports the problem, with the right exit code
            }
        }
        return ChannelOptions.maxMessageLength(options.kind(), options.capacity());
    }

    private int run(
            final PrintStream out, final GracefulStop stop, final ChannelOptions options, final IdleStrategy idle) {
        ChannelProducer producer = Channels.openProducer(common.file, options);
        boolean finished = false;
        try {
            Sizes sizes = Sizes.parse(size, producer.maxMessageLength(), seed);
            byte[] message = new byte[Math.max(producer.maxMessageLength(), MessageCodec.MIN_PADDED_SIZE)];
            MessageCodec codec = new MessageCodec(message.length);
            long first = producer.nextSequence();
            long n = first;
            BooleanSupplier stopped = stop::requested;
            long start = System.nanoTime();
            String end = "count";
            try {
                while (count == null || n < count) {
                    if (stop.requested()) {
                        end = "signal";
                        break;
                    }
                    int length = codec.encode(n, message, sizes.next());
                    pace(start, n - first, stop);
                    if (stop.requested() || !producer.send(message, 0, length, idle, stopped)) {
                        end = "signal";
                        break;
                    }
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
            } catch (RuntimeException unexpected) {
                // a mapped access that faulted because the file shrank can surface as another error
                // (seen: an index out of bounds from a copy intrinsic); blame the truncation, exit 3
                throw TruncatedFile.orRethrow(producer.file(), unexpected);
            }
            finished = true;
            summary(out, first, n, start, end, sizes);
        } finally {
            if (finished) {
                producer.close(); // end of stream
            } else {
                producer.detach(); // an error is no end of stream: a new producer may continue
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
                pace(start, n, stop);
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

    /** Waits until message {@code sent} is due at {@code --rate}; a stop (which unparks) ends the wait. */
    private void pace(final long start, final long sent, final GracefulStop stop) {
        if (rate != null) {
            long due = start + (long) (sent * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && !stop.requested()) {
                LockSupport.parkNanos(Math.min(wait, PACE_SLICE_NANOS));
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
