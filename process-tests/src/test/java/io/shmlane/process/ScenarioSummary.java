package io.shmlane.process;

import io.shmlane.results.Outcome;
import io.shmlane.results.ProcessSummary;
import io.shmlane.results.ResultFiles;
import io.shmlane.results.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The counts of one scenario run, collected while it runs, then written as a {@link ScenarioResult} to {@code
 * target/process-summary/<scenario>.json} and gathered into {@code target/process-summary.json} (a {@link
 * ProcessSummary}); the schema is in the module's README.
 */
final class ScenarioSummary {
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

    /** The scenario's record, as it goes into its file. */
    ScenarioResult result(
            final long seed,
            final int scale,
            final double seconds,
            final Outcome outcome,
            final String failure,
            final Path logDir) {
        return new ScenarioResult(
                ResultFiles.SCHEMA_VERSION,
                scenario,
                testClass,
                testMethod,
                channel,
                outcome,
                failure,
                messages,
                lost,
                duplicated,
                reordered,
                torn,
                redelivered,
                kills,
                Math.round(seconds * 1000) / 1000.0,
                seed,
                scale,
                System.getProperty("java.version"),
                logDir.toString(),
                new LinkedHashMap<>(details));
    }

    /** Writes this scenario's file and rewrites the combined file from all scenario files. */
    static void write(final Path directory, final Path combined, final String fileName, final ScenarioResult result) {
        try {
            ResultFiles.write(directory.resolve(fileName), result);
            List<ScenarioResult> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    all.add(ResultFiles.read(p, ScenarioResult.class));
                }
            }
            ResultFiles.write(combined, new ProcessSummary(ResultFiles.SCHEMA_VERSION, all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario summary to " + directory, e);
        }
    }
}
