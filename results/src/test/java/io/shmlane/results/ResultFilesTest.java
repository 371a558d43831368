package io.shmlane.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResultFilesTest {
    @TempDir
    Path temp;

    static Stream<Object> everyResultFile() {
        return Stream.of(
                Samples.jcstress(),
                Samples.scenario("NaiveReferenceIT.shouldDetectTheLossesOfTheNaiveReference", Outcome.PASS),
                new ProcessSummary(
                        ResultFiles.SCHEMA_VERSION,
                        List.of(Samples.scenario("A.a", Outcome.FAIL), Samples.scenario("B.b", Outcome.SKIPPED))),
                Samples.benchmarks(),
                Samples.hunt(),
                Samples.environment());
    }

    @ParameterizedTest
    @MethodSource("everyResultFile")
    void shouldReadBackEqualRecordsFromWhatItWrote(final Object result) throws IOException {
        Path file = temp.resolve("dir/result.json");

        ResultFiles.write(file, result);

        assertThat(ResultFiles.read(file, result.getClass())).isEqualTo(result);
    }

    @Test
    void shouldStartEveryFileWithItsSchemaVersion() throws IOException {
        String json = ResultFiles.toJson(Samples.hunt());

        assertThat(json).startsWith("{\n  \"schemaVersion\" : " + ResultFiles.SCHEMA_VERSION + ",");
        assertThat(json).endsWith("}\n");
    }

    @Test
    void shouldWriteOutcomesByNameAndNumbersThatAreNotFiniteAsNull() throws IOException {
        BenchmarkResults.Ratio ratio = new BenchmarkResults.Ratio("a / b", Double.NaN, null, null, "m", null);

        String json = ResultFiles.toJson(ratio);

        assertThat(json).contains("\"value\" : null");
        assertThat(ResultFiles.parse(json, BenchmarkResults.Ratio.class).value())
                .isNull();
        assertThat(ResultFiles.toJson(Samples.scenario("A.a", Outcome.SKIPPED))).contains("\"outcome\" : \"SKIPPED\"");
    }

    @Test
    void shouldReadAnOldProcessScenarioWithItsSchemaAndOutcomeWords() throws IOException {
        String old =
                """
                {"schema": 1, "scenarios": [
                  {"schema": 1, "scenario": "A.a", "outcome": "passed", "messages": 10, "seconds": 1.5,
                   "details": {"kills": [1, 2]}},
                  {"schema": 1, "scenario": "B.b", "outcome": "failed", "failure": "lost 1"},
                  {"schema": 1, "scenario": "C.c", "outcome": "skipped"}]}
                """;

        ProcessSummary summary = ResultFiles.parse(old, ProcessSummary.class);

        assertThat(summary.schemaVersion()).isEqualTo(1);
        assertThat(summary.scenarios())
                .extracting(ScenarioResult::schemaVersion, ScenarioResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, Outcome.PASS),
                        org.assertj.core.groups.Tuple.tuple(1, Outcome.FAIL),
                        org.assertj.core.groups.Tuple.tuple(1, Outcome.SKIPPED));
        assertThat(summary.scenarios().get(0).messages()).isEqualTo(10);
        assertThat(summary.scenarios().get(0).details()).containsEntry("kills", List.of(1, 2));
    }

    @Test
    void shouldReadAnOldBenchmarkFileIntoTheSectionOfItsKind() throws IOException {
        String old =
                """
                {"schema": "shmlane-benchmarks/1", "kind": "latency", "unit": "us",
                 "machine": {"description": "2 CPUs", "cpus": 2, "jdk": "OpenJDK 17", "loadAverage1m": 1.12},
                 "results": [{"transport": "uds", "payloadBytes": 32, "p50": 9.1, "p99.9": 40}]}
                """;

        BenchmarkResults results = ResultFiles.parse(old, BenchmarkResults.class);

        assertThat(results.schemaVersion()).isEqualTo(1);
        assertThat(results.machine().description()).isEqualTo("2 CPUs");
        assertThat(results.machine().loadAverage1m()).isEqualTo(1.12);
        assertThat(results.latency()).singleElement().satisfies(l -> {
            assertThat(l.transport()).isEqualTo("uds");
            assertThat(l.p50()).isEqualTo(9.1);
            assertThat(l.p999()).isEqualTo(40.0);
        });
        assertThat(results.throughput()).isNull();
    }

    @Test
    void shouldReadAMachineGivenAsText() throws IOException {
        BenchmarkResults results =
                ResultFiles.parse("{\"schemaVersion\": 1, \"machine\": \"a laptop\"}", BenchmarkResults.class);

        assertThat(results.machine().description()).isEqualTo("a laptop");
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnowSoThatANewerFileStillReads() throws IOException {
        HuntSummary summary = ResultFiles.parse(
                "{\"schemaVersion\": 9, \"mode\": \"campaign\", \"newField\": {\"x\": 1}}", HuntSummary.class);

        assertThat(summary.schemaVersion()).isEqualTo(9);
        assertThat(summary.mode()).isEqualTo("campaign");
    }

    @Test
    void shouldRefuseAFileThatHoldsNoObject() throws IOException {
        Path file = Files.writeString(temp.resolve("jmh.json"), "[{\"benchmark\": \"x\"}]");

        assertThatThrownBy(() -> ResultFiles.read(file, BenchmarkResults.class))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected a JSON object");
    }
}
