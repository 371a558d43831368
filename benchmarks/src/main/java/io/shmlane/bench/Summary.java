package io.shmlane.bench;

import io.shmlane.results.BenchmarkResults;
import io.shmlane.results.Environment;
import java.util.List;
import java.util.Locale;

/** The results as a plain-text table ({@code summary.txt}, also printed at the end of a run). */
public final class Summary {
    private Summary() {}

    /** Any of the lists may be null (not measured in this run). */
    public static String format(
            final Environment machine,
            final Settings settings,
            final List<ThroughputSuite.Case> throughput,
            final List<LatencySuite.Case> latency,
            final List<Ratios.Ratio> ratios,
            final List<CpuSuite.Case> cpu,
            final List<JmhSuite.Allocation> allocation) {
        StringBuilder out = new StringBuilder();
        out.append("shmlane benchmarks on ").append(machine.description()).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "load average (1 min) at start: %.2f%n",
                machine.loadAverage1m() == null ? Double.valueOf(Double.NaN) : machine.loadAverage1m()));
        if (throughput != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nThroughput, producer JVM -> consumer JVM: median of %d runs [min .. max], %.1f s warm-up left"
                            + " out, %.1f s measured%n",
                    settings.runs(),
                    settings.warmupNanos() / 1e9,
                    settings.durationNanos() / 1e9));
            out.append(String.format(
                    Locale.ROOT,
                    "%-18s %7s  %-30s %-26s %s%n",
                    "transport",
                    "payload",
                    "M msgs/s  [min .. max]",
                    "MB/s  [min .. max]",
                    "lost/run"));
            for (ThroughputSuite.Case c : throughput) {
                BenchmarkResults.Throughput j = c.toResult();
                out.append(String.format(
                        Locale.ROOT,
                        "%-18s %5d B  %8.3f  [%7.3f .. %7.3f]   %8.1f [%7.1f .. %7.1f]   %s%s%n",
                        c.transport().label(),
                        c.payload(),
                        j.messagesPerSecond() / 1e6,
                        j.messagesPerSecondMin() / 1e6,
                        j.messagesPerSecondMax() / 1e6,
                        j.megabytesPerSecond(),
                        j.megabytesPerSecondMin(),
                        j.megabytesPerSecondMax(),
                        c.transport() == Transport.NAIVE
                                ? String.format(
                                        Locale.ROOT,
                                        "%,d (%.1f%% of all sent)",
                                        j.lost(),
                                        100.0 * (j.sent() - j.received()) / Math.max(1, j.sent()))
                                : (c.verified() ? "0 (verified)" : "NOT VERIFIED: see the logs"),
                        retried(j)));
            }
        }
        if (throughput != null) {
            out.append(probes(throughput));
        }
        if (latency != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nRound trip (ping-pong between two JVMs), ns: %d runs x %.1f s recorded after %.1f s warm-up,"
                            + " all round trips together%n",
                    settings.latencyRuns(),
                    settings.latencyDurationNanos() / 1e9,
                    settings.latencyWarmupNanos() / 1e9));
            out.append(String.format(
                    Locale.ROOT,
                    "%-18s %7s %9s %9s %9s %9s %11s %12s  %-18s %s%n",
                    "transport",
                    "payload",
                    "p50",
                    "p90",
                    "p99",
                    "p99.9",
                    "max",
                    "round trips",
                    "p50 per run",
                    "waiting"));
            for (LatencySuite.Case c : latency) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-18s %5d B %9.0f %9.0f %9.0f %9.0f %11d %12d  %-18s %s%s%n",
                        c.transport().label(),
                        c.payload(),
                        c.percentile(50),
                        c.percentile(90),
                        c.percentile(99),
                        c.percentile(99.9),
                        c.histogram().getMaxValue(),
                        c.histogram().getTotalCount(),
                        runs(c.runP50()),
                        c.transport().sharedMemory() ? "busy-spin" : "blocking",
                        (c.badEchoes() > 0 ? "  BAD ECHOES: " + c.badEchoes() : "")
                                + (c.retries() > 0 ? "  (" + c.retries() + " disturbed runs repeated)" : "")));
            }
            if (latency.stream().anyMatch(c -> !c.runP50OverOwnRaw().isEmpty())) {
                out.append(
                        String.format(
                                "%nEach run's p50 over the raw round trip of its own two JVMs (probed before and after it):%n"));
                for (LatencySuite.Case c : latency) {
                    List<Double> own = c.runP50OverOwnRaw();
                    if (!own.isEmpty()) {
                        StringBuilder runs = new StringBuilder();
                        for (Double v : own) {
                            runs.append(runs.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", v));
                        }
                        out.append(String.format(
                                Locale.ROOT,
                                "%-18s %-40s median %.2f%n",
                                c.transport().label(),
                                runs,
                                Stats.median(own)));
                    }
                }
            }
        }
        if (ratios != null && !ratios.isEmpty()) {
            out.append(String.format("%nRatios (same run)%n"));
            for (Ratios.Ratio r : ratios) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-54s %7.2f  %s%n",
                        r.name(),
                        r.value(),
                        (r.goal() == null ? "" : "goal " + r.goal() + ": " + (r.met() ? "met" : "NOT MET"))
                                + (r.runs() == null || r.runs().isEmpty()
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                "   [%.2f .. %.2f] run by run %s",
                                                Stats.min(r.runs()),
                                                Stats.max(r.runs()),
                                                r.runs()))));
            }
        }
        if (cpu != null && !cpu.isEmpty()) {
            out.append(cpu(cpu));
        }
        if (allocation != null) {
            out.append(String.format("%nJMH, one thread, -prof gc (gc.alloc.rate.norm)%n"));
            out.append(String.format(Locale.ROOT, "%-40s %10s %16s%n", "benchmark", "B/op", "ns/op"));
            for (JmhSuite.Allocation a : allocation) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-40s %10.3f %9.2f ± %.2f%n",
                        a.benchmark(),
                        a.bytesPerOp(),
                        a.nanosPerOp(),
                        a.nanosPerOpError()));
            }
        }
        return out.toString();
    }

    /** The CPU comparison: per subject and size, each phase's median and its ratio to the reference. */
    private static String cpu(final List<CpuSuite.Case> cpu) {
        StringBuilder out = new StringBuilder();
        List<BenchmarkResults.CpuCost> results = CpuSuite.toResults(cpu);
        out.append(String.format(
                Locale.ROOT,
                "%nCPU per message in one thread, ns: median of %d slices from a few JVMs; x ratio to %s slice by slice, median"
                        + " [p10 .. p90]%n",
                results.get(0).slices(),
                CpuSuite.REFERENCE));
        out.append(String.format(
                Locale.ROOT, "%-22s %7s  %-28s %-28s %s%n", "subject", "payload", "offer", "poll", "offer+poll"));
        for (int i = 0; i < results.size(); i += CpuSuite.PHASES.size()) {
            BenchmarkResults.CpuCost first = results.get(i);
            StringBuilder line = new StringBuilder(
                    String.format(Locale.ROOT, "%-22s %5d B ", first.subject(), first.payloadBytes()));
            for (int p = 0; p < CpuSuite.PHASES.size(); p++) {
                BenchmarkResults.CpuCost c = results.get(i + p);
                String cell = c.ratio() == null
                        ? String.format(Locale.ROOT, "%7.1f", c.nanosPerMessage())
                        : String.format(
                                Locale.ROOT,
                                "%7.1f x%.2f [%.2f .. %.2f]",
                                c.nanosPerMessage(),
                                c.ratio(),
                                c.ratioLow(),
                                c.ratioHigh());
                line.append(String.format(Locale.ROOT, " %-28s", cell));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The machine-state probes of each pair, by size and round; empty when there were none. */
    private static String probes(final List<ThroughputSuite.Case> throughput) {
        StringBuilder out = new StringBuilder();
        java.util.Set<Integer> sizes = new java.util.LinkedHashSet<>();
        for (ThroughputSuite.Case c : throughput) {
            if (sizes.add(c.payload())) {
                StringBuilder line = new StringBuilder();
                boolean any = false;
                for (ThroughputSuite.Sample s : c.samples()) {
                    any |= !Double.isNaN(s.probeBefore());
                    line.append(line.length() == 0 ? "" : ", ")
                            .append(Math.round(s.probeBefore()))
                            .append("->")
                            .append(Math.round(s.probeAfter()));
                }
                if (any) {
                    out.append(String.format(Locale.ROOT, "  %5d B  %s%n", c.payload(), line));
                }
            }
        }
        return out.length() == 0
                ? ""
                : "machine state: raw cache-line round trip p50 (ns) before->after each pair, by round\n" + out;
    }

    private static String retried(final BenchmarkResults.Throughput result) {
        int retries = result.retries();
        return retries == 0 ? "" : "  (" + retries + " disturbed runs repeated)";
    }

    private static String runs(final List<Double> values) {
        StringBuilder s = new StringBuilder();
        for (Double v : values) {
            s.append(s.length() == 0 ? "" : "/").append(Math.round(v));
        }
        return s.toString();
    }
}
