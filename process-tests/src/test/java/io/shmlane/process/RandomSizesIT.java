package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 2: payloads of random size, from 32 bytes up to the channel's maximum (128 KiB for the
 * default ring, 1 KiB for the mailbox), each closed by a CRC32C over its bytes: the consumer checks
 * every one and would print {@code Torn:} for a payload that fails. Then the same at exactly the
 * maximum size. Nothing torn, nothing lost, in order.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=RandomSizesIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class RandomSizesIT {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldDeliverPayloadsOfRandomSizeIntactOnceInOrder(final Lane lane, final ProcessHarness harness) {
        long n = ProcessHarness.scaled(lane.messages(20_000, 50_000));
        String seed = Long.toString(harness.random().nextLong());
        harness.summary()
                .detail("size", "random, 32.." + lane.maxMessageLength())
                .detail("sizeSeed", seed);
        run(lane, harness, n, "random", "--seed", seed);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldDeliverPayloadsOfTheMaximumSizeIntactOnceInOrder(final Lane lane, final ProcessHarness harness) {
        long n = ProcessHarness.scaled(lane.messages(2_000, 20_000));
        harness.summary().detail("size", lane.maxMessageLength());
        run(lane, harness, n, Integer.toString(lane.maxMessageLength()));
    }

    private static void run(
            final Lane lane, final ProcessHarness harness, final long n, final String size, final String... extra) {
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).messages(n);
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        String[] args = {
            "producer",
            "--file",
            file.toString(),
            "--channel",
            lane.cli(),
            "--count",
            Long.toString(n),
            "--size",
            size,
            "--quiet"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        ChildProcess producer = harness.shmlane("producer", all);

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
        ExactlyOnceIT.assertConsumerSummary(harness, consumer, n);
        assertThat(producer.summary("produced").orElseThrow())
                .as(harness::describeChildren)
                .containsEntry("produced", Long.toString(n))
                .containsEntry("size", size);
    }
}
