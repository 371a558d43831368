package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.reports.FixtureProject;
import io.shmlane.reports.model.JcstressOutcome;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.JcstressTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JcstressSummaryReaderTest {
    @TempDir
    Path temp;

    private ReadContext context(final FixtureProject project, final Instant buildStart) {
        return new ReadContext(
                project.root(), buildStart, new Artifacts(project.root().resolve("out")));
    }

    @Test
    void shouldReadARealFailingRunAndCopyJcstressPages() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .jcstressSummary("jcstress/selfcheck-summary.json")
                .copy(
                        "jcstress/selfcheck-report/index.html",
                        "jcstress-tests/target/jcstress-selfcheck/jcstress-report/index.html")
                .copy(
                        "jcstress/selfcheck-report/io.shmlane.jcstress.selfcheck.AlwaysForbidden.html",
                        "jcstress-tests/target/jcstress-selfcheck/jcstress-report/"
                                + "io.shmlane.jcstress.selfcheck.AlwaysForbidden.html")
                .copy(
                        "jcstress/selfcheck-jcstress.log",
                        "jcstress-tests/target/jcstress-selfcheck/jcstress-work/jcstress.log");
        ReadContext context = context(project, null);

        JcstressRun run = JcstressSummaryReader.read(
                project.root().resolve("jcstress-tests/target/jcstress-summary.json"), context);

        assertThat(run.verdict()).isEqualTo("FAIL");
        assertThat(run.mode()).isEqualTo("ci");
        assertThat(run.testsExpected()).isEqualTo(1);
        assertThat(run.testsRun()).isEqualTo(1);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.seconds()).isEqualTo(8.04);
        assertThat(run.stale()).isFalse();
        assertThat(run.tests()).singleElement().satisfies(test -> {
            assertThat(test.shortName()).isEqualTo("selfcheck.AlwaysForbidden");
            assertThat(test.verdict()).isEqualTo("FAIL");
            assertThat(test.passed()).isFalse();
            assertThat(test.samples()).isEqualTo(1_749_011L);
            assertThat(test.outcomes())
                    .extracting(JcstressOutcome::outcome, JcstressOutcome::samples, JcstressOutcome::expect)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("0", 0L, "ACCEPTABLE"),
                            org.assertj.core.groups.Tuple.tuple("1", 1_749_011L, "FORBIDDEN"));
            JcstressOutcome forbidden = test.outcomes().get(1);
            assertThat(forbidden.violation()).isTrue();
            assertThat(forbidden.percent()).isEqualTo(100.0);
            assertThat(forbidden.description()).isEqualTo("always happens: the driver must report this test as FAIL");
            assertThat(test.pageLink()).isEqualTo("jcstress/io.shmlane.jcstress.selfcheck.AlwaysForbidden.html");
        });
        Path out = project.root().resolve("out");
        assertThat(run.reportLink()).isEqualTo("jcstress/index.html");
        assertThat(out.resolve("jcstress/io.shmlane.jcstress.selfcheck.AlwaysForbidden.html"))
                .isRegularFile();
        assertThat(Files.readString(out.resolve(run.logLink()), StandardCharsets.UTF_8))
                .contains("AlwaysForbidden");
    }

    @Test
    void shouldReadARealRunOfTheWholeSuite() throws IOException {
        String page = "io.shmlane.jcstress.naive.NaiveReference.OverwriteWithoutAck.html";
        FixtureProject project = new FixtureProject(temp)
                .jcstressSummary("jcstress/full-run-summary.json")
                .copy("jcstress/full-run-report/index.html", "jcstress-tests/target/jcstress-report/index.html")
                .copy("jcstress/full-run-report/" + page, "jcstress-tests/target/jcstress-report/" + page);

        JcstressRun run = JcstressSummaryReader.read(
                project.root().resolve("jcstress-tests/target/jcstress-summary.json"), context(project, null));

        assertThat(run.verdict()).isEqualTo("PASS");
        assertThat(run.tests()).hasSize(21).allMatch(JcstressTest::passed);
        assertThat(run.testsRun()).isEqualTo(21);
        assertThat(run.seconds()).isEqualTo(245.326);
        assertThat(run.jdk()).isEqualTo("17.0.15 (Debian)");
        assertThat(run.samples()).isEqualTo(32_361_544L);
        assertThat(run.interestingTests()).isEqualTo(3);
        assertThat(run.tests()).filteredOn(JcstressTest::reference).hasSize(6);
        JcstressTest overwrite = run.tests().stream()
                .filter(t -> t.shortName().equals("naive.NaiveReference.OverwriteWithoutAck"))
                .findFirst()
                .orElseThrow();
        assertThat(overwrite.interesting()).isTrue();
        assertThat(overwrite.outcomes()).hasSize(6);
        assertThat(overwrite.outcomes())
                .filteredOn(JcstressOutcome::highlighted)
                .hasSize(5);
        JcstressOutcome lost = overwrite.outcomes().get(3);
        assertThat(lost.outcome()).isEqualTo("B, NONE");
        assertThat(lost.samples()).isEqualTo(3_305_134L);
        assertThat(lost.percent()).isCloseTo(89.0137, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(lost.description()).isEqualTo("A lost: B overwrote it before it was read");
        assertThat(overwrite.pageLink()).isEqualTo("jcstress/" + page);
        assertThat(run.tests().get(0).pageLink())
                .as("page not in the copied report")
                .isNull();
        assertThat(run.reportLink()).isEqualTo("jcstress/index.html");
    }

    @Test
    void shouldReadARunWhoseTestWasNeverScheduled() throws IOException {
        FixtureProject project = new FixtureProject(temp).jcstressSummary("jcstress/unscheduled-summary.json");

        JcstressRun run = JcstressSummaryReader.read(
                project.root().resolve("jcstress-tests/target/jcstress-summary.json"), context(project, null));

        assertThat(run.verdict()).isEqualTo("FAIL");
        assertThat(run.testsExpected()).isEqualTo(1);
        assertThat(run.testsRun()).isZero();
        assertThat(run.jdk()).isEqualTo("25.0.3 (Eclipse Adoptium)");
        assertThat(run.cpus()).isEqualTo(2);
        assertThat(run.problems()).isNotEmpty();
        assertThat(run.problems().get(0)).startsWith("jcstress wrote no jcstress-results-*.bin.gz");
        assertThat(run.reportLink()).isNull();
        JcstressTest test = run.tests().get(0);
        assertThat(test.name()).isEqualTo("io.shmlane.jcstress.mailbox.MailboxHandOff.Publication");
        assertThat(test.verdict()).isEqualTo("NOT_RUN");
        assertThat(test.samples()).isZero();
        assertThat(test.pageLink()).isNull();
        assertThat(run.failedTests()).isEqualTo(1);
    }

    @Test
    void shouldJudgeASummaryWithoutOptionalFieldsFromItsOutcomes() throws IOException {
        Path summary = temp.resolve("jcstress-summary.json");
        Files.writeString(
                summary,
                """
                {"tests": [
                  {"name": "io.shmlane.jcstress.x.Broken",
                   "outcomes": [{"outcome": "1, 0", "samples": 5, "expect": "FORBIDDEN"},
                                {"outcome": "1, 1", "samples": 15, "expect": "ACCEPTABLE"}]},
                  {"name": "io.shmlane.jcstress.x.Fine",
                   "outcomes": [{"outcome": "0", "samples": 7, "expect": "ACCEPTABLE_INTERESTING", "description": "odd"}]}
                ]}
                """);
        FixtureProject project = new FixtureProject(temp);

        JcstressRun run = JcstressSummaryReader.read(summary, context(project, null));

        assertThat(run.verdict()).isNull();
        assertThat(run.mode()).isNull();
        assertThat(run.tests()).extracting(JcstressTest::verdict).containsExactly("FAIL", "PASS");
        JcstressTest broken = run.tests().get(0);
        assertThat(broken.samples()).isEqualTo(20);
        assertThat(broken.outcomes().get(0).percent()).isEqualTo(25.0);
        assertThat(run.tests().get(1).interesting()).isTrue();
        assertThat(run.tests().get(1).outcomes().get(0).highlighted()).isTrue();
    }

    @Test
    void shouldMarkASummaryOlderThanTheBuildAsStale() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .jcstressSummary("jcstress/selfcheck-summary.json")
                .writtenAt("jcstress-tests", Instant.parse("2026-01-01T10:00:00Z"));

        JcstressRun run = JcstressSummaryReader.read(
                project.root().resolve("jcstress-tests/target/jcstress-summary.json"),
                context(project, Instant.parse("2026-01-01T11:00:00Z")));

        assertThat(run.stale()).isTrue();
        assertThat(run.resultsFrom()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void shouldWarnAboutANewerSchemaAndStillReadIt() throws IOException {
        Path summary = temp.resolve("jcstress-summary.json");
        Files.writeString(summary, "{\"schemaVersion\": 3, \"verdict\": \"PASS\", \"tests\": []}");
        FixtureProject project = new FixtureProject(temp);
        ReadContext context = context(project, null);

        JcstressRun run = JcstressSummaryReader.read(summary, context);

        assertThat(run.verdict()).isEqualTo("PASS");
        assertThat(context.warnings()).singleElement().asString().contains("schema version 3");
    }
}
