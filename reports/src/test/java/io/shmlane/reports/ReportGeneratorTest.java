package io.shmlane.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shmlane.reports.model.Area;
import io.shmlane.reports.model.CaughtDefect;
import io.shmlane.reports.model.Comparison;
import io.shmlane.reports.model.Failure;
import io.shmlane.reports.model.ReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
    private static final String FAILING_JCSTRESS_IT =
            "junit/failsafe-TEST-io.shmlane.jcstress.driver.JcstressSuiteIT.xml";
    private static final String PASSING_JCSTRESS =
            """
            {"schemaVersion": 1, "verdict": "PASS", "settings": {"mode": "ci"},
             "run": {"testsExpected": 1, "testsRun": 1, "exitCode": 0, "durationMillis": 4000},
             "problems": [],
             "tests": [{"name": "io.shmlane.jcstress.ring.RingHandOff.Offer", "verdict": "PASS", "status": "NORMAL",
                        "reason": "no FORBIDDEN outcome in 30 samples", "samples": 30,
                        "outcomes": [{"outcome": "1, WHOLE", "observed": true, "samples": 30, "expect": "ACCEPTABLE",
                                      "description": "record seen whole"}]}]}
            """;

    @TempDir
    Path temp;

    private FixtureProject passingProject() {
        return new FixtureProject(temp)
                .surefire("protocol", "junit/TEST-io.shmlane.ring.RingTest.xml")
                .surefire("protocol", "junit/TEST-io.shmlane.cli.CommandLineTest.xml")
                .write("jcstress-tests/target/jcstress-summary.json", PASSING_JCSTRESS)
                .processScenarios();
    }

    private Path out() {
        return temp.resolve("reports/target/report");
    }

    private ReportData generate(final Instant buildStart, final Path previous) throws IOException {
        return ReportGenerator.generate(new ReportGenerator.Options(temp, out(), buildStart, previous), NOW);
    }

    private Document page() throws IOException {
        return Jsoup.parse(out().resolve("index.html").toFile(), "UTF-8");
    }

    @Test
    void shouldWriteAPageAndItsDataForAPassingBuild() throws IOException {
        passingProject();

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("PASS");
        assertThat(report.failures()).isEmpty();
        assertThat(report.areas())
                .extracting(Area::id, Area::status, Area::tests)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("unit", "PASS", 33L),
                        org.assertj.core.groups.Tuple.tuple("jcstress", "PASS", 1L),
                        org.assertj.core.groups.Tuple.tuple("process", "PASS", 11L),
                        org.assertj.core.groups.Tuple.tuple("benchmarks", "NOT_RUN", 0L),
                        org.assertj.core.groups.Tuple.tuple("hunt", "NOT_RUN", 0L));
        Document page = page();
        assertThat(page.selectFirst("header.banner").classNames()).contains("s-pass");
        assertThat(page.getElementById("status").text())
                .isEqualTo("PASS: everything passed (unit tests: 33, jcstress: 1, process scenarios: 11)");
        assertThat(page.getElementById("failures")).isNull();
        assertThat(page.select("#summary .card")).hasSize(5);
        assertThat(page.getElementById("card-hunt").text()).contains("Hunt", "NOT RUN", "no hunt in this run");
        assertThat(page.getElementById("no-hunt").text()).isEqualTo("no hunt in this run");
        assertThat(report.pit()).isNull();
        assertThat(page.getElementById("no-pit").text()).isEqualTo("PIT not run in this build");
        assertThat(page.getElementById("card-unit").text()).contains("Unit tests", "PASS", "33 tests");
        assertThat(page.getElementById("no-benchmarks").text()).isEqualTo("no benchmark results in this run");
        assertThat(page.select("#unit details.module")).hasSize(1);
        assertThat(page.select("#process table.scenarios tbody tr[id]")).hasSize(11);
        assertThat(page.select("#jcstress details.jtest")).hasSize(1);
        ReportData data = ReportGenerator.MAPPER.readValue(
                out().resolve(ReportGenerator.DATA).toFile(), ReportData.class);
        assertThat(data.status()).isEqualTo("PASS");
        assertThat(data.areas()).isEqualTo(report.areas());
        assertThat(data.process().scenarios()).hasSize(11);
    }

    @Test
    void shouldPutAFailingTestAnywhereAtTheTopOfThePageAsAFailure() throws IOException {
        passingProject()
                .failsafe("jcstress-tests", FAILING_JCSTRESS_IT)
                .surefire("jcstress-tests", "junit/TEST-io.shmlane.jcstress.driver.DriverSelfCheckIT.xml");

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("FAIL");
        assertThat(report.failures())
                .extracting(Failure::area, Failure::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "unit", "DriverSelfCheckIT.shouldReportFailWhenForbiddenOutcomeIsObserved"),
                        org.assertj.core.groups.Tuple.tuple(
                                "jcstress", "JcstressSuiteIT.jcstressTests() selfcheck.AlwaysForbidden"));
        Document page = page();
        assertThat(page.selectFirst("header.banner").classNames()).contains("s-fail");
        assertThat(page.getElementById("status").text()).isEqualTo("FAIL: 2 failures in unit tests, jcstress");
        assertThat(page.getElementById("card-unit").text()).contains("FAIL", "1 failed");
        assertThat(page.getElementById("card-jcstress").text()).contains("FAIL", "1 failed");
        Element failures = page.getElementById("failures");
        assertThat(failures.select(".failure")).hasSize(2);
        assertThat(failures.select(".failure").get(1).text())
                .contains("FORBIDDEN outcome \"1\" observed 409,145,382 times");
        // the failures come before every detailed section
        assertThat(failures.siblingIndex())
                .isLessThan(page.getElementById("unit").siblingIndex());
        Element module = page.getElementById("junit-jcstress-tests-failsafe");
        assertThat(module.hasAttr("open")).isTrue();
        assertThat(module.select("tr.c-failed")).hasSize(1);
    }

    @Test
    void shouldSayIncompleteWhenATestAreaHasNoResults() throws IOException {
        new FixtureProject(temp).surefire("protocol", "junit/TEST-io.shmlane.ring.RingTest.xml");

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("INCOMPLETE");
        assertThat(report.headline()).isEqualTo("INCOMPLETE: no results for jcstress, process scenarios");
        assertThat(page().selectFirst("header.banner").classNames()).contains("s-incomplete");
    }

    @Test
    void shouldShowTheCpuComparisonBesideTheCrossProcessBenchmarks() throws IOException {
        passingProject()
                .benchmarks()
                .write(
                        "benchmarks/target/results/cpu.json",
                        """
                        {"schemaVersion": 2, "kind": "cpu", "unit": "ns", "cpu": [
                          {"subject": "shmlane-ring", "phase": "offer", "payloadBytes": 32, "slices": 90,
                           "nanosPerMessage": 13.1, "reference": null, "ratio": null},
                          {"subject": "agrona", "phase": "offer", "payloadBytes": 32, "slices": 90,
                           "nanosPerMessage": 13.5, "reference": "shmlane-ring", "ratio": 1.02,
                           "ratioLow": 0.79, "ratioHigh": 1.3}]}
                        """);

        ReportData report = generate(null, null);

        assertThat(report.areas())
                .filteredOn(a -> a.id().equals("benchmarks"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail())
                        .isEqualTo("16 throughput, 6 latency, 3 allocation, 2 CPU cases; 1 goal missed"));
        Elements rows = page().select("#cpu tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).isEqualTo("shmlane-ring offer 32 B 13.1 reference");
        assertThat(rows.get(1).text()).isEqualTo("agrona offer 32 B 13.5 1.02 0.79 .. 1.30");
    }

    @Test
    void shouldDrawTheBenchmarksWhenThereAreResults() throws IOException {
        passingProject().benchmarks();

        ReportData report = generate(null, null);

        assertThat(report.areas())
                .filteredOn(a -> a.id().equals("benchmarks"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.status()).isEqualTo("MEASURED");
                    assertThat(a.detail()).isEqualTo("16 throughput, 6 latency, 3 allocation cases; 1 goal missed");
                });
        assertThat(report.status()).isEqualTo("PASS");
        Document page = page();
        assertThat(page.getElementById("no-benchmarks")).isNull();
        assertThat(page.select("#benchmarks canvas"))
                .extracting(Element::id)
                .containsExactly("chart-throughput", "chart-bandwidth", "chart-latency");
        assertThat(page.select("#benchmarks table").get(0).select("tbody tr")).hasSize(16);
        assertThat(page.select("#benchmarks table").get(1).text())
                .contains("raw-cache-line", "112 ns", "1.21 µs", "9.10 µs", "38.2 µs", "2.2 ms");
        JsonNode charts = ReportGenerator.MAPPER.readTree(
                page.getElementById("chart-data").data());
        assertThat(charts.at("/throughput/labels").toString()).isEqualTo("[\"32 B\",\"256 B\",\"4 KiB\"]");
        assertThat(charts.at("/throughput/datasets")).hasSize(6);
        assertThat(charts.at("/throughput/datasets/0/data/0").asDouble()).isEqualTo(12_150_000.0);
        assertThat(charts.at("/latency/datasets")).hasSize(6);
        assertThat(report.caught())
                .filteredOn(d -> d.where().equals("benchmarks"))
                .singleElement()
                .satisfies(d -> assertThat(d.caught()).isTrue());
    }

    @Test
    void shouldMarkResultsWrittenBeforeTheBuildStarted() throws IOException {
        Instant buildStart = Instant.parse("2026-11-29T05:00:00Z");
        passingProject().writtenAt("protocol", buildStart.minusSeconds(3600));

        ReportData report = generate(buildStart, null);

        Area unit = report.areas().get(0);
        assertThat(unit.stale()).isTrue();
        assertThat(unit.resultsFrom()).isEqualTo("2026-11-29T04:00:00Z");
        assertThat(report.areas().get(2).stale()).isFalse();
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("Unit tests: the results are from an earlier build"));
        assertThat(report.environment().durationSeconds()).isEqualTo(3600.0);
        assertThat(page().getElementById("card-unit").select(".tag.stale").text())
                .isEqualTo("earlier build: 2026-11-29 04:00:00 UTC");
    }

    @Test
    void shouldLeaveOutTheBrowserCheckOfThePreviousBuild() throws IOException {
        passingProject()
                .failsafe("reports", FAILING_JCSTRESS_IT)
                .surefire("reports", "junit/TEST-io.shmlane.cli.CommandLineTest.xml");

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("PASS");
        assertThat(report.junit())
                .filteredOn(m -> m.module().equals("reports"))
                .singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo("surefire"));
    }

    @Test
    void shouldShowWhatChangedSinceAPreviousReport() throws IOException {
        FixtureProject project =
                passingProject().failsafe("jcstress-tests", FAILING_JCSTRESS_IT).benchmarks();
        generate(null, null);
        Path previous = temp.resolve("previous-report");
        Files.createDirectories(previous);
        Files.copy(out().resolve(ReportGenerator.DATA), previous.resolve(ReportGenerator.DATA));
        // the next build: the jcstress failure is fixed, a unit test fails, the ring got slower
        project.write(
                        "jcstress-tests/target/failsafe-reports/TEST-io.shmlane.jcstress.driver.JcstressSuiteIT.xml",
                        Files.readString(FixtureProject.fixture(FAILING_JCSTRESS_IT))
                                .replaceAll("(?s)<failure .*?</failure>", ""))
                .surefire("jcstress-tests", "junit/TEST-io.shmlane.jcstress.driver.DriverSelfCheckIT.xml")
                .write(
                        "benchmarks/target/results/throughput.json",
                        Files.readString(FixtureProject.fixture("benchmarks/results/throughput.json"))
                                .replace("\"messagesPerSecond\": 12150000", "\"messagesPerSecond\": 10000000"));

        ReportData report = generate(null, previous);

        Comparison changes = report.comparison();
        assertThat(changes.previousStatus()).isEqualTo("FAIL");
        assertThat(changes.newFailures())
                .extracting(Failure::name)
                .containsExactly("DriverSelfCheckIT.shouldReportFailWhenForbiddenOutcomeIsObserved");
        assertThat(changes.fixed())
                .extracting(Failure::name)
                .containsExactly("JcstressSuiteIT.jcstressTests() selfcheck.AlwaysForbidden");
        assertThat(changes.testsBefore()).isEqualTo(35);
        assertThat(changes.testsNow()).isEqualTo(37);
        assertThat(changes.throughput()).hasSize(16);
        Comparison.Trend ring = changes.throughput().get(0);
        assertThat(ring.name()).isEqualTo("shmlane-ring, 32 B");
        assertThat(ring.before()).isEqualTo(12_150_000.0);
        assertThat(ring.now()).isEqualTo(10_000_000.0);
        assertThat(ring.changePercent()).isBetween(-17.70, -17.69);
        assertThat(changes.latency()).hasSize(12).allMatch(t -> t.changePercent() == 0);
        Document page = page();
        Element section = page.getElementById("changes");
        assertThat(section.text()).contains("new failures 1", "fixed 1", "-17.7 %");
        assertThat(section.getElementById("chart-trend")).isNotNull();
        // the data file keeps this run only: a later comparison does not chain through it
        JsonNode data = ReportGenerator.MAPPER.readTree(
                out().resolve(ReportGenerator.DATA).toFile());
        assertThat(data.get("comparison").isNull()).isTrue();
    }

    @Test
    void shouldWarnWhenThePreviousReportCannotBeRead() throws IOException {
        passingProject();

        ReportData report = generate(null, temp.resolve("no-such-report"));

        assertThat(report.comparison()).isNull();
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("cannot compare with the previous report"));
    }

    @Test
    void shouldListWhatTheSuiteCaughtInTheKnownBrokenReferences() throws IOException {
        passingProject()
                .write(
                        "jcstress-tests/target/jcstress-summary.json",
                        """
                        {"verdict": "PASS", "tests": [
                          {"name": "io.shmlane.jcstress.naive.NaiveReference.SpinOnPlainField", "reference": true,
                           "referenceReason": "plain field", "verdict": "PASS", "status": "NORMAL", "samples": 10,
                           "outcomes": [{"outcome": "STALE", "samples": 3, "expect": "ACCEPTABLE_INTERESTING",
                                         "description": "the JIT hoisted the plain read out of the loop"},
                                        {"outcome": "TERMINATED", "samples": 7, "expect": "ACCEPTABLE"}]},
                          {"name": "io.shmlane.jcstress.naive.NaiveReference.Publication", "reference": true,
                           "verdict": "PASS", "status": "NORMAL", "samples": 100,
                           "outcomes": [{"outcome": "1, 0", "samples": 0, "expect": "ACCEPTABLE_INTERESTING",
                                         "description": "flag seen before the payload"},
                                        {"outcome": "1, 1", "samples": 100, "expect": "ACCEPTABLE"}]}]}
                        """)
                .processScenarios("process/crash-and-naive");

        ReportData report = generate(null, null);

        assertThat(report.caught())
                .extracting(d -> d.test() + ": " + d.caught())
                .containsExactly(
                        "naive.NaiveReference.SpinOnPlainField: true",
                        "naive.NaiveReference.Publication: false",
                        "NaiveReferenceIT.shouldDetectTheLossesOfTheNaiveReference: true");
        assertThat(report.caught().get(0).evidence())
                .isEqualTo("outcome \"STALE\" observed 3 times in 10 samples (30.000%)");
        Document page = page();
        assertThat(page.select("#caught tbody tr")).hasSize(3);
        assertThat(page.select("#caught tbody tr").get(2).text())
                .contains("CAUGHT", "lost 312, duplicated 0, reordered 0, torn 0 of 5,000 messages");
        assertThat(page.select("#jcstress tr.highlight").text()).contains("STALE");
    }

    @Test
    void shouldShowTheRelaxedModelRunBesideTheNativeOneAndWhatItCaughtInTheReference() throws IOException {
        passingProject()
                .write(
                        "jcstress-tests/target/relaxed-summary.json",
                        """
                        {"schemaVersion": 1, "verdict": "FAIL", "settings": {"mode": "relaxed"},
                         "run": {"testsExpected": 2, "testsRun": 2, "durationMillis": 9000},
                         "tests": [
                          {"name": "io.shmlane.jcstress.ring.RingHandOff.Offer", "verdict": "FAIL", "status": "NORMAL",
                           "reason": "outcome [24, 0, TORN] is FORBIDDEN (seed 42)", "samples": 20000,
                           "outcomes": [{"outcome": "24, 0, A", "samples": 19000, "expect": "ACCEPTABLE"},
                                        {"outcome": "24, 0, TORN", "samples": 1000, "expect": "FORBIDDEN",
                                         "description": "length seen before the payload"}],
                           "messages": ["replay: -Drelaxed.replay=42", "#28 consumer load acquire ..."]},
                          {"name": "io.shmlane.jcstress.naive.NaiveReference.Publication", "reference": true,
                           "verdict": "TOLERATED", "status": "NORMAL", "samples": 20000,
                           "outcomes": [{"outcome": "0, ZERO", "samples": 178, "expect": "ACCEPTABLE_INTERESTING",
                                         "description": "flag seen before the length"},
                                        {"outcome": "24, A", "samples": 19822, "expect": "ACCEPTABLE"}]}]}
                        """);

        ReportData report = generate(null, null);

        assertThat(report.relaxed()).isNotNull();
        assertThat(report.caught())
                .filteredOn(d -> d.where().equals("jcstress (relaxed model)"))
                .extracting(d -> d.test() + ": " + d.caught() + ": " + d.evidence())
                .containsExactly("naive.NaiveReference.Publication: true: outcome \"0, ZERO\" observed 178 times in"
                        + " 20,000 executions (0.890%)");
        Document page = page();
        assertThat(page.select("#relaxed tbody tr").first().text())
                .contains("ring.RingHandOff.Offer", "PASS", "30 samples", "FAIL", "20,000 executions");
        assertThat(page.select("#relaxed details.jtest[open]")).hasSize(2);
        assertThat(page.select("#relaxed tr.violation").text()).contains("24, 0, TORN");
        assertThat(page.select("#relaxed pre.trace").text()).contains("-Drelaxed.replay=42");
        assertThat(page.select("[id]").eachAttr("id")).doesNotHaveDuplicates();
    }

    @Test
    void shouldShowTheDefectsARealRunCaughtInTheNaiveReference() throws IOException {
        passingProject().jcstressSummary("jcstress/full-run-summary.json");

        ReportData report = generate(null, null);

        assertThat(report.caught()).hasSize(10);
        assertThat(report.caught())
                .filteredOn(CaughtDefect::caught)
                .extracting(CaughtDefect::test)
                .containsExactly(
                        "naive.NaiveReference.OverwriteWithoutAck",
                        "naive.NaiveReference.OverwriteWithoutAck",
                        "naive.NaiveReference.OverwriteWithoutAck",
                        "naive.NaiveReference.OverwriteWithoutAck",
                        "naive.NaiveReference.OverwriteWithoutAck",
                        "naive.NaiveReference.SpinOnHeapBuffer",
                        "naive.NaiveReference.SpinOnPlainField");
        assertThat(report.caught())
                .filteredOn(d -> d.defect().equals("A lost: B overwrote it before it was read"))
                .singleElement()
                .satisfies(d -> assertThat(d.evidence())
                        .isEqualTo("outcome \"B, NONE\" observed 3,305,134 times in 3,713,062 samples (89.014%)"));
        assertThat(report.caught())
                .filteredOn(d -> !d.caught())
                .extracting(CaughtDefect::test)
                .containsExactly(
                        "header.HeaderHandshake.PlainVersionRead",
                        "naive.NaiveReference.Publication",
                        "naive.NaiveReference.SpinOnDirectBuffer");
        Document page = page();
        assertThat(page.select("#caught .badge.s-caught")).hasSize(7);
        assertThat(page.select("#jcstress details.jtest[open]")).hasSize(3);
        assertThat(page.select("#jcstress tr.highlight")).hasSize(7);
    }

    @Test
    void shouldFlagASurvivingMutantAtTheTopAndShowWhatKilledTheOthers() throws IOException {
        passingProject().hunt("hunt/mutants-summary.json", "hunt-mutants");

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("FAIL");
        assertThat(report.headline()).isEqualTo("FAIL: 1 failure in hunt");
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.area()).isEqualTo("hunt");
            assertThat(f.name()).isEqualTo("surviving mutant ring-commit-plain");
            assertThat(f.message()).startsWith("The commit length of a ring record is written with a plain store");
            assertThat(f.anchor()).isEqualTo("mutant-hunt-mutants-ring-commit-plain");
        });
        Document page = page();
        assertThat(page.selectFirst("header.banner").classNames()).contains("s-fail");
        Element failure = page.selectFirst("#failures .failure");
        assertThat(failure.text()).contains("surviving mutant ring-commit-plain", "written with a plain store");
        assertThat(failure.selectFirst("a").attr("href")).isEqualTo("#mutant-hunt-mutants-ring-commit-plain");
        Element card = page.getElementById("card-hunt");
        assertThat(card.classNames()).contains("s-fail");
        assertThat(card.text())
                .contains("FAIL", "8 mutants, 1 survived", "score 87.5 %", "survived: ring-commit-plain");
        assertThat(page.selectFirst("nav a[href=#hunt]").classNames()).contains("bad");
        Element hunt = page.getElementById("hunt");
        assertThat(hunt.selectFirst(".score").text())
                .isEqualTo("mutation score 87.5 %: 7 of 8 mutants killed, 1 survived");
        assertThat(hunt.select("table.mutants tbody tr")).hasSize(8);
        Element survivor = page.getElementById("mutant-hunt-mutants-ring-commit-plain");
        assertThat(survivor.classNames()).contains("s-survived");
        assertThat(survivor.text()).contains("SURVIVED", "no test failed", "–");
        Element offByOne = page.getElementById("mutant-hunt-mutants-ring-capacity-off-by-one");
        assertThat(offByOne.select("td.killers div"))
                .extracting(Element::text)
                .containsExactly(
                        "unit: RingTest.shouldFillExactlyToCapacityLessOneAlignmentAndRefuseMore",
                        "unit: RingTest.shouldDeliverRandomSizedMessagesIntactBetweenTwoThreads",
                        "unit: RingTest.shouldRecoverTailFromUnreadRecordsAfterProducerDied");
        assertThat(offByOne.select("td.num").text()).isEqualTo("2 min 15 s");
    }

    @Test
    void shouldShowPitsScoresAndEverySurvivorWithItsReason() throws IOException {
        passingProject()
                .copy("pit/mutations.xml", "cli/target/pit-reports/mutations.xml")
                .copy("pit/pit-equivalents.txt", "cli/pit-equivalents.txt")
                .copy(
                        "pit/src/io/shmlane/cli/SequenceChecker.java",
                        "cli/src/main/java/io/shmlane/cli/SequenceChecker.java");

        ReportData report = generate(null, null);

        assertThat(report.pit().mutations()).isEqualTo(11);
        Document page = page();
        assertThat(page.getElementById("pit-score").text()).isEqualTo("test strength 70.0 % · mutation score 63.6 %");
        assertThat(page.getElementById("pit-counts").text())
                .startsWith("11 mutants: 7 killed (1 by a timeout), 3 survived, 1 without coverage · 3 not justified");
        assertThat(page.select("#pit-survivors tbody tr")).hasSize(4);
        assertThat(page.select("#pit-survivors tbody tr").last().text())
                .contains("SequenceChecker#accept", "if (id > expected) {", "id == expected returned above");
        assertThat(page.selectFirst("nav a[href=#pit]").classNames()).contains("bad");
        assertThat(page.getElementById("no-pit")).isNull();
    }

    @Test
    void shouldShowACampaignPerJdkAndJitModeWithTheReplayOfAFailedRound() throws IOException {
        passingProject().hunt("hunt/campaign-summary.json", "hunt");

        ReportData report = generate(null, null);

        assertThat(report.status()).isEqualTo("FAIL");
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("process ConsumerCrashIT on jdk25/c1, seed -811377236011944710");
            assertThat(f.message())
                    .startsWith(
                            "ConsumerCrashIT.shouldLoseNothingAndRedeliverOnlyAtTheKillPointWhenTheConsumerIsKilled")
                    .contains("\nreplay: (cd /work/main && JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw");
        });
        assertThat(report.areas())
                .filteredOn(a -> a.id().equals("hunt"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).isEqualTo("campaign: 8 rounds on jdk17, jdk25, 1 failed"));
        Document page = page();
        assertThat(page.getElementById("card-hunt").text()).contains("8 rounds, 1 failed", "10 min 00 s");
        Element hunt = page.getElementById("hunt");
        assertThat(hunt.select("table.hunt-groups tbody tr"))
                .extracting(Element::text)
                .containsExactly(
                        "jdk17 default 3 0 3 min 14 s jcstress RingHandOff ×2, process ExactlyOnceIT",
                        "jdk25 c1 3 1 3 min 25 s process SlowConsumerIT, process ConsumerCrashIT, jcstress RingHandOff",
                        "jdk17 nontiered 1 0 1 min 04 s jcstress MailboxHandOff",
                        "jdk25 default 1 0 (1 stopped) 22.4 s jcstress HeaderHandshake");
        Element failed = page.getElementById("hunt-hunt-round-3");
        assertThat(failed.text()).contains("FAIL", "process ConsumerCrashIT on jdk25/c1", "seed -811377236011944710");
        assertThat(failed.selectFirst(".replay").text()).contains("-Dprocess.seed=-811377236011944710");
        assertThat(hunt.select("table.hunt-rounds tbody tr")).hasSize(8);
        assertThat(hunt.selectFirst(".score")).isNull();
    }

    @Test
    void shouldEscapeMarkupFromTestOutput() throws IOException {
        passingProject()
                .write(
                        "protocol/target/surefire-reports/TEST-x.EvilTest.xml",
                        """
                        <testsuite name="x.EvilTest">
                          <testcase name="evil" classname="x.EvilTest" time="0.1">
                            <failure message="&lt;img src=x onerror=alert(1)&gt;" type="java.lang.AssertionError"/>
                          </testcase>
                        </testsuite>
                        """);

        generate(null, null);

        Document page = page();
        assertThat(page.select("img")).isEmpty();
        assertThat(page.getElementById("failures").text()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void shouldNeedNothingButThePageItself() throws IOException {
        passingProject().benchmarks();

        generate(null, null);

        Document page = page();
        assertThat(page.select("script[src], link[href], iframe, img[src], object, embed"))
                .isEmpty();
        assertThat(page.select("script").get(0).data()).startsWith("/*!\n * Chart.js v4.");
        assertThat(page.html()).doesNotContain("sourceMappingURL");
        assertThat(page.select("a[href]"))
                .extracting(a -> a.attr("href"))
                .allMatch(href -> href.startsWith("#") || !href.contains(":"), "relative links only");
    }
}
