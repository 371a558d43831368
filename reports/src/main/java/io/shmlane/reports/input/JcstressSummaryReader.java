package io.shmlane.reports.input;

import io.shmlane.reports.model.JcstressOutcome;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.JcstressTest;
import io.shmlane.results.Environment;
import io.shmlane.results.JcstressSummary;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code jcstress-tests/target/jcstress-summary.json} (documented in {@code
 * jcstress-tests/README.md}) and copies jcstress's own HTML report and log next to the page. Every field but the
 * test names is optional.
 */
public final class JcstressSummaryReader {
    /** Package of the suite's tests, left out of the names shown. */
    static final String TEST_PACKAGE = "io.shmlane.jcstress.";
    /** Where jcstress's HTML report is copied, relative to the report directory. */
    static final String HTML_TARGET = "jcstress";

    private JcstressSummaryReader() {}

    /** Reads the summary; copies the HTML report and the log when they exist. */
    public static JcstressRun read(final Path summary, final ReadContext context) throws IOException {
        return read(summary, context, true);
    }

    /**
     * Reads a summary in the same schema that has no jcstress report of its own: the relaxed run
     * ({@code relaxed-summary.json}), whose traces are in its tests' messages.
     */
    public static JcstressRun readOutcomesOnly(final Path summary, final ReadContext context) throws IOException {
        return read(summary, context, false);
    }

    private static JcstressRun read(final Path summary, final ReadContext context, final boolean artifacts)
            throws IOException {
        JcstressSummary root = ResultFiles.read(summary, JcstressSummary.class);
        if (root.schemaVersion() > ResultFiles.SCHEMA_VERSION) {
            context.warn(context.display(summary) + " has schema version " + root.schemaVersion()
                    + "; this report knows " + ResultFiles.SCHEMA_VERSION + " and shows what it recognizes");
        }
        Environment environment = root.environment();
        JcstressSummary.Run run = root.run() == null
                ? new JcstressSummary.Run(null, null, null, null, null, null, null, null)
                : root.run();
        Instant modified = ReadContext.modified(summary);

        Path html =
                artifacts ? existingDirectory(run.reportDirectory(), summary.resolveSibling("jcstress-report")) : null;
        String reportLink = null;
        if (html != null) {
            context.artifacts().copyTree(html, HTML_TARGET);
            if (Files.exists(html.resolve("index.html"))) {
                reportLink = HTML_TARGET + "/index.html";
            }
        }
        Path log = artifacts ? existingFile(run.log(), summary.resolveSibling("jcstress-work/jcstress.log")) : null;
        String logLink = log == null ? null : context.artifacts().copyFile(log, HTML_TARGET + "-log/jcstress.log");

        List<JcstressTest> tests = new ArrayList<>();
        for (JcstressSummary.Test test : orEmpty(root.tests())) {
            tests.add(test(test, html, artifacts ? "jcstress" : "relaxed"));
        }
        Long duration = run.durationMillis();
        Object mode = root.settings() == null ? null : root.settings().get("mode");
        return new JcstressRun(
                root.verdict() == null ? null : root.verdict().name(),
                root.generatedAt(),
                context.isStale(modified),
                modified == null ? null : modified.toString(),
                mode != null ? String.valueOf(mode) : null,
                run.testsExpected(),
                run.testsRun(),
                duration == null ? null : duration / 1000.0,
                run.exitCode(),
                jdk(environment),
                environment == null ? null : environment.arch(),
                environment == null ? null : environment.cpus(),
                List.copyOf(orEmpty(root.problems())),
                List.copyOf(tests),
                reportLink,
                logLink);
    }

    private static JcstressTest test(final JcstressSummary.Test test, final Path html, final String anchorPrefix) {
        String name = test.name() == null ? "(unnamed test)" : test.name();
        List<JcstressSummary.OutcomeRow> rows = orEmpty(test.outcomes());
        long total = test.samples() == null || test.samples() < 0
                ? rows.stream().mapToLong(JcstressSummary.OutcomeRow::samples).sum()
                : test.samples();
        List<JcstressOutcome> outcomes = new ArrayList<>();
        boolean interesting = false;
        for (JcstressSummary.OutcomeRow row : rows) {
            long samples = row.samples();
            String expect = row.expect();
            outcomes.add(new JcstressOutcome(
                    row.outcome(),
                    row.observed() != null ? row.observed() : samples > 0,
                    samples,
                    total > 0 ? 100.0 * samples / total : 0,
                    expect == null ? "UNKNOWN" : expect,
                    row.description()));
            interesting = interesting || (samples > 0 && "ACCEPTABLE_INTERESTING".equals(expect));
        }
        String shortName = name.startsWith(TEST_PACKAGE) ? name.substring(TEST_PACKAGE.length()) : name;
        String page =
                html != null && Files.exists(html.resolve(name + ".html")) ? HTML_TARGET + "/" + name + ".html" : null;
        String referenceReason = test.referenceReason();
        return new JcstressTest(
                name,
                shortName,
                Anchors.of(anchorPrefix, shortName),
                test.description(),
                test.reference() != null ? test.reference() : referenceReason != null,
                referenceReason,
                test.status(),
                verdict(test, rows),
                test.reason(),
                test.interesting() != null ? test.interesting() : interesting,
                total,
                List.copyOf(outcomes),
                page,
                List.copyOf(orEmpty(test.messages())));
    }

    /** The driver's verdict; a summary without one is judged from its rows as the driver does. */
    private static String verdict(final JcstressSummary.Test test, final List<JcstressSummary.OutcomeRow> rows) {
        if (test.verdict() != null) {
            return test.verdict().name();
        }
        for (JcstressSummary.OutcomeRow row : rows) {
            String expect = row.expect();
            if (row.samples() > 0 && ("FORBIDDEN".equals(expect) || "UNKNOWN".equals(expect))) {
                return "FAIL";
            }
        }
        String status = test.status();
        return status == null || "NORMAL".equals(status) ? "PASS" : "ERROR";
    }

    private static String jdk(final Environment environment) {
        if (environment == null || environment.jdkVersion() == null) {
            return null;
        }
        String vendor = environment.jdkVendor();
        return vendor == null ? environment.jdkVersion() : environment.jdkVersion() + " (" + vendor + ")";
    }

    private static <T> List<T> orEmpty(final List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Path existingDirectory(final String recorded, final Path fallback) {
        if (recorded != null && Files.isDirectory(Path.of(recorded))) {
            return Path.of(recorded);
        }
        return Files.isDirectory(fallback) ? fallback : null;
    }

    private static Path existingFile(final String recorded, final Path fallback) {
        if (recorded != null && Files.isRegularFile(Path.of(recorded))) {
            return Path.of(recorded);
        }
        return Files.isRegularFile(fallback) ? fallback : null;
    }
}
