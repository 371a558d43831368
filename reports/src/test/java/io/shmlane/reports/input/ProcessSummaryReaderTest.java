package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.reports.FixtureProject;
import io.shmlane.reports.model.KeyValue;
import io.shmlane.reports.model.Link;
import io.shmlane.reports.model.ProcessRun;
import io.shmlane.reports.model.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSummaryReaderTest {
    private static final String SLOW_RING =
            "SlowConsumerIT.shouldMakeTheProducerWaitAndLoseNothingWhenTheConsumerIsSlow[ring]";
    private static final String SLOW_RING_LOGS =
            "process-tests/target/process-logs/SlowConsumerIT/shouldMakeTheProducerWaitAndLoseNothingWhenTheConsumerIsSlow-ring";

    @TempDir
    Path temp;

    private ReadContext context(final FixtureProject project, final Instant buildStart) {
        return new ReadContext(
                project.root(), buildStart, new Artifacts(project.root().resolve("out")));
    }

    private Path target(final FixtureProject project) {
        return project.root().resolve("process-tests/target");
    }

    @Test
    void shouldReadEveryRealScenarioFileWithItsCounts() throws IOException {
        FixtureProject project = new FixtureProject(temp).processScenarios();

        ProcessRun run = ProcessSummaryReader.read(target(project), context(project, null));

        assertThat(run.scenarios()).hasSize(11).noneMatch(Scenario::failed);
        assertThat(run.messages()).isEqualTo(45_020);
        Scenario slow = run.scenarios().stream()
                .filter(s -> s.scenario().equals(SLOW_RING))
                .findFirst()
                .orElseThrow();
        assertThat(slow.testClass()).isEqualTo("SlowConsumerIT");
        assertThat(slow.testMethod()).isEqualTo("shouldMakeTheProducerWaitAndLoseNothingWhenTheConsumerIsSlow");
        assertThat(slow.channel()).isEqualTo("ring");
        assertThat(slow.outcome()).isEqualTo("passed");
        assertThat(slow.messages()).isEqualTo(20_000);
        assertThat(slow.lost() + slow.duplicated() + slow.reordered() + slow.torn())
                .isZero();
        assertThat(slow.seconds()).isEqualTo(4.519);
        assertThat(slow.seed()).isEqualTo(4_274_451_431_692L);
        assertThat(slow.scale()).isEqualTo(1);
        assertThat(slow.details())
                .contains(
                        new KeyValue("capacity", "4096"),
                        new KeyValue("producerWaitedAtMessage", "10042, 15994, 16038"));
        assertThat(run.stale()).isFalse();
    }

    @Test
    void shouldReadTheKillsRedeliveriesAndLossesOfRealCrashAndNaiveScenarios() throws IOException {
        FixtureProject project = new FixtureProject(temp).processScenarios("process/crash-and-naive");

        ProcessRun run = ProcessSummaryReader.read(target(project), context(project, null));

        assertThat(run.scenarios()).hasSize(2);
        Scenario crash = run.scenarios().get(0);
        assertThat(crash.scenario())
                .isEqualTo(
                        "ConsumerCrashIT.shouldLoseNothingAndRedeliverOnlyAtTheKillPointWhenTheConsumerIsKilled[ring]");
        assertThat(crash.messages()).isEqualTo(200_000);
        assertThat(crash.kills()).isEqualTo(5);
        assertThat(crash.redelivered()).isEqualTo(315);
        assertThat(crash.deliveryDefect()).isFalse();
        assertThat(crash.details()).contains(new KeyValue("redeliveredPerKill", "50, 82, 92, 9, 82"));
        Scenario naive = run.scenarios().get(1);
        assertThat(naive.channel()).isEqualTo("naive");
        assertThat(naive.outcome()).isEqualTo("passed");
        assertThat(naive.lost()).isEqualTo(312);
        assertThat(naive.deliveryDefect()).isTrue();
        assertThat(naive.details()).contains(new KeyValue("lossPercent", "6.24"));
        assertThat(run.kills()).isEqualTo(5);
    }

    @Test
    void shouldCopyTheChildrensLogsAndCutALongOne() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .processScenarios()
                .write(SLOW_RING_LOGS + "/consumer.stderr.log", "shmlane: producer died\n")
                .write(SLOW_RING_LOGS + "/consumer.stdout.log", "Consumed: Msg-0\n".repeat(200_000));

        ProcessRun run = ProcessSummaryReader.read(target(project), context(project, null));

        Scenario slow = run.scenarios().stream()
                .filter(s -> s.scenario().equals(SLOW_RING))
                .findFirst()
                .orElseThrow();
        assertThat(slow.logs()).extracting(Link::name).containsExactly("consumer.stderr.log", "consumer.stdout.log");
        Path out = project.root().resolve("out");
        assertThat(Files.readString(out.resolve(slow.logs().get(0).href()), StandardCharsets.UTF_8))
                .isEqualTo("shmlane: producer died\n");
        Path cut = out.resolve(slow.logs().get(1).href());
        assertThat(Files.size(cut)).isLessThan(Artifacts.WHOLE_LOG_LIMIT);
        String text = Files.readString(cut, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Consumed: Msg-0\n").contains("bytes left out by the report");
    }

    @Test
    void shouldFallBackOnTheCombinedFileAndKeepTheFailureOfARealFailedScenario() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .write(
                        "process-tests/target/process-summary.json",
                        new FixtureProject(temp).rewritten("process/combined-process-summary.json"));
        ReadContext context = context(project, null);

        ProcessRun run = ProcessSummaryReader.read(target(project), context);

        assertThat(run.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.failed()).isTrue();
            assertThat(s.channel()).isEqualTo("ring");
            assertThat(s.messages()).isEqualTo(100_000);
            assertThat(s.kills()).isEqualTo(1);
            assertThat(s.seconds()).isEqualTo(321.399);
            assertThat(s.failure())
                    .startsWith(
                            "org.awaitility.core.ConditionTimeoutException: Condition with alias 'producer-2 to exit'");
            assertThat(s.details()).contains(new KeyValue("killPoints", "16032, 45602, 67899, 69747"));
            assertThat(s.logs()).isEmpty();
        });
        assertThat(context.warnings())
                .singleElement()
                .asString()
                .startsWith("the logs of 1 scenario(s) are gone, e.g. " + temp + "/process-tests/target/process-logs/");
        assertThat(run.failedScenarios()).isEqualTo(1);
    }

    @Test
    void shouldTellAScenarioLeftFromAnEarlierBuild() throws IOException {
        FixtureProject project = new FixtureProject(temp).processScenarios();
        Instant buildStart = Instant.parse("2026-02-01T00:00:00Z");
        project.writtenAt("process-tests/target/process-summary", buildStart.minusSeconds(3600));
        Files.setLastModifiedTime(
                project.root()
                        .resolve(
                                "process-tests/target/process-summary/"
                                        + "SlowConsumerIT.shouldMakeTheProducerWaitAndLoseNothingWhenTheConsumerIsSlow_ring_.json"),
                java.nio.file.attribute.FileTime.from(buildStart.plusSeconds(60)));

        ProcessRun run = ProcessSummaryReader.read(target(project), context(project, buildStart));

        assertThat(run.stale()).isFalse();
        assertThat(run.scenarios())
                .filteredOn(s -> !s.stale())
                .extracting(Scenario::scenario)
                .containsExactly(SLOW_RING);
        assertThat(run.resultsFrom()).isEqualTo("2026-02-01T00:01:00Z");
    }

    @Test
    void shouldReturnNullWhenTheModuleWroteNoSummary() throws IOException {
        FixtureProject project = new FixtureProject(temp);

        assertThat(ProcessSummaryReader.read(target(project), context(project, null)))
                .isNull();
    }
}
