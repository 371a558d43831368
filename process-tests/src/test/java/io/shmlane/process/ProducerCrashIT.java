package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 5: the producer is killed with {@code kill -9} at random points while it writes messages
 * of random sizes. The consumer must deliver everything that was committed, never a torn payload,
 * then report the dead producer (exit 5, {@code producer died} on stderr, {@code end=producer-died}).
 * A new producer resumes where the channel stands and the sequence continues; a new consumer drains
 * to the end of the stream. Across all of them: {@code Msg-0} ... {@code Msg-(N-1)} exactly once, in order.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=ProducerCrashIT -Dprocess.seed=S
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class ProducerCrashIT {
    /** A ring of 64 KiB: messages up to 8 KiB, so the random sizes wrap the ring often. */
    private static final int RING_CAPACITY = 64 * 1024;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldNeverDeliverATornMessageAndContinueTheSequenceWhenTheProducerIsKilled(
            final Lane lane, final ProcessHarness harness) {
        SplittableRandom random = harness.random();
        long n = ProcessHarness.scaled(lane.messages(100_000, 30_000));
        int kills = ProcessHarness.scaled(6);
        long[] points = KillPoints.draw(random, n, kills);
        Path file = harness.file("channel.shm");
        harness.summary()
                .channel(lane)
                .messages(n)
                .detail("size", "random")
                .detail("capacity", lane == Lane.RING ? RING_CAPACITY : lane.defaultCapacity())
                .detail("killPoints", Arrays.stream(points).boxed().collect(Collectors.toList()));

        List<ChildProcess> consumers = new ArrayList<>();
        List<ChildProcess> producers = new ArrayList<>();
        ChildProcess consumer = startConsumer(harness, lane, file, 1);
        consumers.add(consumer);
        harness.awaitWhileAlive("the first consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = startProducer(harness, lane, file, n, random.nextLong(), 1);
        producers.add(producer);
        List<String> restartOrder = new ArrayList<>();
        List<Long> lastDeliveredBeforeRestart = new ArrayList<>();
        int consumerNumber = 1;

        long base = 0; // where the current producer started: everything before it was delivered
        for (int k = 0; k < kills; k++) {
            long trigger = Math.max(1, points[k] - base);
            ChildProcess victim = producer;
            victim.onMessageLines(trigger, victim::kill);
            int exit = harness.awaitExitWhileAlive(victim, consumer);
            harness.check(
                    victim.wasKilled() && exit == 137,
                    () -> victim.label() + " should have been killed at its message line " + trigger + " but exited "
                            + exit + " by itself");
            harness.summary().addKill();

            // the consumer drains what was committed, then reports the dead producer
            ChildProcess drained = consumer;
            assertThat(harness.awaitExit(drained))
                    .as(() -> drained.label() + " should exit 5 (producer died)\n" + harness.describeChildren())
                    .isEqualTo(5);
            assertDeadProducerReported(harness, drained);
            base = drained.consumed().last(base - 1) + 1;

            lastDeliveredBeforeRestart.add(base - 1);

            if (random.nextBoolean()) {
                restartOrder.add("producer first");
                producer = startProducer(harness, lane, file, n, random.nextLong(), k + 2);
            } else {
                // a consumer started while the dead producer still holds the channel reports it at once,
                // having delivered nothing; it is restarted once the new producer is there
                restartOrder.add("consumer first, restarted");
                ChildProcess early = startConsumer(harness, lane, file, ++consumerNumber);
                consumers.add(early);
                assertThat(harness.awaitExit(early))
                        .as(() -> early.label() + " should exit 5 (producer died)\n" + harness.describeChildren())
                        .isEqualTo(5);
                assertDeadProducerReported(harness, early);
                harness.check(early.consumed().size() == 0, () -> early.label() + " should have delivered nothing");
                producer = startProducer(harness, lane, file, n, random.nextLong(), k + 2);
            }
            ChildProcess resumed = producer;
            harness.awaitWhileAlive("the new producer to attach", resumed)
                    .until(() -> ChannelProbe.attached(file, Role.PRODUCER));
            consumer = startConsumer(harness, lane, file, ++consumerNumber);
            producers.add(producer);
            consumers.add(consumer);
        }

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();

        DeliveryCheck check = DeliveryCheck.expectingRange(n);
        long torn = 0;
        for (ChildProcess c : consumers) {
            check.delivered(c.label(), c.consumed());
            torn += c.tornCount();
        }
        DeliveryReport report = check.torn(torn).run();
        harness.summary().delivery(report).detail("restartOrder", restartOrder);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();

        // each new producer continued right after the last message the drained consumer delivered;
        // only the message committed in the instant before the kill may lack its Produced line
        List<Long> unprintedCommits = new ArrayList<>();
        for (int i = 1; i < producers.size(); i++) {
            ChildProcess before = producers.get(i - 1);
            ChildProcess after = producers.get(i);
            long lastConsumedBefore = lastDeliveredBeforeRestart.get(i - 1);
            long resumed = after.produced().size() > 0 ? after.produced().get(0) : -1;
            long lastProduced = before.produced().last(-1);
            harness.check(
                    resumed == lastConsumedBefore + 1,
                    () -> after.label() + " should resume at Msg-" + (lastConsumedBefore + 1)
                            + ", after the last message delivered before the kill, but started at Msg-" + resumed);
            harness.check(
                    resumed - lastProduced - 1 <= 1,
                    () -> before.label() + " printed up to Msg-" + lastProduced + " but " + after.label()
                            + " resumed at Msg-" + resumed + ": more than the one message in flight at the kill");
            unprintedCommits.add(resumed - lastProduced - 1);
        }
        harness.summary().detail("committedButNotPrintedAtKill", unprintedCommits);
    }

    private static void assertDeadProducerReported(final ProcessHarness harness, final ChildProcess consumer) {
        Map<String, String> summary = consumer.summary("received")
                .orElseThrow(() -> new AssertionError(
                        "no summary line from " + consumer.label() + "\n" + harness.describeChildren()));
        assertThat(summary)
                .as(harness::describeChildren)
                .containsEntry("end", "producer-died")
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0")
                .containsEntry("torn", "0");
        assertThat(consumer.stderrLines())
                .as(harness::describeChildren)
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("shmlane: producer died"));
    }

    private static ChildProcess startConsumer(
            final ProcessHarness harness, final Lane lane, final Path file, final int number) {
        return harness.shmlane(
                "consumer-" + number,
                withCapacity(lane, "consumer", "--file", file.toString(), "--channel", lane.cli()));
    }

    /** The arguments, plus the small ring's capacity for the ring: whichever side comes first creates the file. */
    private static String[] withCapacity(final Lane lane, final String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        if (lane == Lane.RING) {
            list.add("--capacity");
            list.add(Integer.toString(RING_CAPACITY));
        }
        return list.toArray(new String[0]);
    }

    private static ChildProcess startProducer(
            final ProcessHarness harness,
            final Lane lane,
            final Path file,
            final long n,
            final long seed,
            final int number) {
        return harness.shmlane(
                "producer-" + number,
                withCapacity(
                        lane,
                        "producer",
                        "--file",
                        file.toString(),
                        "--channel",
                        lane.cli(),
                        "--count",
                        Long.toString(n),
                        "--size",
                        "random",
                        "--seed",
                        Long.toString(seed)));
    }
}
