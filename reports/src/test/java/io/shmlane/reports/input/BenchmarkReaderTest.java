package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shmlane.reports.FixtureProject;
import io.shmlane.reports.model.BenchmarkRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReaderTest {
    @TempDir
    Path temp;

    private BenchmarkRun read(final FixtureProject project, final ReadContext context) throws IOException {
        return BenchmarkReader.read(project.root().resolve("benchmarks/target/results"), context);
    }

    private ReadContext context(final FixtureProject project) {
        return new ReadContext(
                project.root(), null, new Artifacts(project.root().resolve("out")));
    }

    @Test
    void shouldPutTheFilesOfEveryKindTogether() throws IOException {
        FixtureProject project = new FixtureProject(temp).benchmarks();

        BenchmarkRun run = read(project, context(project));

        assertThat(run.files())
                .containsExactly(
                        "benchmarks/target/results/allocation.json",
                        "benchmarks/target/results/latency.json",
                        "benchmarks/target/results/ratios.json",
                        "benchmarks/target/results/throughput.json");
        assertThat(run.machine()).startsWith("2 CPUs, AMD EPYC, OpenJDK 64-Bit Server VM 17.0.15");
        assertThat(run.throughput()).hasSize(16);
        BenchmarkRun.Throughput ring = run.throughput().get(0);
        assertThat(ring.transport()).isEqualTo("shmlane-ring");
        assertThat(ring.payloadBytes()).isEqualTo(32);
        assertThat(ring.messagesPerSecond()).isEqualTo(12_150_000.0);
        assertThat(ring.messagesPerSecondMin()).isEqualTo(11_800_000.0);
        assertThat(ring.messagesPerSecondMax()).isEqualTo(12_400_000.0);
        assertThat(ring.megabytesPerSecond()).isCloseTo(388.8, within(1e-9));
        assertThat(ring.runs()).isEqualTo(5);
        assertThat(ring.verified()).isTrue();
        assertThat(run.latency()).hasSize(6);
        assertThat(run.latency().get(0).p999()).isEqualTo(1210.0);
        assertThat(run.latency().get(0).waiting()).isEqualTo("busy-spin");
        assertThat(run.ratios()).hasSize(4);
        assertThat(run.goalsMissed()).isEqualTo(1);
        assertThat(run.ratios().get(3).value()).isNull();
        assertThat(run.ratios().get(3).met()).isNull();
        assertThat(run.allocation())
                .extracting(BenchmarkRun.Allocation::bytesPerOp)
                .containsOnly(0.0);
        assertThat(run.allocation().get(0).nanosPerOp()).isEqualTo(21.4);
        assertThat(run.cases()).isEqualTo(25);
    }

    @Test
    void shouldKeepTheNaiveChannelsLossesAndUnverifiedDelivery() throws IOException {
        FixtureProject project = new FixtureProject(temp).benchmarks();

        BenchmarkRun.Throughput naive = read(project, context(project)).throughput().stream()
                .filter(t -> t.transport().equals("naive"))
                .findFirst()
                .orElseThrow();

        assertThat(naive.lost()).isEqualTo(1_204_377L);
        assertThat(naive.verified()).isFalse();
    }

    /** A real quick run of the benchmarks module, where the mailbox case measured no rate. */
    @Test
    void shouldReadARealQuickRunWithAMissingRate() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .copy("benchmarks/real-quick-throughput.json", "benchmarks/target/results/throughput.json");

        BenchmarkRun run = read(project, context(project));

        assertThat(run.throughput()).hasSize(6);
        assertThat(run.throughput())
                .extracting(BenchmarkRun.Throughput::transport)
                .containsExactly("shmlane-ring", "shmlane-mailbox", "naive", "agrona", "uds", "tcp");
        BenchmarkRun.Throughput mailbox = run.throughput().get(1);
        assertThat(mailbox.messagesPerSecond()).isNull();
        assertThat(mailbox.megabytesPerSecond()).isNull();
        assertThat(run.throughput().get(0).messagesPerSecond()).isCloseTo(1_996_579.44, within(0.01));
        assertThat(run.throughput().get(2).lost()).isEqualTo(530_617L);
        assertThat(run.latency()).isEmpty();
    }

    @Test
    void shouldReadARealQuickRunsLatencyAndAllocationAndIgnoreJmhsOwnFile() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .copy("benchmarks/real-quick-latency.json", "benchmarks/target/results/latency.json")
                .copy("benchmarks/real-quick-allocation.json", "benchmarks/target/results/allocation.json")
                .write("benchmarks/target/results/jmh.json", "[{\"benchmark\": \"x\"}]");
        ReadContext context = context(project);

        BenchmarkRun run = read(project, context);

        assertThat(context.warnings()).isEmpty();
        assertThat(run.files()).hasSize(2);
        assertThat(run.latency()).hasSize(7);
        BenchmarkRun.Latency agrona = run.latency().get(3);
        assertThat(agrona.transport()).isEqualTo("agrona");
        assertThat(agrona.p50()).isEqualTo(611.0);
        assertThat(agrona.p99()).isEqualTo(1031.0);
        assertThat(agrona.samples()).isEqualTo(50_925L);
        assertThat(run.latency().get(6).transport()).isEqualTo("raw-cache-line");
        assertThat(run.latency().get(6).payloadBytes()).isEqualTo(8);
        assertThat(run.allocation()).hasSize(6);
        assertThat(run.allocation().get(5).benchmark()).isEqualTo("ringOfferPoll(payload=32)");
        assertThat(run.allocation().get(5).bytesPerOp()).isLessThan(0.01);
        assertThat(run.allocation().get(5).nanosPerOp()).isCloseTo(188.8, within(0.01));
    }

    @Test
    void shouldReadNamedSectionsAndConvertUnits() throws IOException {
        FixtureProject project = new FixtureProject(temp)
                .write(
                        "benchmarks/target/results/all.json",
                        """
                        {"schemaVersion": 1, "machine": "a laptop",
                         "throughput": [{"transport": "x", "payloadBytes": 100, "messagesPerSecond": 2000000}],
                         "latency": [{"transport": "x", "payloadBytes": 100, "unit": "us", "p50": 9.1, "max": 2210}]}
                        """);

        BenchmarkRun run = read(project, context(project));

        assertThat(run.machine()).isEqualTo("a laptop");
        assertThat(run.throughput().get(0).megabytesPerSecond()).isCloseTo(200.0, within(1e-9));
        BenchmarkRun.Latency latency = run.latency().get(0);
        assertThat(latency.p50()).isCloseTo(9_100.0, within(1e-6));
        assertThat(latency.max()).isCloseTo(2_210_000.0, within(1e-6));
        assertThat(latency.p99()).isNull();
    }

    @Test
    void shouldSkipAnUnreadableFileWithAWarning() throws IOException {
        FixtureProject project =
                new FixtureProject(temp).benchmarks().write("benchmarks/target/results/broken.json", "{ not json");
        ReadContext context = context(project);

        BenchmarkRun run = read(project, context);

        assertThat(run.throughput()).hasSize(16);
        assertThat(context.warnings()).singleElement().asString().contains("broken.json");
    }

    @Test
    void shouldReturnNullWithoutResults() throws IOException {
        FixtureProject project = new FixtureProject(temp);
        assertThat(read(project, context(project))).isNull();
        Files.createDirectories(project.root().resolve("benchmarks/target/results"));
        assertThat(read(project, context(project))).isNull();
    }
}
