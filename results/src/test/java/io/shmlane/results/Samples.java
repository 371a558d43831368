package io.shmlane.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One filled record of every result file, with values that JSON carries exactly (ints, texts, doubles, booleans). */
final class Samples {
    private Samples() {}

    static Environment environment() {
        return new Environment(
                "2 CPUs, AMD EPYC, OpenJDK 17, Linux 6.1",
                "17.0.15",
                "Debian",
                "OpenJDK 64-Bit Server VM",
                "17.0.15+6",
                "/usr/lib/jvm/java-17",
                "Linux",
                "6.1",
                "amd64",
                2,
                "AMD EPYC",
                1.25);
    }

    static JcstressSummary jcstress() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", "ci");
        settings.put("forks", null);
        settings.put("extraArgs", List.of("-v"));
        return new JcstressSummary(
                ResultFiles.SCHEMA_VERSION,
                "2026-11-30T10:00:00Z",
                Outcome.FAIL,
                environment(),
                settings,
                new JcstressSummary.Run(2, 2, 0, 61_000L, "/r/report", "/r/jcstress.log", null, "0.16"),
                List.of("1 test failed"),
                List.of(new JcstressSummary.Test(
                        "io.shmlane.jcstress.ring.RingHandOff.Offer",
                        "a message offered is received whole",
                        false,
                        null,
                        "NORMAL",
                        Outcome.FAIL,
                        "FORBIDDEN outcome \"0, 1\" observed 3 times",
                        true,
                        1_003L,
                        List.of(
                                new JcstressSummary.OutcomeRow("1, 1", true, 1_000, "ACCEPTABLE", "received"),
                                new JcstressSummary.OutcomeRow("0, 1", true, 3, "FORBIDDEN", "torn")),
                        List.of(new JcstressSummary.Configuration(
                                List.of("-XX:-TieredCompilation"), "unified", "NORMAL", Map.of("1, 1", 1_000L))),
                        List.of("a message"))));
    }

    static ScenarioResult scenario(final String name, final Outcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("produced", 5000);
        details.put("lossPercent", 12.24);
        details.put("killPoints", List.of("before-commit", "after-commit"));
        return new ScenarioResult(
                ResultFiles.SCHEMA_VERSION,
                name,
                "NaiveReferenceIT",
                "shouldDetectTheLossesOfTheNaiveReference",
                "naive",
                outcome,
                outcome == Outcome.PASS ? null : "expected 0 lost",
                5000,
                612,
                0,
                0,
                0,
                0,
                1,
                6.132,
                20045899369080L,
                1,
                "17.0.15",
                "/p/process-logs/NaiveReferenceIT/x",
                details);
    }

    static BenchmarkResults benchmarks() {
        return new BenchmarkResults(
                ResultFiles.SCHEMA_VERSION,
                "throughput",
                "2026-11-30T10:00:00Z",
                "2026-11-30T10:03:00Z",
                environment(),
                1.5,
                Map.of("runs", 5),
                "ns",
                null,
                List.of(new BenchmarkResults.Throughput(
                        "shmlane-ring",
                        32,
                        5,
                        1.215e7,
                        1.18e7,
                        1.24e7,
                        388.8,
                        377.6,
                        396.8,
                        List.of(1.215e7),
                        List.of(12.5),
                        List.of(0.98),
                        0,
                        List.of(List.of(61.0, 63.0)),
                        0L,
                        1.3e7,
                        60_000_000L,
                        60_000_000L,
                        true,
                        List.of(List.of(150.0, 160.0)))),
                List.of(new BenchmarkResults.Latency(
                        "shmlane-ring",
                        32,
                        5,
                        1_000_000L,
                        "busy-spin",
                        null,
                        120.0,
                        180.0,
                        210.0,
                        400.0,
                        2_000.0,
                        30_000.0,
                        190.5,
                        List.of(180.0),
                        180.0,
                        180.0,
                        0L,
                        List.of(0.99),
                        0,
                        List.of(List.of(61.0, 62.0)),
                        List.of(List.of(150.0, 151.0)))),
                List.of(new BenchmarkResults.Ratio(
                        "shmlane-ring / agrona throughput, 32 B", 1.04, ">= 0.9", true, "1.0 is as fast", null)),
                List.of(new BenchmarkResults.Allocation("ChannelBenchmark.ringOffer", 0.0, 25.5, 0.4)),
                List.of(new BenchmarkResults.CpuCost(
                        "agrona", "offer", 32, 30, 13.0, 12.5, 14.0, "shmlane-ring", 0.87, 0.84, 0.9)));
    }

    static HuntSummary hunt() {
        HuntSummary.Round round = new HuntSummary.Round(
                "JAVA_HOME=/jdk ./mvnw verify",
                "(cd /w && JAVA_HOME=/jdk ./mvnw verify)",
                "/w/hunt/target/hunt/logs/001.log",
                1,
                Outcome.FAIL,
                List.of("RingTest.shouldWrap"),
                71.402,
                "jdk17",
                "c1",
                "jcstress RingHandOff",
                -3170255458720613962L,
                null);
        PitSummary pit = new PitSummary(
                4,
                2,
                1,
                1,
                1,
                0.5,
                2.0 / 3,
                1,
                List.of(new PitSummary.Unkilled(
                        "SURVIVED",
                        "io.example.Gate",
                        "open",
                        9,
                        "ConditionalsBoundaryMutator",
                        "changed conditional boundary",
                        "return id > expected;",
                        "id == expected returned above")),
                List.of());
        return new HuntSummary(
                ResultFiles.SCHEMA_VERSION,
                "2026-11-30T10:00:00Z",
                "mutants",
                "10m",
                600.212,
                false,
                4197702881913L,
                List.of("jdk17"),
                List.of("default", "c1"),
                "quick",
                List.of(round),
                List.of(new HuntSummary.Mutant(
                        "mailbox-no-ack-wait",
                        "the producer does not wait for the ack",
                        "protocol/src/main/java/io/shmlane/mailbox/MailboxProducer.java",
                        true,
                        null,
                        List.of("unit: MailboxTest.shouldWait"),
                        12.5,
                        List.of(round.asStage("unit")))),
                1.0,
                pit);
    }
}
