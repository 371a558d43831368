package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.bench.jmh.ChannelBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                "--results=" + results,
                "--dir=" + channels);
        assertThat(status).as(log()).isZero();

        List<Map<String, Object>> throughput = resultsOf("throughput.json");
        assertThat(throughput)
                .as("cases: every transport at both sizes, naive only at 32 B")
                .hasSize(11);
        for (Map<String, Object> c : throughput) {
            String name = c.get("transport") + " at " + c.get("payloadBytes") + " B";
            assertThat((Double) c.get("sent")).as(name + " sent").isPositive();
            if (!"naive".equals(c.get("transport"))) {
                assertThat(c.get("verified")).as(name + " verified").isEqualTo(Boolean.TRUE);
                assertThat(c.get("received")).as(name + " received").isEqualTo(c.get("sent"));
            }
            // a rate needs two timestamps in the window, which a loaded machine may not give in 50 ms
            assertThat(c).containsKeys("messagesPerSecond", "megabytesPerSecondMin", "messagesPerSecondRuns");
        }

        List<Map<String, Object>> latency = resultsOf("latency.json");
        assertThat(latency)
                .extracting(c -> c.get("transport"))
                .hasSize(Transport.all().size());
        for (Map<String, Object> c : latency) {
            assertThat((Double) c.get("samples"))
                    .as(c.get("transport") + " samples")
                    .isPositive();
            assertThat((Double) c.get("badEchoes"))
                    .as(c.get("transport") + " bad echoes")
                    .isZero();
            assertThat((Double) c.get("p50")).isLessThanOrEqualTo((Double) c.get("p99"));
        }

        assertThat(resultsOf("ratios.json", "ratios"))
                .extracting(r -> r.get("name"))
                .contains(
                        "shmlane-ring / agrona throughput, 32 B",
                        "shmlane-ring / uds throughput, 32 B",
                        "shmlane-ring RTT p50 / raw-cache-line RTT p50");
        assertThat(Files.readString(results.resolve("summary.txt"))).contains("shmlane-ring", "raw-cache-line");
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
        Map<String, Object> ring = resultsOf("throughput.json").get(0);
        assertThat(ring.get("verified")).isEqualTo(Boolean.TRUE);
        assertThat((Double) ring.get("sent")).isPositive();
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

    private int run(final String... args) {
        PrintStream saved = System.out;
        try (PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            return BenchMain.run(args, capture);
        } finally {
            System.setOut(saved);
        }
    }

    private String log() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private List<Map<String, Object>> resultsOf(final String file) throws Exception {
        return resultsOf(file, "results");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> resultsOf(final String file, final String key) throws Exception {
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(results.resolve(file)));
        assertThat(json.get("schema")).isEqualTo(BenchMain.SCHEMA);
        return (List<Map<String, Object>>) json.get(key);
    }
}
