package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash matrix, recovery over unread records: the consumer is stopped ({@code SIGSTOP}) so that it
 * lags by up to the whole channel, the producer is killed with {@code kill -9} (while it waits on
 * the full channel, or at once while it still writes), a new producer is started (before the
 * consumer is continued, or after it: both orders), and the consumer continues ({@code SIGCONT}).
 * The new producer recovers next to records the consumer has not read: it must resume after the
 * last committed one and overwrite none. One consumer ({@code --wait-producer}) sees the whole
 * stream: every {@code Msg-N} once, in order, intact, no redelivery (it never died).
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dit.test=LaggingConsumerCrashIT -Dprocess.seed=S
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class LaggingConsumerCrashIT {
    /** 16 KiB: random sizes up to 2 KiB wrap it often, and it fills in a moment. */
    private static final int RING_CAPACITY = 16 * 1024;

    private static final Duration FULL_QUIET = Duration.ofMillis(300);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldResumeAfterTheLastCommittedRecordWithoutOverwritingUnreadOnesWhenTheProducerIsKilled(
            final Lane lane, final ProcessHarness harness) {
        SplittableRandom random = harness.random();
        long n = ProcessHarness.scaled(lane == Lane.RING ? 20_000L : 3_000L);
        int kills = ProcessHarness.scaled(4);
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).messages(n).detail("capacity", capacity(lane));

        ChildProcess consumer = harness.shmlane(
                "consumer",
                args(
                        lane,
                        "consumer",
                        "--file",
                        file.toString(),
                        "--wait-producer",
                        "--batch",
                        Integer.toString(lane == Lane.RING ? random.nextInt(1, 257) : 1)));
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = startProducer(harness, lane, file, n, random, 1);
        List<String> rounds = new ArrayList<>();

        for (int k = 0; k < kills; k++) {
            long progress = consumer.consumedCount() + 1 + random.nextLong(n / (2L * kills));
            harness.awaitMessageLines(consumer, Math.min(progress, n - 1));
            consumer.pause();
            boolean whileFull = random.nextBoolean();
            ChildProcess victim = producer;
            if (whileFull) {
                // the producer waits on a full channel: the consumer lags by all of it
                harness.awaitWhileAlive("the producer to wait on the full channel", victim)
                        .until(() -> victim.quietNanos() >= FULL_QUIET.toNanos());
            }
            assertThat(harness.killAndAwait(victim))
                    .as(harness::describeChildren)
                    .isEqualTo(137);
            harness.summary().addKill();
            boolean producerFirst = random.nextBoolean();
            rounds.add((whileFull ? "full" : "writing") + ", " + (producerFirst ? "producer first" : "consumer first"));
            if (producerFirst) {
                producer = startProducer(harness, lane, file, n, random, k + 2);
                ChildProcess resumed = producer;
                harness.awaitWhileAlive("the new producer to attach", resumed)
                        .until(() -> ChannelProbe.attached(file, Role.PRODUCER));
                consumer.resume();
            } else {
                consumer.resume();
                producer = startProducer(harness, lane, file, n, random, k + 2);
            }
        }

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        Map<String, String> summary = consumer.summary("received").orElseThrow();
        assertThat(summary)
                .as(harness::describeChildren)
                .containsEntry("received", Long.toString(n))
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0")
                .containsEntry("torn", "0")
                .containsEntry("end", "eos");
        DeliveryReport report = DeliveryCheck.expectingRange(n)
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .malformedLines(consumer.malformedConsumedCount())
                .run();
        harness.summary().delivery(report).detail("rounds", rounds);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
        assertThat(report.redelivered).isZero();
    }

    private static String capacity(final Lane lane) {
        return lane == Lane.RING ? Integer.toString(RING_CAPACITY) : "1024";
    }

    private static String[] args(final Lane lane, final String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.addAll(List.of("--channel", lane.cli(), "--capacity", capacity(lane)));
        return list.toArray(new String[0]);
    }

    private static ChildProcess startProducer(
            final ProcessHarness harness,
            final Lane lane,
            final Path file,
            final long n,
            final SplittableRandom random,
            final int number) {
        return harness.shmlane(
                "producer-" + number,
                args(
                        lane,
                        "producer",
                        "--file",
                        file.toString(),
                        "--count",
                        Long.toString(n),
                        "--size",
                        "random",
                        "--seed",
                        Long.toString(random.nextLong())));
    }
}
