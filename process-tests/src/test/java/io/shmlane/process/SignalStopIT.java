package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGTERM and SIGINT are a clean stop for either side, wherever it is: waiting for room on a full
 * channel, waiting for messages on an empty one, or mid-stream. The stopped side exits 143 / 130
 * (README), prints its summary line with {@code end=signal}, and leaves the channel usable: a
 * stopped producer has ended the stream (the next consumer drains it, {@code end=eos}, exit 0, and
 * does not report a dead producer); a stopped consumer has released what it read (the next consumer
 * continues without loss). Before the stop stopped interrupting the worker, an interrupt that hit
 * the size probe of a waiting side closed its file: no summary, the producer left "attached", and
 * the next consumer exited 5.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=SignalStopIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class SignalStopIT {
    /** A signal and the exit status the README gives for it. */
    enum Signal {
        TERM(143),
        INT(130);

        final int exitCode;

        Signal(final int exitCode) {
            this.exitCode = exitCode;
        }

        void send(final ChildProcess child) {
            if (this == TERM) {
                child.terminate();
            } else {
                child.interrupt();
            }
        }
    }

    static Stream<Arguments> lanesAndSignals() {
        return Stream.of(Lane.values())
                .flatMap(lane -> Stream.of(Signal.values()).map(signal -> Arguments.of(lane, signal)));
    }

    private static String[] small(final Lane lane) {
        return lane == Lane.RING ? new String[] {"--capacity", "4096"} : new String[] {"--capacity", "64"};
    }

    private static String[] args(final String command, final Path file, final Lane lane, final String... more) {
        String[] base = {command, "--file", file.toString(), "--channel", lane.cli()};
        String[] size = small(lane);
        String[] all = new String[base.length + size.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(size, 0, all, base.length, size.length);
        System.arraycopy(more, 0, all, base.length + size.length, more.length);
        return all;
    }

    private static void assertStopped(
            final ProcessHarness harness, final ChildProcess child, final Signal signal, final String summaryKey) {
        assertThat(harness.awaitExit(child)).as(harness::describeChildren).isEqualTo(signal.exitCode);
        Map<String, String> summary = child.summary(summaryKey)
                .orElseThrow(() -> new AssertionError("no summary line\n" + harness.describeChildren()));
        assertThat(summary).as(harness::describeChildren).containsEntry("end", "signal");
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @MethodSource("lanesAndSignals")
    void shouldStopAProducerWaitingOnAFullChannelCleanly(
            final Lane lane, final Signal signal, final ProcessHarness harness) {
        Path file = harness.file("full.shm");
        harness.summary().channel(lane).detail("case", "SIG" + signal + " to a producer waiting on a full channel");
        ChildProcess producer = harness.shmlane("producer", args("producer", file, lane));
        // the channel is full once the producer prints nothing more for a while
        harness.awaitWhileAlive("the channel to fill", producer)
                .until(() -> producer.producedCount() > 0 && producer.quietNanos() > 300_000_000L);
        sleepRandomly(harness);
        signal.send(producer);
        assertStopped(harness, producer, signal, "produced");

        ChildProcess consumer = harness.shmlane("consumer", args("consumer", file, lane));
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        assertThat(consumer.summary("received").orElseThrow()).containsEntry("end", "eos");
        DeliveryReport report = DeliveryCheck.expecting(producer.produced())
                .delivered(consumer.label(), consumer.consumed())
                .run();
        harness.summary().messages(producer.producedCount()).delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @MethodSource("lanesAndSignals")
    void shouldStopAConsumerWaitingOnAnEmptyChannelCleanly(
            final Lane lane, final Signal signal, final ProcessHarness harness) {
        Path file = harness.file("empty.shm");
        harness.summary().channel(lane).detail("case", "SIG" + signal + " to a consumer waiting on an empty channel");
        ChildProcess consumer = harness.shmlane("consumer", args("consumer", file, lane));
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        sleepRandomly(harness);
        signal.send(consumer);
        assertStopped(harness, consumer, signal, "received");
        assertThat(consumer.summary("received").orElseThrow()).containsEntry("received", "0");
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @MethodSource("lanesAndSignals")
    void shouldStopAConsumerMidStreamAndLetTheNextOneContinue(
            final Lane lane, final Signal signal, final ProcessHarness harness) {
        Path file = harness.file("mid.shm");
        long count = ProcessHarness.scaled(3000);
        long before = 200 + harness.random().nextInt(1000);
        harness.summary().channel(lane).messages(count).detail("case", "SIG" + signal + " to a consumer mid-stream");
        ChildProcess first = harness.shmlane("consumer-1", args("consumer", file, lane));
        harness.awaitWhileAlive("the consumer to attach", first)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer", args("producer", file, lane, "--count", Long.toString(count), "--rate", "5000"));
        harness.awaitWhileAlive("messages to flow", first, producer).until(() -> first.consumedCount() >= before);
        signal.send(first);
        assertStopped(harness, first, signal, "received");

        ChildProcess second = harness.shmlane("consumer-2", args("consumer", file, lane));
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(second)).as(harness::describeChildren).isZero();
        assertThat(second.summary("received").orElseThrow()).containsEntry("end", "eos");
        DeliveryReport report = DeliveryCheck.expectingRange(count)
                .delivered(first.label(), first.consumed())
                .delivered(second.label(), second.consumed())
                .run();
        harness.summary().delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @MethodSource("lanesAndSignals")
    void shouldStopAProducerMidStreamWithTheEndOfStream(
            final Lane lane, final Signal signal, final ProcessHarness harness) {
        Path file = harness.file("mid.shm");
        long before = 200 + harness.random().nextInt(1000);
        harness.summary().channel(lane).detail("case", "SIG" + signal + " to a producer mid-stream");
        ChildProcess consumer = harness.shmlane("consumer", args("consumer", file, lane));
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane("producer", args("producer", file, lane, "--rate", "5000"));
        harness.awaitWhileAlive("messages to flow", consumer, producer).until(() -> consumer.consumedCount() >= before);
        signal.send(producer);
        assertStopped(harness, producer, signal, "produced");
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        assertThat(consumer.summary("received").orElseThrow()).containsEntry("end", "eos");
        DeliveryReport report = DeliveryCheck.expecting(producer.produced())
                .delivered(consumer.label(), consumer.consumed())
                .run();
        harness.summary().messages(producer.producedCount()).delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
    }

    /** A random moment within the wait: 0 to 300 ms more. */
    private static void sleepRandomly(final ProcessHarness harness) {
        try {
            Thread.sleep(Duration.ofMillis(harness.random().nextInt(300)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
