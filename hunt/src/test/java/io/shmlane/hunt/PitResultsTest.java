package io.shmlane.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.shmlane.results.PitCheck;
import io.shmlane.results.PitCheck.Equivalent;
import io.shmlane.results.PitCheck.Mutation;
import io.shmlane.results.PitSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of PIT's survivors against {@code protocol/pit-equivalents.txt}: a survivor is justified only by an entry
 * of its class, method and mutator whose code is on its line (never by line number), every entry still names code of
 * the current sources, and the latest PIT run of the current sources has no unlisted survivor.
 */
class PitResultsTest {
    private static final Path ROOT =
            Path.of(System.getProperty("hunt.root", "..")).toAbsolutePath().normalize();
    private static final Path FIXTURE = Path.of("src/test/resources/pit");

    @TempDir
    Path temp;

    @Test
    void shouldCountKilledSurvivedAndUncoveredMutantsOfPitsXml() throws IOException {
        List<Mutation> mutations = PitCheck.readMutations(FIXTURE.resolve("mutations.xml"));

        assertThat(mutations)
                .extracting(Mutation::status)
                .containsExactly("KILLED", "SURVIVED", "TIMED_OUT", "NO_COVERAGE");
        assertThat(mutations.get(1).mutator()).isEqualTo("ConditionalsBoundaryMutator");
        assertThat(mutations.get(1).sourcePath()).isEqualTo("io/example/Gate.java");
        PitSummary summary = check(FIXTURE.resolve("src"));
        assertThat(summary.mutations()).isEqualTo(4L);
        assertThat(summary.killed()).isEqualTo(2L);
        assertThat(summary.survived()).isEqualTo(1L);
        assertThat(summary.noCoverage()).isEqualTo(1L);
        assertThat(summary.timedOut()).isEqualTo(1L);
        assertThat(summary.mutationScore()).isEqualTo(0.5);
        assertThat(summary.testStrength()).isEqualTo(2.0 / 3);
    }

