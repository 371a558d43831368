package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7, the suite's self-check: the naive reference protocol ({@code --channel naive}, the
 * seed's blog-post design, known-broken: its producer never waits for the consumer) must be caught
 * losing or duplicating messages by the same checks that pass the ring and the mailbox. The test
 * passes when the checks report a problem, and records the counts in the scenario summary.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=NaiveReferenceIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class NaiveReferenceIT {
    @Test
    void shouldDetectTheLossesOfTheNaiveReference(final ProcessHarness harness) {
        long n = ProcessHarness.scaled(5_000);
        Path file = harness.file("naive.shm");
        harness.summary().channel("naive").messages(n);

        // the naive consumer creates the file as it maps it; it has no other sign of being ready
        ChildProcess consumer = harness.shmlane(
                "consumer",
                "consumer",
                "--file",
                file.toString(),
                "--channel",
                "naive",
                "--idle",
                "backoff",
                "--idle-exit",
                "2");
        harness.awaitWhileAlive("the naive consumer to map its file", consumer).until(() -> Files.exists(file));
        ChildProcess producer = harness.shmlane(
                "producer", "producer", "--file", file.toString(), "--channel", "naive", "--count", Long.toString(n));
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        int consumerExit = harness.awaitExit(consumer);

        DeliveryReport report = DeliveryCheck.expecting(producer.produced())
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .run();
        Map<String, String> own = consumer.summary("received")
                .orElseThrow(() -> new AssertionError("no consumer summary\n" + harness.describeChildren()));
        harness.summary()
                .delivery(report)
                .detail("produced", producer.produced().size())
                .detail("consumed", report.delivered)
                .detail("lossPercent", Math.round(10_000.0 * report.lost / Math.max(1, report.expected)) / 100.0)
                .detail("consumerExit", consumerExit)
                .detail(
                        "consumerSummary",
                        String.join(
                                " ",
                                own.entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .toArray(String[]::new)));

        assertThat(producer.produced().size())
                .as("the naive producer sends without waiting")
                .isEqualTo(n);
        assertThat(report.lost + report.duplicated + report.reordered + report.torn)
                .as(() -> "the checks must catch the naive reference losing or duplicating messages: " + report + "\n"
                        + harness.describeChildren())
                .isPositive();
        assertThat(report.exactlyOnceInOrder()).isFalse();
        // the consumer's own checker saw it too and failed the run
        assertThat(consumerExit).as(harness::describeChildren).isEqualTo(6);
        System.out.println("[process-tests] naive reference: " + report);
    }
}
