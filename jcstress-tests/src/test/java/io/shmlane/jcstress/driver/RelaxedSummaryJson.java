package io.shmlane.jcstress.driver;

import io.shmlane.relaxed.RelaxedResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relaxed run's summary, {@code target/relaxed-summary.json}: the same schema as the native run's
 * {@code jcstress-summary.json} (see the module's README), so that the report reads both with one
 * reader and shows them side by side. Samples are executions; a failing test's messages are its
 * replayed trace.
 */
final class RelaxedSummaryJson {
    private RelaxedSummaryJson() {}

    /** One test of the relaxed run: its catalogue entry and its result, or why it did not run. */
    record Entry(TestCatalog.Entry test, RelaxedResult result, String notRun) {}

    static String write(final List<Entry> entries, final long durationMillis, final Map<String, Object> settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SummaryJson.SCHEMA_VERSION);
        root.put("generatedAt", Instant.now().toString());
        boolean passed = entries.stream().allMatch(e -> passes(e));
        root.put("verdict", passed ? "PASS" : "FAIL");
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("jdkVersion", System.getProperty("java.version"));
        environment.put("jdkVendor", System.getProperty("java.vendor"));
        environment.put("arch", System.getProperty("os.arch"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("environment", environment);
        root.put("settings", settings);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("testsExpected", entries.size());
        run.put("testsRun", entries.stream().filter(e -> e.result() != null).count());
        run.put("durationMillis", durationMillis);
        root.put("run", run);
        root.put("problems", List.of());
        List<Object> tests = new ArrayList<>();
        for (Entry e : entries) {
            tests.add(test(e));
        }
        root.put("tests", tests);
        return Json.write(root);
    }

    private static boolean passes(final Entry e) {
        return e.result() == null || e.test().isReference() || e.result().passed();
    }

    private static Map<String, Object> test(final Entry e) {
        Map<String, Object> test = new LinkedHashMap<>();
        RelaxedResult r = e.result();
        test.put("name", e.test().name());
        test.put("description", e.test().description());
        test.put("reference", e.test().isReference());
        test.put("referenceReason", e.test().reference());
        test.put("status", r == null ? "NOT_RUN" : "NORMAL");
        String verdict;
        String reason;
        if (r == null) {
            verdict = "NOT_RUN";
            reason = e.notRun();
        } else if (r.passed()) {
            verdict = "PASS";
            reason = String.format(
                    "%,d executions under the relaxed model (seed %d), %,d stale reads, no race, no FORBIDDEN outcome",
                    r.executions(), r.seed(), r.staleReads());
        } else {
            verdict = e.test().isReference() ? "TOLERATED" : "FAIL";
            reason = r.failureReason() + " (seed " + r.failureSeed() + ")";
        }
        test.put("verdict", verdict);
        test.put("reason", reason);
        test.put("interesting", r != null && r.interesting() > 0);
        test.put("samples", r == null ? 0 : r.executions());
        List<Object> outcomes = new ArrayList<>();
        if (r != null) {
            for (RelaxedResult.Row row : r.rows()) {
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("outcome", row.outcome());
                outcome.put("observed", row.count() > 0);
                outcome.put("samples", row.count());
                outcome.put("expect", row.expect().name());
                outcome.put("description", row.description());
                outcomes.add(outcome);
            }
        }
        test.put("outcomes", outcomes);
        test.put("messages", r == null || r.failureTrace().isEmpty() ? List.of() : trace(r));
        return test;
    }

    private static List<String> trace(final RelaxedResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("replay: -Drelaxed.tests='" + r.test() + "' -Drelaxed.replay=" + r.failureSeed()
                + (r.failureReplayed() ? " (replays the same failure)" : " (the replay differed)"));
        lines.addAll(r.failureTrace().subList(0, Math.min(400, r.failureTrace().size())));
        return lines;
    }
}
