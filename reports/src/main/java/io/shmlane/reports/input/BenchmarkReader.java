package io.shmlane.reports.input;

import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.BenchmarkRun.Allocation;
import io.shmlane.reports.model.BenchmarkRun.Cpu;
import io.shmlane.reports.model.BenchmarkRun.Latency;
import io.shmlane.reports.model.BenchmarkRun.Ratio;
import io.shmlane.reports.model.BenchmarkRun.Throughput;
import io.shmlane.results.BenchmarkResults;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the benchmark results: every {@code *.json} of {@code benchmarks/target/results/}, as the benchmarks module
 * writes them ({@link io.shmlane.results.BenchmarkResults}, one file per {@code kind}: {@code throughput}, {@code
 * latency}, {@code allocation} with a {@code results} array, {@code ratios} with a {@code ratios} array, {@code cpu}
 * with a {@code cpu} array). A file may also hold named sections ({@code throughput}, {@code latency}, {@code
 * ratios}, {@code allocation}, {@code cpu} arrays) side by side. Everything but the transport, payload and numbers is optional; see {@code reports/README.md}.
 */
public final class BenchmarkReader {
    private BenchmarkReader() {}

    /**
     * Reads the results directory.
     *
     * @return the results, null when the directory has no readable JSON file
     */
    public static BenchmarkRun read(final Path results, final ReadContext context) throws IOException {
        if (!Files.isDirectory(results)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(results)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        Sections sections = new Sections();
        for (Path file : files) {
            try {
                // JMH's own jmh.json (an array) lies in the same directory: not a results file of the suite
                if (ResultFiles.holdsObject(file)) {
                    sections.add(ResultFiles.read(file, BenchmarkResults.class), file, context);
                }
            } catch (IOException e) {
                context.warn("cannot read benchmark results " + context.display(file) + ": " + e.getMessage());
            }
        }
        if (sections.names.isEmpty()) {
            return null;
        }
        return new BenchmarkRun(
                sections.stale,
                sections.newest == null ? null : sections.newest.toString(),
                List.copyOf(sections.names),
                sections.machine,
                List.copyOf(sections.throughput),
                List.copyOf(sections.latency),
                List.copyOf(sections.ratios),
                List.copyOf(sections.allocation),
                List.copyOf(sections.cpu));
    }

    /** The sections of all files, put together. */
    private static final class Sections {
        private final List<String> names = new ArrayList<>();
        private final List<Throughput> throughput = new ArrayList<>();
        private final List<Latency> latency = new ArrayList<>();
        private final List<Ratio> ratios = new ArrayList<>();
        private final List<Allocation> allocation = new ArrayList<>();
        private final List<Cpu> cpu = new ArrayList<>();
        private String machine;
        private Instant newest;
        private boolean stale = true;

        void add(final BenchmarkResults root, final Path file, final ReadContext context) {
            if (root.schemaVersion() > ResultFiles.SCHEMA_VERSION) {
                context.warn(context.display(file) + " has layout version " + root.schemaVersion()
                        + "; this report knows " + ResultFiles.SCHEMA_VERSION + " and shows what it recognizes");
            }
            names.add(context.display(file));
            Instant modified = ReadContext.modified(file);
            stale = stale && context.isStale(modified);
            if (modified != null && (newest == null || modified.isAfter(newest))) {
                newest = modified;
            }
            if (machine == null && root.machine() != null) {
                machine = root.machine().description();
            }
            for (BenchmarkResults.Throughput t : orEmpty(root.throughput())) {
                throughput.add(throughput(t));
            }
            for (BenchmarkResults.Latency l : orEmpty(root.latency())) {
                latency.add(latency(l, root.unit()));
            }
            for (BenchmarkResults.Ratio r : orEmpty(root.ratios())) {
                ratios.add(new Ratio(r.name(), r.value(), r.goal(), r.met(), r.meaning()));
            }
            for (BenchmarkResults.Allocation a : orEmpty(root.allocation())) {
                allocation.add(new Allocation(a.benchmark(), a.bytesPerOp(), a.nanosPerOp()));
            }
            for (BenchmarkResults.CpuCost c : orEmpty(root.cpu())) {
                cpu.add(new Cpu(
                        c.subject(),
                        c.phase(),
                        c.payloadBytes(),
                        c.nanosPerMessage(),
                        c.reference(),
                        c.ratio(),
                        c.ratioLow(),
                        c.ratioHigh()));
            }
        }
    }

    private static <T> List<T> orEmpty(final List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Throughput throughput(final BenchmarkResults.Throughput t) {
        Double megabytes = t.megabytesPerSecond();
        if (megabytes == null && t.messagesPerSecond() != null) {
            megabytes = t.messagesPerSecond() * t.payloadBytes() / 1e6;
        }
        return new Throughput(
                t.transport(),
                t.payloadBytes(),
                t.messagesPerSecond(),
                t.messagesPerSecondMin(),
                t.messagesPerSecondMax(),
                megabytes,
                t.runs(),
                t.lost(),
                t.verified());
    }

    private static Latency latency(final BenchmarkResults.Latency l, final String fileUnit) {
        String unit = l.unit() != null ? l.unit() : fileUnit;
        double toNanos =
                switch (unit == null ? "ns" : unit.toLowerCase(Locale.ROOT)) {
                    case "us", "µs", "micros", "microseconds" -> 1e3;
                    case "ms", "millis", "milliseconds" -> 1e6;
                    default -> 1;
                };
        return new Latency(
                l.transport(),
                l.payloadBytes(),
                scaled(l.p50(), toNanos),
                scaled(l.p90(), toNanos),
                scaled(l.p99(), toNanos),
                scaled(l.p999(), toNanos),
                scaled(l.max(), toNanos),
                l.samples(),
                l.waiting());
    }

    private static Double scaled(final Double value, final double factor) {
        return value == null ? null : value * factor;
    }
}
