package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario: the roles across processes, where POSIX record locks are what they are in production
 * (inside one JVM the JDK's own lock table answers). A second producer or consumer process is
 * refused with exit 4 while the first lives and admitted once it was killed with {@code kill -9};
 * {@code inspect --json}, another process, tells a live, a dead and a closed peer apart.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RoleIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class RoleIT {
    /** Small, so that a producer without a consumer fills it at once and then waits, alive. */
    private static final String CAPACITY = "4096";

    private static final int ROLE_TAKEN = 4;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseASecondProducerWhileTheFirstLivesAndAdmitOneAfterItWasKilled(
            final Lane lane, final ProcessHarness harness) {
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).detail("role", "producer");
        ChildProcess first = producer(harness, lane, file, "producer-1", null);
        harness.awaitWhileAlive("the first producer to attach", first)
                .until(() -> ChannelProbe.attached(file, Role.PRODUCER));
        assertThat(status(harness, file, "inspect-live", "producerStatus")).isEqualTo("alive");

        ChildProcess second = producer(harness, lane, file, "producer-2", "1");
        assertThat(harness.awaitExit(second)).as(harness::describeChildren).isEqualTo(ROLE_TAKEN);
        assertThat(String.join("\n", second.stderrLines()))
                .as(harness::describeChildren)
                .startsWith("shmlane: ")
                .contains("already has a live producer");
        assertThat(first.isAlive()).as(harness::describeChildren).isTrue();

        assertThat(harness.killAndAwait(first)).isEqualTo(137);
        assertThat(status(harness, file, "inspect-dead", "producerStatus")).isEqualTo("dead");

        long count = 200;
        ChildProcess third = producer(harness, lane, file, "producer-3", Long.toString(count));
        // before the consumer starts: it would take the dead producer-1 for the last word and exit 5
        harness.awaitWhileAlive("the new producer to attach", third)
                .until(() -> ChannelProbe.attached(file, Role.PRODUCER));
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli(), "--quiet");
        assertThat(harness.awaitExit(third)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        Map<String, String> summary = consumer.summary("received").orElseThrow();
        assertThat(summary)
                .as(harness::describeChildren)
                .containsEntry("received", Long.toString(count))
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0")
                .containsEntry("torn", "0")
                .containsEntry("last", Long.toString(count - 1));
        assertThat(status(harness, file, "inspect-closed", "producerStatus")).isEqualTo("closed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseASecondConsumerWhileTheFirstLivesAndAdmitOneAfterItWasKilled(
            final Lane lane, final ProcessHarness harness) {
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).detail("role", "consumer");
        ChildProcess first = consumer(harness, lane, file, "consumer-1");
        harness.awaitWhileAlive("the first consumer to attach", first)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        assertThat(status(harness, file, "inspect-live", "consumerStatus")).isEqualTo("alive");
        assertThat(status(harness, file, "inspect-no-producer", "producerStatus"))
                .isEqualTo("not_started");

        ChildProcess second = consumer(harness, lane, file, "consumer-2");
        assertThat(harness.awaitExit(second)).as(harness::describeChildren).isEqualTo(ROLE_TAKEN);
        assertThat(String.join("\n", second.stderrLines()))
                .as(harness::describeChildren)
                .startsWith("shmlane: ")
                .contains("already has a live consumer");
        assertThat(first.isAlive()).as(harness::describeChildren).isTrue();

        assertThat(harness.killAndAwait(first)).isEqualTo(137);
        assertThat(status(harness, file, "inspect-dead", "consumerStatus")).isEqualTo("dead");

        ChildProcess third = consumer(harness, lane, file, "consumer-3");
        harness.awaitWhileAlive("the third consumer to attach", third)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = producer(harness, lane, file, "producer", "100");
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(third)).as(harness::describeChildren).isZero();
        assertThat(third.summary("received").orElseThrow())
                .as(harness::describeChildren)
                .containsEntry("received", "100")
                .containsEntry("gaps", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("reordered", "0");
        assertThat(status(harness, file, "inspect-closed", "consumerStatus")).isEqualTo("closed");
    }

    /** A producer; without {@code count} it runs until stopped (here: it fills the ring and waits). */
    private static ChildProcess producer(
            final ProcessHarness harness, final Lane lane, final Path file, final String label, final String count) {
        return count == null
                ? harness.shmlane(
                        label,
                        "producer",
                        "--file",
                        file.toString(),
                        "--channel",
                        lane.cli(),
                        "--capacity",
                        capacity(lane),
                        "--quiet")
                : harness.shmlane(
                        label,
                        "producer",
                        "--file",
                        file.toString(),
                        "--channel",
                        lane.cli(),
                        "--capacity",
                        capacity(lane),
                        "--count",
                        count,
                        "--quiet");
    }

    private static ChildProcess consumer(
            final ProcessHarness harness, final Lane lane, final Path file, final String label) {
        return harness.shmlane(
                label,
                "consumer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--capacity",
                capacity(lane),
                "--quiet");
    }

    private static String capacity(final Lane lane) {
        return lane == Lane.RING ? CAPACITY : "64";
    }

    /** What {@code inspect --json}, run as its own process, says of {@code field}. */
    private static String status(
            final ProcessHarness harness, final Path file, final String label, final String field) {
        ChildProcess inspect = harness.shmlane(label, "inspect", "--file", file.toString(), "--json");
        assertThat(harness.awaitExit(inspect)).as(harness::describeChildren).isZero();
        String json = String.join("\n", inspect.stdoutLines());
        String key = "\"" + field + "\":\"";
        int at = json.indexOf(key);
        assertThat(at).as(() -> "no " + field + " in " + json).isNotNegative();
        return json.substring(at + key.length(), json.indexOf('"', at + key.length()));
    }
}
