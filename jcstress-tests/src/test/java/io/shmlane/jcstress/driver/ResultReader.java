package io.shmlane.jcstress.driver;

import io.shmlane.jcstress.driver.TestReport.ConfigurationRow;
import io.shmlane.jcstress.driver.TestReport.OutcomeRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.vm.CompileMode;

/**
 * Reads jcstress's binary results file ({@code jcstress-results-*.bin.gz}, the serialized results of
 * every fork) with jcstress's own classes, and grades each test as jcstress does.
 */
final class ResultReader {
    /** Most lines of messages and VM output kept per test. */
    private static final int MAX_MESSAGES = 40;

    private ResultReader() {}

    /** Every fork's result in {@code file}. */
    static List<TestResult> read(final Path file) throws IOException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(file.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        } finally {
            reader.close();
        }
        return new ArrayList<>(collector.getTestResults());
    }

    /** Reports of the tests in {@code results}, by name, graded; reference flags from {@code catalog}. */
    static SortedMap<String, TestReport> reports(final Collection<TestResult> results, final TestCatalog catalog) {
        Map<String, List<TestResult>> byConfiguration = new TreeMap<>();
        for (TestResult r : ReportUtils.mergedByConfig(results)) {
            byConfiguration.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
        }
        SortedMap<String, TestReport> reports = new TreeMap<>();
        for (TestResult merged : ReportUtils.mergedByName(results)) {
            String name = merged.getName();
            TestCatalog.Entry entry = catalog.entry(name);
            String reference = entry != null ? entry.reference() : null;
            String description = entry != null ? entry.description() : null;
            List<OutcomeRow> rows = outcomeRows(merged);
            String status = merged.status().name();
            reports.put(
                    name,
                    new TestReport(
                            name,
                            description,
                            reference,
                            status,
                            TestReport.decide(status, rows, reference != null),
                            TestReport.reason(status, rows, reference != null),
                            rows.stream()
                                    .anyMatch(
                                            row -> row.samples() > 0 && "ACCEPTABLE_INTERESTING".equals(row.expect())),
                            rows,
                            configurationRows(byConfiguration.getOrDefault(name, List.of())),
                            messages(merged)));
        }
        return reports;
    }

    private static List<OutcomeRow> outcomeRows(final TestResult merged) {
        List<OutcomeRow> rows = new ArrayList<>();
        if (merged.status().name().equals("API_MISMATCH")) {
            return rows;
        }
        TestGrading grading = TestGrading.grade(merged);
        for (GradingResult g : grading.gradingResults.values()) {
            boolean observed = merged.getStateKeys().contains(g.id);
            rows.add(new OutcomeRow(g.id, observed, g.count, g.expect.name(), g.description));
        }
        return rows;
    }

    private static List<ConfigurationRow> configurationRows(final List<TestResult> perConfiguration) {
        List<ConfigurationRow> rows = new ArrayList<>();
        for (TestResult r : perConfiguration) {
            TestConfig config = r.getConfig();
            Map<String, Long> samples = counts(r);
            rows.add(new ConfigurationRow(
                    List.copyOf(config.jvmArgs), compileMode(config), r.status().name(), samples));
        }
        rows.sort((a, b) -> (a.jvmArgs() + a.compileMode()).compareTo(b.jvmArgs() + b.compileMode()));
        return rows;
    }

    private static Map<String, Long> counts(final TestResult r) {
        Map<String, Long> counts = new TreeMap<>();
        for (String state : r.getStateKeys()) {
            counts.put(state, r.getCount(state));
        }
        return counts;
    }

    private static String compileMode(final TestConfig config) {
        int mode = config.getCompileMode();
        if (mode == CompileMode.UNIFIED) {
            return "unified";
        }
        List<String> actors = new ArrayList<>();
        for (int a = 0; a < config.actorNames.size(); a++) {
            String compiler = CompileMode.isInt(mode, a) ? "interpreter" : CompileMode.isC1(mode, a) ? "C1" : "C2";
            actors.add(config.actorNames.get(a) + "=" + compiler);
        }
        return "split: " + String.join(", ", actors);
    }

    private static List<String> messages(final TestResult merged) {
        List<String> messages = new ArrayList<>();
        addSome(messages, "", merged.getMessages());
        addSome(messages, "[vm out] ", merged.getVmOut());
        addSome(messages, "[vm err] ", merged.getVmErr());
        return messages;
    }

    private static void addSome(final List<String> messages, final String prefix, final List<String> lines) {
        int kept = 0;
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(lines));
        for (String line : distinct) {
            if (kept++ == MAX_MESSAGES) {
                messages.add(prefix + "... " + (distinct.size() - MAX_MESSAGES) + " more lines in the log");
                return;
            }
            messages.add(prefix + line);
        }
    }
}
