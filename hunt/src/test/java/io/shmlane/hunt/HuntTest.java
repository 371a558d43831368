package io.shmlane.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.results.HuntSummary;
import io.shmlane.results.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HuntTest {
    @TempDir
    Path dir;

    /** The campaign's slices of this tree, with the jcstress tests of a recorded {@code META-INF/TestList}. */
    private static List<Slice> slices() {
        try {
            return Slice.campaignSlices(
                    Path.of(".."), JcstressTestList.read(Path.of("src/test/resources/jcstress/TestList")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldParseBudgets() {
        assertThat(Hunt.parseBudget("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Hunt.parseBudget("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Hunt.parseBudget("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Hunt.parseBudget("soon")).hasMessageContaining("--budget must look like");
    }

    @Test
    void shouldMapJitModesToFlags() {
        assertThat(Jdks.jitFlags("default")).isEmpty();
        assertThat(Jdks.jitFlags("c1")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(Jdks.jitFlags("nontiered")).containsExactly("-XX:-TieredCompilation");
        assertThat(Jdks.jitFlags("int")).containsExactly("-Xint");
        assertThatThrownBy(() -> Jdks.jitFlags("c3")).hasMessageContaining("unknown JIT mode");
    }

    @Test
    void shouldPassTheJcstressModeToJcstressRoundsOnly() {
        Slice jcstress = slices().stream()
                .filter(s -> s.name().startsWith("jcstress "))
                .findFirst()
                .orElseThrow();
        Slice process = slices().stream()
                .filter(s -> s.name().startsWith("process "))
                .findFirst()
                .orElseThrow();

        assertThat(jcstress.command(List.of(), 1L, 1, "tough")).contains("-Djcstress.mode=tough");
        assertThat(process.command(List.of(), 1L, 1, "tough")).noneMatch(arg -> arg.startsWith("-Djcstress.mode"));
    }

    @Test
    void shouldRunTheCrashMatrixAtScaleTenAndOtherScenariosAtTheCampaignsScale() {
        List<Slice> process =
                slices().stream().filter(s -> s.name().startsWith("process ")).toList();
        Slice matrix = process.stream()
                .filter(s -> s.name().equals("process CrashMatrixIT"))
                .findFirst()
                .orElseThrow();
        Slice other = process.stream()
                .filter(s -> s.name().equals("process ProducerCrashIT"))
                .findFirst()
                .orElseThrow();

        assertThat(matrix.command(List.of(), 5L, 2, "quick"))
                .contains("-Dit.test=CrashMatrixIT", "-Dprocess.seed=5", "-Dprocess.scale=10");
        assertThat(matrix.command(List.of(), 5L, 20, "quick")).contains("-Dprocess.scale=20");
        assertThat(other.command(List.of(), 5L, 2, "quick")).contains("-Dprocess.scale=2");
        assertThat(Slice.forMutant("process", Mutant.of("ring-x", "d", "f", "a", "b"))
                        .command(List.of(), 1L, 1, "ci"))
                .contains("-Dprocess.scale=1")
                .noneMatch(arg -> arg.startsWith("-Dit.test"));
    }

    @Test
    void shouldRunTheStatefulPropertiesWithTenThousandTries() {
        List<Slice> properties = slices().stream()
                .filter(s -> s.name().startsWith("properties "))
                .toList();

        assertThat(properties)
                .extracting(Slice::name)
                .containsExactly(
                        "properties RingStatefulPropertiesTest",
                        "properties MailboxStatefulPropertiesTest",
                        "properties CorruptionFuzzTest");
        assertThat(properties.get(0).command(List.of(), 1L, 1, "quick"))
                .contains("-pl", "protocol,cli", "test", "-Dtest=RingStatefulPropertiesTest")
                .contains("-Dshmlane.properties.tries=10000");
        assertThat(Path.of("../protocol/src/test/java/io/shmlane/ring/RingStatefulPropertiesTest.java"))
                .exists();
        assertThat(Path.of("../protocol/src/test/java/io/shmlane/mailbox/MailboxStatefulPropertiesTest.java"))
                .exists();
        assertThat(Path.of("../cli/src/test/java/io/shmlane/cli/CorruptionFuzzTest.java"))
                .exists();
    }

    @Test
    void shouldRunTheJcstressTestsUnderTheRelaxedModelFromTheRoundsSeed() {
        List<Slice> relaxed =
                slices().stream().filter(s -> s.name().startsWith("relaxed ")).toList();

        assertThat(relaxed)
                .extracting(Slice::name)
                .containsExactly("relaxed MailboxHandOff", "relaxed RingHandOff", "relaxed HeaderHandshake");
        assertThat(relaxed.get(1).command(List.of(), 77L, 2, "quick"))
                .contains("-pl", "jcstress-tests", "-Dit.test=RelaxedSuiteIT", "-Drelaxed.tests=RingHandOff")
                .contains("-Drelaxed.seed=77", "-Drelaxed.executions=200000", "-Drelaxed.failFast=true");
        assertThat(Slice.forMutant("relaxed", Mutant.of("ring-x", "d", "f", "a", "b"))
                        .command(List.of(), 1L, 1, "ci"))
                .contains("-Dit.test=RelaxedSuiteIT", "-Drelaxed.tests=RingHandOff");
    }

    @Test
    void shouldDrawOneJcstressTestPerRoundSelectedExactly() {
        List<Slice> jcstress =
                slices().stream().filter(s -> s.name().startsWith("jcstress ")).toList();

        assertThat(jcstress)
                .extracting(Slice::name)
                .contains(
                        "jcstress MailboxHandOff.BarePollLoop",
                        "jcstress RingHandOff.Offer",
                        "jcstress HeaderHandshake.ReleaseAcquire")
                .doesNotContain("jcstress RingHandOff", "jcstress RingHandOff.Ring")
                .hasSize(23);
        assertThat(jcstress.stream()
                        .filter(s -> s.name().equals("jcstress RingHandOff.Offer"))
                        .findFirst()
                        .orElseThrow()
                        .command(List.of(), 1L, 1, "quick"))
                .contains("-Djcstress.tests=RingHandOff\\.Offer$");
    }

    @Test
    void shouldNotCountARoundCutShortByTheBudgetAsAFailure() {
        assertThat(round(Outcome.STOPPED).failed()).isFalse();
        assertThat(round(Outcome.PASS).failed()).isFalse();
        assertThat(round(Outcome.FAIL).failed()).isTrue();
        assertThat(round(Outcome.ERROR).failed()).isTrue();
    }

    private static HuntSummary.Round round(final Outcome outcome) {
        return new HuntSummary.Round(
                "mvn", "(cd x && mvn)", null, null, outcome, List.of(), 1.0, null, null, null, null, null);
    }

    @Test
    void shouldRefuseAnUnknownJcstressModeOrJitModeBeforeRunningAnything() {
        for (String[] args : List.of(
                new String[] {"--jcstress-mode", "harsh", "--root", "..", "--budget", "1s"},
                new String[] {"--jit", "fast", "--root", "..", "--budget", "1s"})) {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new Hunt()).setErr(new PrintWriter(err));

            assertThat(command.execute(args)).isEqualTo(2);
            assertThat(err.toString()).containsAnyOf("--jcstress-mode must be one of", "unknown JIT mode 'fast'");
        }
    }

    @Test
    void shouldFindThisJdk() {
        assertThat(Jdks.discover()).isNotEmpty().allSatisfy(home -> assertThat(home.resolve("bin/javac"))
                .exists());
    }

    @Test
    void shouldReadFailedAndRunTestsFromSurefireXmlAndJcstressSummary() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("m/target/surefire-reports"));
        Files.writeString(
                reports.resolve("TEST-a.B.xml"),
                "<testsuite name=\"a.B\"><testcase classname=\"a.B\" name=\"ok\"/>"
                        + "<testcase classname=\"a.B\" name=\"bad\"><failure message=\"x\"/></testcase>"
                        + "<testcase classname=\"a.B\" name=\"boom\"><error/></testcase>"
                        + "<testcase classname=\"a.B\" name=\"later\"><skipped/></testcase></testsuite>");
        Files.writeString(
                dir.resolve("m/target/jcstress-summary.json"),
                "{\"tests\": [{\"name\": \"r.T.A\", \"reference\": false,"
                        + " \"verdict\": \"FAIL\", \"outcomes\": [{}]}, {\"name\": \"r.T.B\", \"verdict\": \"PASS\"}]}");

        TestResults results = TestResults.read(dir, "m");

        assertThat(results.failed()).containsExactly("B.bad", "B.boom", "jcstress r.T.A FAIL");
        assertThat(results.testsRun()).isEqualTo(3);
    }

    @Test
    void shouldSeeNoTestRunWhereNoReportWasWrittenSinceTheRoundStarted() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("m/target/failsafe-reports"));
        Path old = Files.writeString(
                reports.resolve("TEST-a.C.xml"),
                "<testsuite name=\"a.C\"><testcase classname=\"a.C\" name=\"x\"/></testsuite>");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000));

        assertThat(TestResults.read(dir, 2_000, "m").testsRun()).isZero();
        assertThat(TestResults.read(dir, 0, "m").testsRun()).isEqualTo(1);
    }

    @Test
    void shouldReadJcstressTestsFromJcstressOwnList() throws IOException {
        List<String> names = JcstressTestList.read(Path.of("src/test/resources/jcstress/TestList"));

        assertThat(names)
                .contains(
                        "io.shmlane.jcstress.ring.RingHandOff.Offer",
                        "io.shmlane.jcstress.header.HeaderHandshake.ReleaseAcquire")
                .isSorted();
    }

    @Test
    void shouldSkipOnlyUnitTestsWithTheUnitSkipProperty() {
        Slice process = slices().stream()
                .filter(s -> s.name().equals("process ProducerCrashIT"))
                .findFirst()
                .orElseThrow();

        assertThat(process.command(List.of(), 1L, 1, "quick"))
                .contains("-Dunit.skip=true", "-Dit.test=ProducerCrashIT")
                .noneMatch(arg -> arg.startsWith("-Dtest="));
    }
}
