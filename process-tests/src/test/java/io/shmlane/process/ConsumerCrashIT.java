package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 4: the consumer is killed with {@code kill -9} at random points of the stream and
 * restarted each time. Nothing may be lost and the order is kept; a restarted consumer may deliver
 * again only what its predecessor printed but had not acknowledged (the ring's batch, the mailbox's
 * slot), right at its start: those redeliveries are counted.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=ConsumerCrashIT -Dprocess.seed=S
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class ConsumerCrashIT {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldLoseNothingAndRedeliverOnlyAtTheKillPointWhenTheConsumerIsKilled(
            final Lane lane, final ProcessHarness harness) {
        SplittableRandom random = harness.random();
        long n = ProcessHarness.scaled(lane.messages(200_000, 30_000));
        int kills = ProcessHarness.scaled(8);
        int batch = lane == Lane.RING ? random.nextInt(1, 513) : 1;
        String idle = random.nextBoolean() ? "yield" : "backoff";
        long[] points = KillPoints.draw(random, n, kills);
        Path file = harness.file("channel.shm");
        harness.summary()
                .channel(lane)
                .messages(n)
                .detail("batch", batch)
                .detail("idle", idle)
                .detail("killPoints", Arrays.stream(points).boxed().collect(Collectors.toList()));

        List<ChildProcess> consumers = new ArrayList<>();
        ChildProcess consumer = startConsumer(harness, lane, file, batch, idle, 1);
        consumers.add(consumer);
        harness.awaitWhileAlive("the first consumer to attach", consumer)
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

        List<Long> redeliveredPerKill = new ArrayList<>();
        long delivered = 0; // distinct messages consumed before this consumer started
        for (int k = 0; k < kills; k++) {
            long trigger = Math.max(1, points[k] - delivered);
            ChildProcess victim = consumer;
            victim.onMessageLines(trigger, victim::kill);
            int exit = harness.awaitExit(victim);
            harness.check(
                    victim.wasKilled() && exit == 137,
                    () -> victim.label() + " should have been killed at its message line " + trigger + " but exited "
                            + exit + " by itself");
            harness.summary().addKill();
            long last = victim.consumed().last(delivered - 1);
            delivered = Math.max(delivered, last + 1);
            consumer = startConsumer(harness, lane, file, batch, idle, k + 2);
            consumers.add(consumer);
        }

        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        DeliveryCheck check = DeliveryCheck.expectingRange(n).redeliveryWindow(lane.redeliveryWindow(batch));
        long torn = 0;
        for (int i = 0; i < consumers.size(); i++) {
            ChildProcess c = consumers.get(i);
            check.delivered(c.label(), c.consumed(), i > 0);
            torn += c.tornCount();
            if (i > 0) {
                ChildProcess before = consumers.get(i - 1);
                long lastBefore = before.consumed().last(-1);
                long firstNow = c.consumed().size() > 0 ? c.consumed().get(0) : lastBefore + 1;
                redeliveredPerKill.add(Math.max(0, lastBefore + 1 - firstNow));
            }
        }
        DeliveryReport report = check.torn(torn).run();
        harness.summary().delivery(report).detail("redeliveredPerKill", redeliveredPerKill);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
        assertThat(report.redelivered)
                .as("redelivered messages, at most the window at each of the %d kills", kills)
                .isLessThanOrEqualTo((long) kills * lane.redeliveryWindow(batch));
        // the last consumer's own checker agrees: it started at the redelivered batch and saw no problem
        assertThat(consumer.summary("received").orElseThrow())
                .as(harness::describeChildren)
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0")
                .containsEntry("torn", "0")
                .containsEntry("last", Long.toString(n - 1))
                .containsEntry("end", "eos");
    }

    private static ChildProcess startConsumer(
            final ProcessHarness harness,
            final Lane lane,
            final Path file,
            final int batch,
            final String idle,
            final int number) {
        return harness.shmlane(
                "consumer-" + number,
                "consumer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--batch",
                Integer.toString(batch),
                "--idle",
                idle);
    }
}
