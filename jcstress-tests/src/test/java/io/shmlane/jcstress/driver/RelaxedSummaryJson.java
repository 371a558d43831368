package io.shmlane.jcstress.driver;

import io.shmlane.relaxed.RelaxedResult;
import io.shmlane.results.Environment;
import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.time.Instant;
import java.util.ArrayList;
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

    static JcstressSummary summary(
            final List<Entry> entries, final long durationMillis, final Map<String, Object> settings) {
        boolean passed = entries.stream().allMatch(e -> passes(e));
        List<JcstressSummary.Test> tests = new ArrayList<>();
        for (Entry e : entries) {
            tests.add(test(e));
        }
        return new JcstressSummary(
                ResultFiles.SCHEMA_VERSION,
                Instant.now().toString(),
                passed ? Outcome.PASS : Outcome.FAIL,
                Environment.current(),
                settings,
                new JcstressSummary.Run(
                        entries.size(),
                        (int) entries.stream().filter(e -> e.result() != null).count(),
                        null,
                        durationMillis,
                        null,
                        null,
                        null,
                        null),
                List.of(),
                List.copyOf(tests));
    }

    private static boolean passes(final Entry e) {
        return e.result() == null || e.test().isReference() || e.result().passed();
    }

    private static JcstressSummary.Test test(final Entry e) {
        RelaxedResult r = e.result();
        Outcome verdict;
        String reason;
        if (r == null) {
            verdict = Outcome.NOT_RUN;
            reason = e.notRun();
        } else if (r.passed()) {
            verdict = Outcome.PASS;
            reason = String.format(
                    "%,d executions under the relaxed model (seed %d), %,d stale reads, no race, no FORBIDDEN outcome",
                    r.executions(), r.seed(), r.staleReads());
        } else {
            verdict = e.test().isReference() ? Outcome.TOLERATED : Outcome.FAIL;
            reason = r.failureReason() + " (seed " + r.failureSeed() + ")";
        }
        List<JcstressSummary.OutcomeRow> outcomes = new ArrayList<>();
        if (r != null) {
            for (RelaxedResult.Row row : r.rows()) {
                outcomes.add(new JcstressSummary.OutcomeRow(
                        row.outcome(),
                        row.count() > 0,
                        row.count(),
                        row.expect().name(),
                        row.description()));
            }
        }
        return new JcstressSummary.Test(
                e.test().name(),
                e.test().description(),
                e.test().isReference(),
                e.test().reference(),
                r == null ? "NOT_RUN" : "NORMAL",
                verdict,
                reason,
                r != null && r.interesting() > 0,
                r == null ? 0L : r.executions(),
                List.copyOf(outcomes),
                List.of(),
                r == null || r.failureTrace().isEmpty() ? List.of() : trace(r));
    }

    private static List<String> trace(final RelaxedResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("replay: -Drelaxed.tests='" + r.test() + "' -Drelaxed.replay=" + r.failureSeed()
                + (r.failureReplayed() ? " (replays the same failure)" : " (the replay differed)"));
        lines.addAll(r.failureTrace().subList(0, Math.min(400, r.failureTrace().size())));
        return lines;
    }
}
