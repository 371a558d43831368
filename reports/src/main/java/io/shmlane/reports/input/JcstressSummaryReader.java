package io.shmlane.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.shmlane.reports.model.JcstressOutcome;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.JcstressTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code jcstress-tests/target/jcstress-summary.json} (schema version 1, documented in {@code
 * jcstress-tests/README.md}) and copies jcstress's own HTML report and log next to the page. Every field but the
 * test names is optional.
 */
public final class JcstressSummaryReader {
    /** The schema version this reader was written for. */
    static final int KNOWN_SCHEMA = 1;
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
        JsonNode root = Json.readObject(summary);
        long schema = Json.number(root, "schemaVersion", KNOWN_SCHEMA);
        if (schema > KNOWN_SCHEMA) {
            context.warn(context.display(summary) + " has schema version " + schema + "; this report knows "
                    + KNOWN_SCHEMA + " and shows what it recognizes");
        }
        JsonNode environment = Json.object(root, "environment");
        JsonNode run = Json.object(root, "run");
        JsonNode settings = Json.object(root, "settings");
        Instant modified = ReadContext.modified(summary);

        Path html = artifacts
                ? existingDirectory(Json.text(run, "reportDirectory"), summary.resolveSibling("jcstress-report"))
                : null;
        String reportLink = null;
        if (html != null) {
            context.artifacts().copyTree(html, HTML_TARGET);
            if (Files.exists(html.resolve("index.html"))) {
                reportLink = HTML_TARGET + "/index.html";
            }
        }
        Path log = artifacts
                ? existingFile(Json.text(run, "log"), summary.resolveSibling("jcstress-work/jcstress.log"))
                : null;
        String logLink = log == null ? null : context.artifacts().copyFile(log, HTML_TARGET + "-log/jcstress.log");

        List<JcstressTest> tests = new ArrayList<>();
        for (JsonNode test : Json.array(root, "tests")) {
            tests.add(test(test, html, artifacts ? "jcstress" : "relaxed"));
        }
        Long duration = Json.numberOrNull(run, "durationMillis");
        String mode = Json.text(settings, "mode");
        return new JcstressRun(
                Json.text(root, "verdict"),
                Json.text(root, "generatedAt"),
                context.isStale(modified),
                modified == null ? null : modified.toString(),
                mode != null ? mode : Json.text(environment, "mode"),
                Json.intOrNull(run, "testsExpected"),
                Json.intOrNull(run, "testsRun"),
                duration == null ? null : duration / 1000.0,
                Json.intOrNull(run, "exitCode"),
                jdk(environment),
                Json.text(environment, "arch"),
                Json.intOrNull(environment, "cpus"),
                List.copyOf(Json.texts(root, "problems")),
                List.copyOf(tests),
                reportLink,
                logLink);
    }

    private static JcstressTest test(final JsonNode test, final Path html, final String anchorPrefix) {
        String name = Json.text(test, "name");
        if (name == null) {
            name = "(unnamed test)";
        }
        List<JsonNode> rows = Json.array(test, "outcomes");
        long total = Json.number(test, "samples", -1);
        if (total < 0) {
            total = rows.stream().mapToLong(r -> Json.number(r, "samples", 0)).sum();
        }
        List<JcstressOutcome> outcomes = new ArrayList<>();
        boolean interesting = false;
        for (JsonNode row : rows) {
            long samples = Json.number(row, "samples", 0);
            String expect = Json.text(row, "expect");
            outcomes.add(new JcstressOutcome(
                    Json.text(row, "outcome"),
                    Json.flag(row, "observed", samples > 0),
                    samples,
                    total > 0 ? 100.0 * samples / total : 0,
                    expect == null ? "UNKNOWN" : expect,
                    Json.text(row, "description")));
            interesting = interesting || (samples > 0 && "ACCEPTABLE_INTERESTING".equals(expect));
        }
        String shortName = name.startsWith(TEST_PACKAGE) ? name.substring(TEST_PACKAGE.length()) : name;
        String page =
                html != null && Files.exists(html.resolve(name + ".html")) ? HTML_TARGET + "/" + name + ".html" : null;
        String referenceReason = Json.text(test, "referenceReason");
        return new JcstressTest(
                name,
                shortName,
                Anchors.of(anchorPrefix, shortName),
                Json.text(test, "description"),
                Json.flag(test, "reference", referenceReason != null),
                referenceReason,
                Json.text(test, "status"),
                verdict(test),
                Json.text(test, "reason"),
                Json.flag(test, "interesting", interesting),
                total,
                List.copyOf(outcomes),
                page,
                List.copyOf(Json.texts(test, "messages")));
    }

    /** The driver's verdict; a summary without one is judged from its rows as the driver does. */
    private static String verdict(final JsonNode test) {
        String verdict = Json.text(test, "verdict");
        if (verdict != null) {
            return verdict;
        }
        for (JsonNode row : Json.array(test, "outcomes")) {
            String expect = Json.text(row, "expect");
            if (Json.number(row, "samples", 0) > 0 && ("FORBIDDEN".equals(expect) || "UNKNOWN".equals(expect))) {
                return "FAIL";
            }
        }
        String status = Json.text(test, "status");
        return status == null || "NORMAL".equals(status) ? "PASS" : "ERROR";
    }

    private static String jdk(final JsonNode environment) {
        String version = Json.text(environment, "jdkVersion");
        String vendor = Json.text(environment, "jdkVendor");
        if (version == null) {
            return null;
        }
        return vendor == null ? version : version + " (" + vendor + ")";
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