    @Test
    void shouldJustifyAListedSurvivorAndReportAnUnlistedOne() throws IOException {
        PitSummary summary = check(FIXTURE.resolve("src"));

        assertThat(summary.unkilled())
                .extracting(PitSummary.Unkilled::method, PitSummary.Unkilled::equivalent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("open", "id == expected returned above, so > and >= agree"),
                        org.assertj.core.groups.Tuple.tuple("next", null));
        assertThat(summary.unjustified()).isEqualTo(1L);
        assertThat(PitResults.problems(summary))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p)
                        .contains("NO_COVERAGE", "io.example.Gate#next", "MathMutator", "pit-equivalents.txt"))
                .anySatisfy(p -> assertThat(p).isEqualTo("test strength 66.7 % is below 90 %"));
    }

    @Test
    void shouldMatchBySourceCodeSoThatLinesMovedByAnEditStillMatch() throws IOException {
        // two lines added above the class: every mutant moves down by two
        Path moved = temp.resolve("src/io/example/Gate.java");
        Files.createDirectories(moved.getParent());
        String source = Files.readString(FIXTURE.resolve("src/io/example/Gate.java"), StandardCharsets.UTF_8);
        Files.writeString(moved, source.replace("final class Gate {", "// one\n// two\nfinal class Gate {"));
        List<Mutation> mutations = new ArrayList<>();
        for (Mutation m : PitCheck.readMutations(FIXTURE.resolve("mutations.xml"))) {
            mutations.add(new Mutation(
                    m.status(),
                    m.sourceFile(),
                    m.mutatedClass(),
                    m.method(),
                    m.line() + 2,
                    m.mutator(),
                    m.description(),
                    m.killingTest()));
        }
        PitSummary summary = PitCheck.check(
                mutations, PitCheck.readEquivalents(FIXTURE.resolve("equivalents.txt")), temp.resolve("src"));

        assertThat(summary.unkilled().get(0).line()).isEqualTo(11);
        assertThat(summary.unkilled().get(0).code()).isEqualTo("return id > expected;");
        assertThat(summary.unkilled().get(0).equivalent()).isNotNull();
        // the old line number now points at other code: nothing matches by number
        PitSummary stale = PitCheck.check(
                PitCheck.readMutations(FIXTURE.resolve("mutations.xml")),
                PitCheck.readEquivalents(FIXTURE.resolve("equivalents.txt")),
                temp.resolve("src"));
        assertThat(stale.unkilled().get(0).equivalent()).isNull();
    }

    @Test
    void shouldNotJustifyAnotherMutatorOrMethodWithTheSameCode() {
        Equivalent entry =
                new Equivalent("io.example.Gate", "open", "ConditionalsBoundaryMutator", "id > expected", "reason");
        Mutation boundary = new Mutation(
                "SURVIVED", "Gate.java", "io.example.Gate", "open", 9, "ConditionalsBoundaryMutator", "", "");

        assertThat(entry.justifies(boundary, "        return id > expected;")).isTrue();
        assertThat(entry.justifies(boundary, "        return id >= expected;")).isFalse();
        assertThat(entry.justifies(
                        new Mutation(
                                "SURVIVED",
                                "Gate.java",
                                "io.example.Gate",
                                "open",
                                9,
                                "NegateConditionalsMutator",
                                "",
                                ""),
                        "        return id > expected;"))
                .isFalse();
        assertThat(entry.justifies(
                        new Mutation(
                                "SURVIVED",
                                "Gate.java",
                                "io.example.Gate",
                                "close",
                                9,
                                "ConditionalsBoundaryMutator",
                                "",
                                ""),
                        "        return id > expected;"))
                .isFalse();
        assertThat(entry.justifies(boundary, null)).isFalse();
    }

    @Test
    void shouldRefuseAnEntryWithoutItsFourParts() throws IOException {
        Path list = temp.resolve("equivalents.txt");
        Files.writeString(list, "io.example.Gate#open | ConditionalsBoundaryMutator | id > expected\n");

        assertThatThrownBy(() -> PitCheck.readEquivalents(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLASS#METHOD | MUTATOR | CODE | reason");
    }

    @Test
    void everyListedEquivalentNamesCodeOfTheCurrentSources() throws IOException {
        for (String module : PitCheck.MODULES) {
            Path root = ROOT.resolve(module);
            List<Equivalent> entries = PitCheck.readEquivalents(root.resolve(PitCheck.EQUIVALENTS));
            Set<String> keys = new HashSet<>();
            for (Equivalent e : entries) {
                assertThat(keys.add(e.key())).as("listed twice: %s", e.key()).isTrue();
                String outer = e.mutatedClass().replaceFirst("\\$.*$", "");
                Path source = root.resolve(PitCheck.SOURCES).resolve(outer.replace('.', '/') + ".java");
                assertThat(source).as("%s, listed in %s", e.key(), module).isRegularFile();
                String text = Files.readString(source, StandardCharsets.UTF_8);
                assertThat(text).as("the code of %s", e.key()).contains(e.code());
                String method = e.method().startsWith("lambda$")
                        ? e.method().split("\\$")[1]
                        : e.method().equals("<init>")
                                ? e.mutatedClass()
                                        .substring(e.mutatedClass().lastIndexOf('.') + 1)
                                        .replaceFirst("^.*\\$", "")
                                : e.method();
                if (!method.equals("<clinit>") && !method.equals("static")) {
                    assertThat(text).as("the method of %s", e.key()).containsPattern("\\b" + method + "\\s*\\(");
                }
                assertThat(e.mutator()).as(e.key()).matches("[A-Z]\\w*");
                assertThat(e.reason()).as(e.key()).hasSizeGreaterThan(20);
            }
        }
    }

    /**
     * Run after {@code ./mvnw -pl protocol,cli -Ppit verify} (in the same build, {@code -pl protocol,cli,hunt}, or
     * after it): every mutant no test killed is listed. Skipped when PIT did not run on the current sources of both.
     */
    @Test
    void everySurvivorOfTheLatestPitRunOfTheCurrentSourcesIsListed() throws IOException {
        for (String module : PitCheck.MODULES) {
            Path xml = ROOT.resolve(module).resolve(PitCheck.MUTATIONS);
            assumeThat(xml)
                    .as("PIT has not run (./mvnw -pl protocol,cli -Ppit verify)")
                    .isRegularFile();
            assumeThat(Files.size(xml))
                    .as("PIT's report is empty (a run in progress)")
                    .isPositive();
            FileTime newestSource;
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve(PitCheck.SOURCES))) {
                newestSource = files.filter(Files::isRegularFile)
                        .map(PitResultsTest::modified)
                        .max(FileTime::compareTo)
                        .orElseThrow();
            }
            assumeThat(modified(xml))
                    .as("PIT's report of %s predates its sources: rerun PIT", module)
                    .isGreaterThan(newestSource);
        }

        PitSummary summary = PitCheck.check(ROOT);

        assertThat(PitResults.problems(summary)).isEmpty();
    }

    private static PitSummary check(final Path sources) throws IOException {
        return PitCheck.check(
                PitCheck.readMutations(FIXTURE.resolve("mutations.xml")),
                PitCheck.readEquivalents(FIXTURE.resolve("equivalents.txt")),
                sources);
    }

    private static FileTime modified(final Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
