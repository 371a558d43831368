package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.bench.jmh.ChannelBenchmark;
import io.shmlane.results.BenchmarkResults;
import io.shmlane.results.ResultFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A few seconds that prove the benchmark harness still works; it measures nothing. Every transport
 * streams and ping-pongs for a few milliseconds (sides as threads, to skip JVM start-up), and the
 * results files must say that every message of a lossless channel arrived once, in order, whole. One
 * case runs with forked JVMs, as the real run does. The full run is {@code java -jar
 * target/benchmarks.jar all} (README.md).
 */
class BenchmarksSmokeTest {
    @TempDir
    Path results;

    @TempDir
    Path channels;

    @Test
    void shouldDeliverEveryMessageOfEveryLosslessTransportAndWriteTheResults() throws Exception {
        int status = run(
                "all",
                "--threads",
                "--skip-jmh",
                "--runs=1",
                "--sizes=32,4096",
                "--warmup=0",
                "--duration=0.05",
                "--latency-runs=1",
                "--latency-warmup=0",
                "--latency-duration=0.05",
                "--mark-shift=4",
                "--probe=0.02",
                "--cpu-sizes=32,4096",
                "--cpu-forks=1",
                "--cpu-warmup=0",
                "--cpu-slices=2",
                "--cpu-messages=2000",
                "--results=" + results,
                "--dir=" + channels);
        assertThat(status).as(log()).isZero();

        List<BenchmarkResults.Throughput> throughput =
                resultsOf("throughput.json").throughput();
        assertThat(throughput)
                .as("cases: every transport at both sizes, naive only at 32 B")
                .hasSize(11);
        for (BenchmarkResults.Throughput c : throughput) {
            String name = c.transport() + " at " + c.payloadBytes() + " B";
            assertThat(c.sent()).as(name + " sent").isPositive();
            if (!"naive".equals(c.transport())) {
                assertThat(c.verified()).as(name + " verified").isTrue();
                assertThat(c.received()).as(name + " received").isEqualTo(c.sent());
            }
            // a rate needs two timestamps in the window, which a loaded machine may not give in 50 ms
            assertThat(c.messagesPerSecondRuns()).as(name + " runs").hasSize(1);
            if (Transport.named(c.transport()).sharedMemory()) {
                assertThat(c.pairProbeNanosRuns().get(0))
                        .as(name + ": the raw round trip of its own pair, before and after")
                        .hasSize(2)
                        .allSatisfy(nanos -> assertThat(nanos).isPositive());
            }
        }

        List<BenchmarkResults.Latency> latency = resultsOf("latency.json").latency();
        assertThat(latency)
                .extracting(BenchmarkResults.Latency::transport)
                .hasSize(Transport.all().size());
        for (BenchmarkResults.Latency c : latency) {
            assertThat(c.samples()).as(c.transport() + " samples").isPositive();
            assertThat(c.badEchoes()).as(c.transport() + " bad echoes").isZero();
            assertThat(c.p50()).isLessThanOrEqualTo(c.p99());
            assertThat(c.pairProbeNanosRuns())
                    .as(c.transport() + " pair probes")
                    .hasSize(1);
            if (Transport.named(c.transport()).sharedMemory()) {
                assertThat(c.pairProbeNanosRuns().get(0))
                        .as(c.transport() + ": the raw round trip of its own pair, before and after")
                        .hasSize(2)
                        .allSatisfy(nanos -> assertThat(nanos).isPositive());
            } else {
                assertThat(c.pairProbeNanosRuns().get(0)).as(c.transport()).containsOnlyNulls();
            }
        }

        assertThat(resultsOf("ratios.json").ratios())
                .extracting(BenchmarkResults.Ratio::name)
                .contains(
                        "shmlane-ring / agrona throughput, 32 B",
                        "shmlane-ring / uds throughput, 32 B",
                        "shmlane-ring RTT p50 / raw-cache-line RTT p50");
        List<BenchmarkResults.CpuCost> cpu = resultsOf("cpu.json").cpu();
        assertThat(cpu)
                .as("ring and Agrona at both sizes, three phases each")
                .hasSize(12)
                .allSatisfy(
                        c -> assertThat(c.nanosPerMessage()).as(c.toString()).isPositive());
        assertThat(cpu).filteredOn(c -> c.subject().equals("agrona")).allSatisfy(c -> {
            assertThat(c.reference()).isEqualTo(CpuSuite.REFERENCE);
            assertThat(c.ratio()).as(c.toString()).isPositive();
        });
        assertThat(Files.readString(results.resolve("summary.txt")))
                .contains("shmlane-ring", "raw-cache-line", "CPU per message", "raw round trip of its own two JVMs");
    }

