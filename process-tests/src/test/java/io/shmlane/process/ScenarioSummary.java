package io.shmlane.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JSON record of one scenario run, written to {@code target/process-summary/<scenario>.json}
 * and gathered into {@code target/process-summary.json}; the schema is in the module's README.
 */
final class ScenarioSummary {
    static final int SCHEMA_VERSION = 1;

    private final String scenario;
    private final String testClass;
    private final String testMethod;
    private String channel;
    private long messages;
    private long lost;
    private long duplicated;
    private long reordered;
    private long torn;
    private long redelivered;
    private long kills;
    private final Map<String, Object> details = new LinkedHashMap<>();

    ScenarioSummary(final String scenario, final String testClass, final String testMethod) {
        this.scenario = scenario;
        this.testClass = testClass;
        this.testMethod = testMethod;
    }

    ScenarioSummary channel(final Lane lane) {
        return channel(lane.cli());
    }

    ScenarioSummary channel(final String name) {
        this.channel = name;
        return this;
    }

    /** Messages the scenario sent and checked. */
    ScenarioSummary messages(final long count) {
        this.messages = count;
        return this;
    }

    /** Copies the counts of a delivery check. */
    ScenarioSummary delivery(final DeliveryReport report) {
        this.lost = report.lost;
        this.duplicated = report.duplicated;
        this.reordered = report.reordered;
        this.torn = report.torn;
        this.redelivered = report.redelivered;
        return this;
    }

    /** Counts from a consumer's own summary line, where no per-message lines were printed. */
    ScenarioSummary counts(final long lostCount, final long duplicatedCount, final long tornCount) {
        this.lost = lostCount;
        this.duplicated = duplicatedCount;
        this.torn = tornCount;
        return this;
    }

    ScenarioSummary kills(final long count) {
        this.kills = count;
        return this;
    }

    ScenarioSummary addKill() {
        this.kills++;
        return this;
    }

    /** A scenario-specific fact (a number, a string, a boolean or a list of them). */
    ScenarioSummary detail(final String key, final Object value) {
        details.put(key, value);
        return this;
    }

    String toJson(
            final long seed,
            final int scale,
            final double seconds,
            final String outcome,
            final String failure,
            final Path logDir) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("schema", SCHEMA_VERSION);
        f.put("scenario", scenario);
        f.put("testClass", testClass);
        f.put("testMethod", testMethod);
        f.put("channel", channel);
        f.put("outcome", outcome);
        f.put("failure", failure);
        f.put("messages", messages);
        f.put("lost", lost);
        f.put("duplicated", duplicated);
        f.put("reordered", reordered);
        f.put("torn", torn);
        f.put("redelivered", redelivered);
        f.put("kills", kills);
        f.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", seconds)));
        f.put("seed", seed);
        f.put("scale", scale);
        f.put("java", System.getProperty("java.version"));
        f.put("logDir", logDir.toString());
        f.put("details", details);
        return json(f, "");
    }

    /** Writes this scenario's file and rewrites the combined file from all scenario files. */
    static void write(final Path directory, final Path combined, final String fileName, final String json) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(fileName), json + "\n", StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .collect(Collectors.toList())) {
                    all.add(Files.readString(p, StandardCharsets.UTF_8).strip());
                }
            }
            String text = "{\n  \"schema\": " + SCHEMA_VERSION + ",\n  \"scenarios\": [\n    "
                    + all.stream().map(s -> s.replace("\n", "\n    ")).collect(Collectors.joining(",\n    "))
                    + "\n  ]\n}\n";
            Files.writeString(combined, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario summary to " + directory, e);
        }
    }

    private static String json(final Object value, final String indent) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                return "{}";
            }
            String inner = indent + "  ";
            return map.entrySet().stream()
                    .map(e -> inner + quote(String.valueOf(e.getKey())) + ": " + json(e.getValue(), inner))
                    .collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(v -> json(v, indent)).collect(Collectors.joining(", ", "[", "]"));
        }
        return quote(value.toString());
    }

    static String quote(final String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
