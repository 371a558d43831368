package io.shmlane.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.BenchmarkRun.Allocation;
import io.shmlane.reports.model.BenchmarkRun.Latency;
import io.shmlane.reports.model.BenchmarkRun.Ratio;
import io.shmlane.reports.model.BenchmarkRun.Throughput;
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
 * writes them ({@code "schema": "shmlane-benchmarks/1"}, one file per {@code kind}: {@code throughput}, {@code
 * latency}, {@code allocation} with a {@code results} array, {@code ratios} with a {@code ratios} array). A file may
 * also hold named sections ({@code throughput}, {@code latency}, {@code ratios}, {@code allocation} arrays) side by
 * side. Everything but the transport, payload and numbers is optional; see {@code reports/README.md}.
 */
public final class BenchmarkReader {
    /** The layout version this reader was written for. */
    static final int KNOWN_SCHEMA = 1;

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
                JsonNode root = Json.MAPPER.readTree(file.toFile());
                // JMH's own jmh.json (an array) lies in the same directory: not a results file of the suite
                if (root != null && root.isObject()) {
                    sections.add(root, file, context);
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
                List.copyOf(sections.allocation));
    }

    /** The sections of all files, put together. */
    private static final class Sections {
        private final List<String> names = new ArrayList<>();
        private final List<Throughput> throughput = new ArrayList<>();
        private final List<Latency> latency = new ArrayList<>();
        private final List<Ratio> ratios = new ArrayList<>();
        private final List<Allocation> allocation = new ArrayList<>();
        private String machine;
        private Instant newest;
        private boolean stale = true;

        void add(final JsonNode root, final Path file, final ReadContext context) {
            long schema = schema(root);
            if (schema > KNOWN_SCHEMA) {
                context.warn(context.display(file) + " has layout version " + schema + "; this report knows "
                        + KNOWN_SCHEMA + " and shows what it recognizes");
            }
            names.add(context.display(file));
            Instant modified = ReadContext.modified(file);
            stale = stale && context.isStale(modified);
            if (modified != null && (newest == null || modified.isAfter(newest))) {
                newest = modified;
            }
            if (machine == null) {
                machine = machine(root);
            }
            String kind = Json.text(root, "kind");
            String unit = Json.text(root, "unit");
            for (JsonNode node : section(root, kind, "throughput")) {
                throughput.add(throughput(node));
            }
            for (JsonNode node : section(root, kind, "latency")) {
                latency.add(latency(node, unit));
            }
            for (JsonNode node : Json.array(root, "ratios")) {
                ratios.add(new Ratio(
                        Json.text(node, "name"),
                        Json.decimalOrNull(node, "value"),
                        Json.text(node, "goal"),
                        node.has("met") && node.get("met").isBoolean()
                                ? node.get("met").asBoolean()
                                : null,
                        Json.text(node, "meaning")));
            }
            for (JsonNode node : section(root, kind, "allocation")) {
                allocation.add(new Allocation(
                        Json.text(node, "benchmark"),
                        Json.decimal(node, "bytesPerOp", 0),
                        Json.decimalOrNull(node, "nanosPerOp")));
            }
        }
    }

    /** The array named {@code name}, or {@code results} when the file's kind is {@code name}. */
    private static List<JsonNode> section(final JsonNode root, final String kind, final String name) {
        List<JsonNode> nodes = new ArrayList<>(Json.array(root, name));
        if (name.equals(kind)) {
            nodes.addAll(Json.array(root, "results"));
        }
        return nodes;
    }

    /** {@code "shmlane-benchmarks/1"}, {@code 1} or a {@code schemaVersion} of 1: 1. */
    private static long schema(final JsonNode root) {
        String schema = Json.text(root, "schema");
        if (schema != null) {
            String version = schema.substring(schema.lastIndexOf('/') + 1);
            try {
                return Long.parseLong(version);
            } catch (NumberFormatException e) {
                return KNOWN_SCHEMA;
            }
        }
        return Json.number(root, "schemaVersion", KNOWN_SCHEMA);
    }

    /** The machine in words: a text, or an object with a {@code description}. */
    private static String machine(final JsonNode root) {
        JsonNode machine = root.get("machine");
        if (machine == null || machine.isNull()) {
            return null;
        }
        return machine.isObject() ? Json.text(machine, "description") : machine.asText();
    }

    private static Throughput throughput(final JsonNode node) {
        int payload = (int) Json.number(node, "payloadBytes", 0);
        Double rate = Json.decimalOrNull(node, "messagesPerSecond");
        Double megabytes = Json.decimalOrNull(node, "megabytesPerSecond");
        if (megabytes == null && rate != null) {
            megabytes = rate * payload / 1e6;
        }
        return new Throughput(
                Json.text(node, "transport"),
                payload,
                rate,
                Json.decimalOrNull(node, "messagesPerSecondMin"),
                Json.decimalOrNull(node, "messagesPerSecondMax"),
                megabytes,
                Json.intOrNull(node, "runs"),
                Json.numberOrNull(node, "lost"),
                node.has("verified") && node.get("verified").isBoolean()
                        ? node.get("verified").asBoolean()
                        : null);
    }

    private static Latency latency(final JsonNode node, final String fileUnit) {
        String unit = Json.text(node, "unit");
        unit = unit != null ? unit : fileUnit;
        double toNanos =
                switch (unit == null ? "ns" : unit.toLowerCase(Locale.ROOT)) {
                    case "us", "µs", "micros", "microseconds" -> 1e3;
                    case "ms", "millis", "milliseconds" -> 1e6;
                    default -> 1;
                };
        Double p999 = Json.decimalOrNull(node, "p999");
        return new Latency(
                Json.text(node, "transport"),
                (int) Json.number(node, "payloadBytes", 0),
                scaled(Json.decimalOrNull(node, "p50"), toNanos),
                scaled(Json.decimalOrNull(node, "p90"), toNanos),
                scaled(Json.decimalOrNull(node, "p99"), toNanos),
                scaled(p999 != null ? p999 : Json.decimalOrNull(node, "p99.9"), toNanos),
                scaled(Json.decimalOrNull(node, "max"), toNanos),
                Json.numberOrNull(node, "samples"),
                Json.text(node, "waiting"));
    }

    private static Double scaled(final Double value, final double factor) {
        return value == null ? null : value * factor;
    }
}