    @Test
    void shouldRunTheRingOfABaselineBuildBesideThisOne() throws Exception {
        Path baseline = Path.of(io.shmlane.ring.RingProducer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        int status = run(
                "cpu",
                "--threads",
                "--baseline=" + baseline,
                "--cpu-sizes=64",
                "--cpu-forks=2",
                "--cpu-warmup=0",
                "--cpu-slices=2",
                "--cpu-messages=1000",
                "--results=" + results);
        assertThat(status).as(log()).isZero();
        assertThat(resultsOf("cpu.json").cpu())
                .filteredOn(c -> c.subject().equals("shmlane-ring@baseline"))
                .as("the baseline's three phases, each from 2 JVMs x 2 slices, against this build's ring")
                .hasSize(3)
                .allSatisfy(c -> {
                    assertThat(c.slices()).isEqualTo(4);
                    assertThat(c.ratio()).isPositive();
                });
    }

    @Test
    void shouldRefuseABaselineThatIsNotThere() {
        int status = run("cpu", "--threads", "--baseline=" + results.resolve("missing.jar"), "--results=" + results);
        assertThat(status).isEqualTo(2);
        assertThat(log()).contains("--baseline", "missing.jar", "does not exist", "give the jar of another build");
    }

    @Test
    void shouldRefuseABaselineWithoutTheRingRatherThanCompareThisBuildWithItself() throws Exception {
        Path notABuild = results.resolve("other.jar");
        try (java.util.zip.ZipOutputStream jar = new java.util.zip.ZipOutputStream(Files.newOutputStream(notABuild))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("org/example/Other.class"));
            jar.closeEntry();
        }
        Path garbage = Files.writeString(results.resolve("garbage.jar"), "not a zip");

        assertThat(run("cpu", "--threads", "--baseline=" + notABuild, "--results=" + results))
                .isEqualTo(2);
        assertThat(run("cpu", "--threads", "--baseline=" + garbage, "--results=" + results))
                .isEqualTo(2);
        assertThat(run("cpu", "--threads", "--baseline=" + results, "--results=" + results))
                .as("a directory without the classes")
                .isEqualTo(2);

        assertThat(log())
                .contains("other.jar has no io/shmlane/ring/RingProducer.class")
                .contains("garbage.jar is not a jar")
                .contains(results + " has no io/shmlane/ring/RingProducer.class");
    }

    @Test
    void shouldRunASideInItsOwnJvm() throws Exception {
        int status = run(
                "throughput",
                "--runs=1",
                "--sizes=32",
                "--transports=ring",
                "--retries=0",
                "--warmup=0",
                "--duration=0.05",
                "--mark-shift=4",
                "--results=" + results,
                "--dir=" + channels);
        assertThat(status).as(log()).isZero();
        BenchmarkResults.Throughput ring =
                resultsOf("throughput.json").throughput().get(0);
        assertThat(ring.verified()).isTrue();
        assertThat(ring.sent()).isPositive();
    }

    @Test
    void shouldRunEveryJmhBenchmarkWithoutFillingTheRings() throws Exception {
        assertThat(getClass().getClassLoader().getResource("META-INF/BenchmarkList"))
                .as("the JMH annotation processor ran")
                .isNotNull();
        ChannelBenchmark benchmark = new ChannelBenchmark();
        benchmark.payload = 32;
        benchmark.setUp();
        int methods = 0;
        for (Method method : ChannelBenchmark.class.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class)) {
                methods++;
                long before = (long) method.invoke(benchmark);
                for (int i = 0; i < 10_000; i++) {
                    method.invoke(benchmark);
                }
                assertThat((long) method.invoke(benchmark))
                        .as(method.getName() + " reads back what it writes")
                        .isNotEqualTo(before);
            }
        }
        assertThat(methods).isGreaterThanOrEqualTo(6);
    }

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** Runs the command line with its output and its errors (picocli's, on stderr) captured. */
    private int run(final String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        try (PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            return BenchMain.run(args, capture);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private String log() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** A results file as the report reads it: in the current schema. */
    private BenchmarkResults resultsOf(final String file) throws Exception {
        BenchmarkResults read = ResultFiles.read(results.resolve(file), BenchmarkResults.class);
        assertThat(read.schemaVersion()).isEqualTo(ResultFiles.SCHEMA_VERSION);
        assertThat(read.machine().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        return read;
    }
}
