package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 3: a slow consumer. The consumer is stopped ({@code SIGSTOP}) at random points and held
 * until the channel is full and the producer has printed nothing for a while: the producer waits,
 * it does not overwrite. Then the consumer continues ({@code SIGCONT}); in the end every message
 * arrived once, in order. The ring is small (4 KiB, messages up to 512 bytes of random size) so that
 * it fills at once and wraps thousands of times.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=SlowConsumerIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class SlowConsumerIT {
    private static final int RING_CAPACITY = 4096;
    /** How long the producer must stay silent on a full channel to count as waiting. */
    private static final Duration SILENCE = Duration.ofMillis(ProcessHarness.scaled(500));

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldMakeTheProducerWaitAndLoseNothingWhenTheConsumerIsSlow(final Lane lane, final ProcessHarness harness) {
        SplittableRandom random = harness.random();
        long n = ProcessHarness.scaled(lane.messages(20_000, 12_000));
        int pauses = ProcessHarness.scaled(3);
        int batch = lane == Lane.RING ? random.nextInt(1, 17) : 1;
        long[] points = KillPoints.draw(random, n, pauses);
        Path file = harness.file("channel.shm");
        String capacity = Integer.toString(lane == Lane.RING ? RING_CAPACITY : lane.defaultCapacity());
        harness.summary()
                .channel(lane)
                .messages(n)
                .detail("capacity", Integer.parseInt(capacity))
                .detail("batch", batch);

        ChildProcess consumer = harness.shmlane(
                "consumer",
                "consumer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--capacity",
                capacity,
                "--batch",
                Integer.toString(batch),
                "--idle",
                "backoff");
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--capacity",
                capacity,
                "--count",
                Long.toString(n),
                "--size",
                "random",
                "--seed",
                Long.toString(random.nextLong()));

        List<Long> waitedAt = new ArrayList<>();
        List<Long> bytesInFlight = new ArrayList<>();
        for (long point : points) {
            consumer.onMessageLines(point, consumer::pause);
            harness.awaitWhileAlive("the consumer to pause at message line " + point, consumer, producer)
                    .until(() -> consumer.consumedCount() >= point);
            harness.awaitWhileAlive("the channel to fill while the consumer is stopped", producer)
                    .untilAsserted(() -> {
                        Optional<ChannelProbe.Snapshot> s = ChannelProbe.read(file);
                        assertThat(s.map(snapshot -> isFull(lane, snapshot)))
                                .as(() -> "channel full: " + s)
                                .contains(true);
                    });
            // the producer prints a line after every commit: silence on a full channel means it waits
            // (the count must stay unchanged from poll to poll for the whole period)
            AtomicLong seen = new AtomicLong(producer.producedCount());
            harness.awaitWhileAlive("the producer to wait on the full channel", producer)
                    .during(SILENCE)
                    .until(() -> seen.getAndSet(producer.producedCount()) == seen.get());
            waitedAt.add(producer.producedCount());
            bytesInFlight.add(ChannelProbe.read(file)
                    .map(ChannelProbe.Snapshot::bytesInFlight)
                    .orElse(-1L));
            harness.check(producer.isAlive(), () -> "the producer should still be waiting");
            consumer.resume();
        }

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        DeliveryReport report = DeliveryCheck.expectingRange(n)
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .run();
        DeliveryReport produced = DeliveryCheck.expectingRange(n)
                .delivered(producer.label(), producer.produced())
                .run();
        harness.summary()
                .delivery(report)
                .detail("pauses", pauses)
                .detail("producerWaitedAtMessage", waitedAt)
                .detail("ringBytesInFlightWhileWaiting", lane == Lane.RING ? bytesInFlight : List.of());
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
        assertThat(produced.problems())
                .as(() -> "the producer's own lines: " + produced + "\n" + harness.describeChildren())
                .isEmpty();
    }

    /**
     * Whether the producer can be blocked now: the mailbox's slot is full, or the ring has less free
     * room than the largest message may need (record header, alignment and padding at the wrap).
     */
    private static boolean isFull(final Lane lane, final ChannelProbe.Snapshot s) {
        if (lane == Lane.MAILBOX) {
            return s.slotFull();
        }
        long free = s.capacity() - s.bytesInFlight();
        return free < 2L * (s.maxMessageLength() + 32);
    }
}
