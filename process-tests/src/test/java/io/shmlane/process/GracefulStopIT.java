package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A producer without {@code --count} runs until SIGTERM and then ends the stream cleanly: the
 * consumer drains every message the producer printed and ends with {@code end=eos} and exit 0, not
 * with "producer died". (This failed before the stop's interrupt was cleared ahead of the close: an
 * interrupted {@code FileChannel} call closed the channel and the end of stream was skipped.)
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=GracefulStopIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class GracefulStopIT {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldEndTheStreamCleanlyWhenTheProducerIsTerminated(final Lane lane, final ProcessHarness harness) {
        Path file = harness.file("channel.shm");
        long before = ProcessHarness.scaled(500);
        harness.summary().channel(lane).detail("messagesBeforeSigterm", before);
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer", "producer", "--file", file.toString(), "--channel", lane.cli(), "--rate", "5000");
        harness.awaitWhileAlive("messages to flow", consumer, producer).until(() -> consumer.consumedCount() >= before);
        producer.terminate();

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isEqualTo(143);
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        Map<String, String> producerSummary = producer.summary("produced").orElseThrow();
        Map<String, String> consumerSummary = consumer.summary("received").orElseThrow();
        assertThat(producerSummary).as(harness::describeChildren).containsEntry("end", "signal");
        assertThat(consumerSummary).as(harness::describeChildren).containsEntry("end", "eos");
        DeliveryReport report = DeliveryCheck.expecting(producer.produced())
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .run();
        harness.summary().messages(producer.producedCount()).delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
    }
}
