package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 1: {@code Msg-0} ... {@code Msg-(N-1)} arrive exactly once and in order between two JVMs,
 * whichever side starts first. With the consumer first, every {@code Consumed:} line is checked here;
 * with the producer first (it fills the channel and waits), both sides run {@code --quiet} and the
 * consumer's own checker and summary carry the evidence.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=ExactlyOnceIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class ExactlyOnceIT {
    /** Default counts: at least a million through the ring, as the issue asks. */
    static long messages(final Lane lane) {
        return ProcessHarness.scaled(lane.messages(1_000_000, 100_000));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldDeliverEveryMessageOnceInOrderWithConsumerStartedFirst(final Lane lane, final ProcessHarness harness) {
        long n = messages(lane);
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).messages(n).detail("order", "consumer first");

        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--count",
                Long.toString(n),
                "--quiet");

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        DeliveryReport report = DeliveryCheck.expectingRange(n)
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .run();
        harness.summary().delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
        assertConsumerSummary(harness, consumer, n);
        assertProducerSummary(harness, producer, n);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldDeliverEveryMessageOnceInOrderWithProducerStartedFirst(final Lane lane, final ProcessHarness harness) {
        long n = messages(lane);
        Path file = harness.file("channel.shm");
        harness.summary()
                .channel(lane)
                .messages(n)
                .detail("order", "producer first")
                .detail("evidence", "summary lines");

        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--count",
                Long.toString(n),
                "--quiet");
        // the producer has filled what it can and waits: no consumer ever attached
        harness.awaitWhileAlive("the producer to commit its first messages", producer)
                .until(() -> ChannelProbe.read(file)
                        .map(s -> s.held(Role.PRODUCER) && (lane == Lane.RING ? s.tail() > 0 : s.slotFull()))
                        .orElse(false));
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli(), "--quiet");

        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        Map<String, String> summary = assertConsumerSummary(harness, consumer, n);
        harness.summary()
                .counts(
                        Long.parseLong(summary.get("gaps")),
                        Long.parseLong(summary.get("duplicates")),
                        Long.parseLong(summary.get("torn")));
        assertProducerSummary(harness, producer, n);
    }

    /** The consumer's own verdict: all N received, in order from Msg-0, nothing wrong, ended by end of stream. */
    static Map<String, String> assertConsumerSummary(
            final ProcessHarness harness, final ChildProcess consumer, final long n) {
        Map<String, String> summary = consumer.summary("received")
                .orElseThrow(() -> new AssertionError("no consumer summary line\n" + harness.describeChildren()));
        assertThat(summary)
                .as(harness::describeChildren)
                .containsEntry("received", Long.toString(n))
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0")
                .containsEntry("torn", "0")
                .containsEntry("first", "0")
                .containsEntry("last", Long.toString(n - 1))
                .containsEntry("end", "eos");
        return summary;
    }

    static void assertProducerSummary(final ProcessHarness harness, final ChildProcess producer, final long n) {
        Map<String, String> summary = producer.summary("produced")
                .orElseThrow(() -> new AssertionError("no producer summary line\n" + harness.describeChildren()));
        assertThat(summary)
                .as(harness::describeChildren)
                .containsEntry("produced", Long.toString(n))
                .containsEntry("first", "0")
                .containsEntry("last", Long.toString(n - 1))
                .containsEntry("end", "count");
    }
}
