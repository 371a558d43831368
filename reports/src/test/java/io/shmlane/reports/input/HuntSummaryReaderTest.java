package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.shmlane.reports.FixtureProject;
import io.shmlane.reports.model.HuntGroup;
import io.shmlane.reports.model.HuntMutant;
import io.shmlane.reports.model.HuntRound;
import io.shmlane.reports.model.HuntRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntSummaryReaderTest {
    private static final String MUTANTS = "hunt/mutants-summary.json";
    private static final String CAMPAIGN = "hunt/campaign-summary.json";

    @TempDir
    Path temp;

    private ReadContext context(final FixtureProject project, final Instant buildStart) {
        return new ReadContext(
                project.root(), buildStart, new Artifacts(project.root().resolve("out")));
    }

    private List<HuntRun> read(final FixtureProject project, final ReadContext context) {
        return HuntSummaryReader.read(project.root().resolve("hunt/target"), context);
    }

    private static HuntMutant mutant(final HuntRun run, final String name) {
        return run.mutants().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldReadTheKillersAndTheScoreOfARealMutantHunt() {
        FixtureProject project = new FixtureProject(temp).hunt(MUTANTS, "hunt");

        HuntRun run = read(project, context(project, null)).get(0);

        assertThat(run.mode()).isEqualTo("mutants");
        assertThat(run.file()).isEqualTo("hunt/target/hunt/hunt-summary.json");
        assertThat(run.budget()).isEqualTo("60m");
        assertThat(run.elapsedSeconds()).isEqualTo(678.571);
        assertThat(run.seed()).isEqualTo(4_197_687_165_564L);
        assertThat(run.jdks()).containsExactly("jdk17", "jdk25");
        assertThat(run.rounds()).isEmpty();
        assertThat(run.groups()).isEmpty();
        assertThat(run.mutants()).hasSize(8);
        assertThat(run.killedMutants()).isEqualTo(7);
        assertThat(run.mutationScore()).isEqualTo(0.875);
        // the survivor comes first
        HuntMutant survivor = run.mutants().get(0);
        assertThat(survivor.name()).isEqualTo("ring-commit-plain");
        assertThat(survivor.killed()).isFalse();
        assertThat(survivor.killers()).isEmpty();
        assertThat(survivor.secondsToKill()).isNull();
        assertThat(survivor.description())
                .startsWith("The commit length of a ring record is written with a plain store");
        assertThat(survivor.stages()).singleElement().satisfies(s -> {
            assertThat(s.slice()).isEqualTo("unit");
            assertThat(s.outcome()).isEqualTo("pass");
            assertThat(s.failed()).isFalse();
        });
        HuntMutant offByOne = mutant(run, "ring-capacity-off-by-one");
        assertThat(offByOne.killed()).isTrue();
        assertThat(offByOne.secondsToKill()).isEqualTo(135.196);
        assertThat(offByOne.killers())
                .containsExactly(
                        "unit: RingTest.shouldFillExactlyToCapacityLessOneAlignmentAndRefuseMore",
                        "unit: RingTest.shouldDeliverRandomSizedMessagesIntactBetweenTwoThreads",
                        "unit: RingTest.shouldRecoverTailFromUnreadRecordsAfterProducerDied");
        HuntRound stage = offByOne.stages().get(0);
        assertThat(stage.exitCode()).isEqualTo(1);
        assertThat(stage.seconds()).isEqualTo(135.196);
        assertThat(stage.replay())
                .isEqualTo("(cd " + temp + "/hunt/target/hunt/workspaces/ring-capacity-off-by-one && JAVA_HOME="
                        + "/usr/lib/jvm/java-17-openjdk-amd64 ./mvnw -o -B -pl protocol test"
                        + " -Dspotless.check.skip=true -Dspotbugs.skip=true -Denforcer.skip=true)");
        assertThat(mutant(run, "ring-cached-head-never-refreshed").killers())
                .hasSize(8)
                .contains("unit: hung: still running after 6m, stopped");
        assertThat(run.stale()).isFalse();
    }

    @Test
    void shouldGroupTheRoundsOfACampaignPerJdkAndJitMode() {
        FixtureProject project = new FixtureProject(temp).hunt(CAMPAIGN, "hunt");

        HuntRun run = read(project, context(project, null)).get(0);

        assertThat(run.mode()).isEqualTo("campaign");
        assertThat(run.mutants()).isEmpty();
        assertThat(run.mutationScore()).isNull();
        assertThat(run.rounds()).hasSize(8);
        assertThat(run.failedRounds()).isEqualTo(1);
        assertThat(run.groups())
                .extracting(
                        HuntGroup::jdk,
                        HuntGroup::jit,
                        HuntGroup::rounds,
                        HuntGroup::failed,
                        HuntGroup::stopped,
                        HuntGroup::slices)
                .containsExactly(
                        tuple(
                                "jdk17",
                                "default",
                                3L,
                                0L,
                                0L,
                                List.of("jcstress RingHandOff ×2", "process ExactlyOnceIT")),
                        tuple(
                                "jdk25",
                                "c1",
                                3L,
                                1L,
                                0L,
                                List.of("process SlowConsumerIT", "process ConsumerCrashIT", "jcstress RingHandOff")),
                        tuple("jdk17", "nontiered", 1L, 0L, 0L, List.of("jcstress MailboxHandOff")),
                        tuple("jdk25", "default", 1L, 0L, 1L, List.of("jcstress HeaderHandshake")));
        assertThat(run.groups().get(1).seconds()).isCloseTo(204.863, org.assertj.core.data.Offset.offset(1e-9));
        HuntRound failed = run.rounds().get(2);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.seed()).isEqualTo(-811_377_236_011_944_710L);
        assertThat(failed.failures())
                .containsExactly(
                        "ConsumerCrashIT.shouldLoseNothingAndRedeliverOnlyAtTheKillPointWhenTheConsumerIsKilled(Channel)[1]");
        assertThat(failed.replay()).contains("-Dit.test=ConsumerCrashIT", "-Dprocess.seed=-811377236011944710");
        assertThat(failed.logLink()).isNull();
        assertThat(run.rounds().get(7).exitCode()).isNull();
    }

    @Test
    void shouldCopyTheLogOfARoundNextToThePage() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .hunt(CAMPAIGN, "hunt")
                .write(
                        "hunt/target/hunt/logs/003-process_ConsumerCrashIT_on_jdk25_c1.log",
                        "[ERROR] Tests run: 2, Failures: 1\n");
        ReadContext context = context(project, null);

        HuntRound failed = read(project, context).get(0).rounds().get(2);

        assertThat(failed.logLink()).isEqualTo("hunt-logs/hunt/003-process_ConsumerCrashIT_on_jdk25_c1.log");
        assertThat(Files.readString(project.root().resolve("out").resolve(failed.logLink()), StandardCharsets.UTF_8))
                .isEqualTo("[ERROR] Tests run: 2, Failures: 1\n");
        assertThat(context.warnings()).isEmpty();
    }

    @Test
    void shouldReadEveryHuntDirectoryAndTakeWhatAMinimalSummaryHolds() {
        FixtureProject project = new FixtureProject(temp)
                .hunt(CAMPAIGN, "hunt")
                .write(
                        "hunt/target/hunt-mutants/hunt-summary.json",
                        """
                        {"schemaVersion": 3, "mutants": [
                          {"name": "mailbox-no-ack-wait", "killers": ["jcstress: MailboxHandOff.Exchange"], "extra": 1},
                          {"name": "mailbox-flag-before-payload"}]}
                        """)
                .write("hunt/target/hunt-broken/hunt-summary.json", "[1, 2")
                .write("hunt/target/other/hunt-summary.json", "{}");
        Instant buildStart = Instant.now().plusSeconds(60);
        ReadContext context = context(project, buildStart);

        List<HuntRun> runs = read(project, context);

        assertThat(runs)
                .extracting(HuntRun::file, HuntRun::mode)
                .containsExactly(
                        tuple("hunt/target/hunt/hunt-summary.json", "campaign"),
                        tuple("hunt/target/hunt-mutants/hunt-summary.json", "mutants"));
        HuntRun minimal = runs.get(1);
        assertThat(minimal.mutants())
                .extracting(HuntMutant::name, HuntMutant::killed)
                .containsExactly(tuple("mailbox-flag-before-payload", false), tuple("mailbox-no-ack-wait", true));
        assertThat(minimal.mutationScore()).isEqualTo(0.5);
        assertThat(minimal.elapsedSeconds()).isZero();
        assertThat(minimal.seed()).isNull();
        assertThat(minimal.stale()).isTrue();
        assertThat(context.warnings())
                .hasSize(2)
                .anyMatch(w -> w.startsWith("hunt/target/hunt-mutants/hunt-summary.json has schema version 3"))
                .anyMatch(w -> w.startsWith("cannot read hunt/target/hunt-broken/hunt-summary.json"));
    }

    @Test
    void shouldFindNoHuntWhenNoneRan() {
        FixtureProject project = new FixtureProject(temp).write("hunt/target/hunt.jar", "not a directory");

        assertThat(read(project, context(project, null))).isEmpty();
    }
}
