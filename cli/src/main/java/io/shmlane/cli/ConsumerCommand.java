package io.shmlane.cli;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.Channels;
import io.shmlane.MessageHandler;
import io.shmlane.PeerStatus;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.naive.NaiveChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Receives and checks {@code Msg-N} messages until the end of the stream. */
@Command(
        name = "consumer",
        mixinStandardHelpOptions = true,
        description = {
            "Prints 'Consumed: Msg-N' for each message and checks the sequence and checksums itself.",
            "Ends at end of stream with one summary line: received= gaps= duplicates= torn= ... seconds= rate=.",
            "Exits 0 when the stream was delivered whole, 5 when the producer died (unless --wait-producer),",
            "6 on gaps, duplicates or torn."
        })
final class ConsumerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--quiet", description = "Print only the summary line.")
    boolean quiet;

    @Option(
            names = "--batch",
            defaultValue = "256",
            paramLabel = "N",
            description = "Messages per poll; the ring releases its head once per batch (default 256).")
    int batch;

    @Option(
            names = "--wait-producer",
            description = "When the producer dies without ending the stream, wait for a new one (it continues"
                    + " the sequence) instead of exiting 5; SIGINT/SIGTERM still stop.")
    boolean waitProducer;

    @Option(
            names = "--idle-exit",
            defaultValue = "3",
            paramLabel = "SECONDS",
            description = "naive only (it has no end of stream): stop after this long without a message.")
    double idleExitSeconds;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1: " + batch);
        }
        if (!(idleExitSeconds >= 0)) {
            throw new IllegalArgumentException("--idle-exit must not be negative: " + idleExitSeconds);
        }
        // every option is checked before anything touches the file system
        common.idleStrategy();
        if (common.channel != ChannelType.naive) {
            common.toChannelOptions();
        }
        PrintStream out = Output.stdout();
        try (GracefulStop stop = GracefulStop.install()) {
            try {
                return common.channel == ChannelType.naive ? runNaive(out, stop) : run(out, stop);
            } finally {
                out.flush(); // before the stop's hook may let the JVM halt
            }
        }
    }

    private int run(final PrintStream out, final GracefulStop stop) {
        IdleStrategy idle = common.idleStrategy();
        try (ChannelConsumer consumer = Channels.openConsumer(common.file, common.toChannelOptions())) {
            MessageCodec codec = new MessageCodec(consumer.file().maxMessageLength());
            // the lower of the consumer slot's next sequence and the record at the head: a corrupt
            // sequence in that record must not shift what every later message is checked against, and a
            // consumer that died between storing the next sequence and releasing the head left the slot
            // one batch ahead of the batch that is delivered again
            SequenceChecker checker = new SequenceChecker(
                    consumer.file() != null
                            ? Math.min(
                                    consumer.file().longVolatile(ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET),
                                    consumer.nextSequence())
                            : consumer.nextSequence());
            MessageHandler handler = (sequence, buffer, index, length) -> {
                long n = codec.decode(buffer, index, length);
                SequenceChecker.Verdict verdict = checker.accept(sequence, n);
                if (!quiet) {
                    out.println(
                            verdict != SequenceChecker.Verdict.TORN
                                    ? "Consumed: Msg-" + n
                                    : n >= 0
                                            ? "Torn: Msg-" + n + " in a record with sequence " + sequence
                                            : "Torn: sequence " + sequence);
                }
            };
            BooleanSupplier stopped = stop::requested;
            long start = System.nanoTime();
            String end = "eos";
            ChannelException died = null;
            boolean receiving = true;
            while (receiving) {
                receiving = false;
                try {
                    int received;
                    while ((received = consumer.receive(handler, batch, idle, stopped))
                            != ChannelConsumer.END_OF_STREAM) {
                        if (received == 0 || stop.requested()) {
                            end = "signal";
                            break;
                        }
                    }
                } catch (ChannelException e) {
                    if (e.reason() == ChannelException.Reason.INTERRUPTED && stop.requested()) {
                        end = "signal";
                    } else if (e.reason() == ChannelException.Reason.PEER_DIED && waitProducer) {
                        System.err.println("shmlane: " + e.getMessage().replace("; start a producer to continue", "")
                                + "; waiting for a new producer (--wait-producer)");
                        receiving = awaitNewProducer(consumer, stop);
                        end = receiving ? end : "signal";
                    } else if (e.reason() == ChannelException.Reason.PEER_DIED) {
                        end = "producer-died";
                        died = e;
                    } else {
                        throw e;
                    }
                } catch (InternalError fault) {
                    throw consumer.file().translate(fault);
                } catch (RuntimeException unexpected) {
                    throw TruncatedFile.orRethrow(consumer.file(), unexpected);
                }
            }
            out.println(
                    checker.summary((System.nanoTime() - start) / 1e9) + " channel=" + common.channel + " end=" + end);
            if (died != null) {
                throw died;
            }
            return verdict(checker);
        }
    }

    /**
     * Waits until a producer holds the role again (true) or a stop is asked for (false), looking every
     * {@link ChannelConsumer#CHECK_INTERVAL_NANOS} ns.
     */
    private static boolean awaitNewProducer(final ChannelConsumer consumer, final GracefulStop stop) {
        while (true) {
            LockSupport.parkNanos(ChannelConsumer.CHECK_INTERVAL_NANOS); // a stop unparks
            if (stop.requested()) {
                return false;
            }
            consumer.file().checkNotTruncated();
            if (consumer.producerStatus() != PeerStatus.DEAD) {
                return true;
            }
        }
    }

    private int runNaive(final PrintStream out, final GracefulStop stop) throws IOException {
        IdleStrategy idle = common.idleStrategy();
        byte[] message = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];
        MessageCodec codec = new MessageCodec(message.length);
        SequenceChecker checker = new SequenceChecker(0);
        long idleExitNanos = (long) (idleExitSeconds * 1e9);
        long start = System.nanoTime();
        long lastMessage = start;
        String end = "idle";
        try (NaiveChannel channel = NaiveChannel.open(common.file)) {
            while (true) {
                int length = channel.poll(message);
                if (length >= 0) {
                    long n = codec.decode(message, length);
                    checker.accept(SequenceChecker.NO_SEQUENCE, n);
                    if (!quiet) {
                        out.println(n >= 0 ? "Consumed: Msg-" + n : "Torn: a message failed its checksum");
                    }
                    lastMessage = System.nanoTime();
                    idle.reset();
                } else if (stop.requested()) {
                    end = "signal";
                    break;
                } else if (checker.received() > 0 && System.nanoTime() - lastMessage > idleExitNanos) {
                    break;
                } else {
                    idle.idle();
                }
            }
        }
        out.println(checker.summary((lastMessage - start) / 1e9) + " channel=naive end=" + end);
        return verdict(checker);
    }

    /** OK, or VERIFICATION_FAILED with one line on stderr naming the first problem. */
    private static int verdict(final SequenceChecker checker) {
        if (checker.clean()) {
            return ExitCodes.OK;
        }
        System.err.println("shmlane: verification failed: " + checker.counts() + "; first " + checker.firstProblem()
                + (checker.firstMissing() >= 0 ? "; first missing: Msg-" + checker.firstMissing() : ""));
        return ExitCodes.VERIFICATION_FAILED;
    }
}
