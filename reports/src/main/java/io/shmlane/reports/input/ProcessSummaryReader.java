package io.shmlane.reports.input;

import io.shmlane.reports.model.KeyValue;
import io.shmlane.reports.model.Link;
import io.shmlane.reports.model.ProcessRun;
import io.shmlane.reports.model.Scenario;
import io.shmlane.results.Outcome;
import io.shmlane.results.ProcessSummary;
import io.shmlane.results.ResultFiles;
import io.shmlane.results.ScenarioResult;
import io.shmlane.testsupport.SafeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the process scenarios' summaries written by {@code process-tests} (documented in {@code
 * process-tests/README.md}): one file per scenario under {@code target/process-summary/}, each with its own time (so a
 * scenario left from an earlier build is told apart), else the combined {@code target/process-summary.json}. Copies
 * each scenario's log directory next to the page.
 */
public final class ProcessSummaryReader {
    /** The per-scenario directory, relative to the module's {@code target}. */
    static final String SCENARIO_DIRECTORY = "process-summary";
    /** The combined file, relative to the module's {@code target}. */
    static final String COMBINED_FILE = "process-summary.json";
    /** Where the logs are copied, relative to the report directory. */
    static final String LOG_TARGET = "process-logs";

    private ProcessSummaryReader() {}

    /**
     * Reads the scenarios under {@code target}.
     *
     * @return the scenarios, null when there is no summary at all
     */
    public static ProcessRun read(final Path target, final ReadContext context) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        List<String> missingLogs = new ArrayList<>();
        Instant newest = null;
        Path directory = target.resolve(SCENARIO_DIRECTORY);
        Path combined = target.resolve(COMBINED_FILE);
        List<Path> files = List.of();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> list = Files.list(directory)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .toList();
            }
        }
        if (!files.isEmpty()) {
            for (Path file : files) {
                Instant modified = ReadContext.modified(file);
                newest = newer(newest, modified);
                scenarios.add(scenario(
                        ResultFiles.read(file, ScenarioResult.class),
                        target,
                        context,
                        context.isStale(modified),
                        missingLogs));
            }
        } else if (Files.isRegularFile(combined)) {
            Instant modified = ReadContext.modified(combined);
            newest = modified;
            List<ScenarioResult> all =
                    ResultFiles.read(combined, ProcessSummary.class).scenarios();
            for (ScenarioResult result : all == null ? List.<ScenarioResult>of() : all) {
                scenarios.add(scenario(result, target, context, context.isStale(modified), missingLogs));
            }
        } else {
            return null;
        }
        if (!missingLogs.isEmpty()) {
            context.warn("the logs of " + missingLogs.size() + " scenario(s) are gone, e.g. " + missingLogs.get(0));
        }
        scenarios.sort(Comparator.comparing((Scenario s) -> !s.failed()).thenComparing(Scenario::scenario));
        boolean stale = scenarios.stream().allMatch(Scenario::stale);
        return new ProcessRun(stale, newest == null ? null : newest.toString(), List.copyOf(scenarios));
    }

    private static Scenario scenario(
            final ScenarioResult result,
            final Path target,
            final ReadContext context,
            final boolean stale,
            final List<String> missingLogs) {
        String testClass = result.testClass();
        String testMethod = result.testMethod();
        String name = result.scenario();
        if (name == null) {
            name = (testClass == null ? "?" : testClass) + "." + (testMethod == null ? "?" : testMethod);
        }
        return new Scenario(
                name,
                Anchors.of("process", name),
                testClass,
                testMethod,
                result.channel(),
                word(result.outcome()),
                result.failure(),
                result.messages(),
                result.lost(),
                result.duplicated(),
                result.reordered(),
                result.torn(),
                result.redelivered(),
                result.kills(),
                result.seconds(),
                result.seed(),
                result.scale(),
                result.java(),
                stale,
                logs(result.logDir(), testClass, target, context, missingLogs),
                details(result.details()));
    }

    /** The outcome as the page shows a scenario's: {@code passed}, {@code failed}, {@code skipped}. */
    static String word(final Outcome outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case SKIPPED -> "skipped";
            default -> outcome.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The scenario's log directory as recorded, else the same directory under this checkout's module. */
    private static List<Link> logs(
            final String recorded,
            final String testClass,
            final Path target,
            final ReadContext context,
            final List<String> missingLogs) {
        if (recorded == null) {
            return List.of();
        }
        Path directory;
        try {
            directory = Path.of(recorded);
        } catch (InvalidPathException e) {
            return List.of();
        }
        Path name = directory.getFileName();
        if (!Files.isDirectory(directory) && name != null) {
            Path moved = target.resolve("process-logs");
            directory = testClass == null
                    ? moved.resolve(name)
                    : moved.resolve(testClass).resolve(name);
        }
        if (!Files.isDirectory(directory) || name == null) {
            missingLogs.add(recorded);
            return List.of();
        }
        String group = testClass == null ? "scenario" : testClass;
        return List.copyOf(context.artifacts()
                .copyLogs(directory, LOG_TARGET + "/" + SafeNames.of(group) + "/" + SafeNames.of(name.toString())));
    }

    private static List<KeyValue> details(final Map<String, Object> details) {
        List<KeyValue> list = new ArrayList<>();
        if (details == null) {
            return list;
        }
        for (Map.Entry<String, Object> field : details.entrySet()) {
            Object value = field.getValue();
            String text;
            if (value instanceof List<?> values) {
                List<String> parts = new ArrayList<>();
                values.forEach(v -> parts.add(text(v)));
                text = String.join(", ", parts);
            } else {
                text = text(value);
            }
            list.add(new KeyValue(field.getKey(), text));
        }
        return List.copyOf(list);
    }

    /** A value as text: {@code null} for null. */
    private static String text(final Object value) {
        return String.valueOf(value);
    }

    private static Instant newer(final Instant a, final Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
