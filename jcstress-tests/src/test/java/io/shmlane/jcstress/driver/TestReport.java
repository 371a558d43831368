package io.shmlane.jcstress.driver;

import io.shmlane.results.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the driver concluded about one jcstress test, from its results merged over every fork and
 * configuration.
 *
 * @param name the test's name as jcstress prints it
 * @param description the test's {@code @Description}
 * @param reference the reason from {@code @ReferenceTest}, or null for a test of the real protocol
 * @param status jcstress's status merged over configurations (NORMAL, TIMEOUT_ERROR, ...), or
 *     NOT_RUN when jcstress produced no result
 * @param verdict the driver's verdict
 * @param reason why the verdict, in one line
 * @param interesting whether an ACCEPTABLE_INTERESTING outcome was observed
 * @param outcomes the outcome rows: every observed outcome, and every declared one not observed
 * @param configurations the results per JVM configuration
 * @param messages jcstress's messages and the forked VMs' output, for errors
 */
public record TestReport(
        String name,
        String description,
        String reference,
        String status,
        Outcome verdict,
        String reason,
        boolean interesting,
        List<OutcomeRow> outcomes,
        List<ConfigurationRow> configurations,
        List<String> messages) {

    /**
     * One row of the outcome table.
     *
     * @param outcome the observed outcome, or the pattern of a declared outcome not observed
     * @param observed whether the row is an observed outcome (else a declared one with 0 samples)
     * @param samples how many times it was observed
     * @param expect ACCEPTABLE, ACCEPTABLE_INTERESTING, FORBIDDEN or UNKNOWN
     * @param description the outcome's {@code desc}
     */
    public record OutcomeRow(String outcome, boolean observed, long samples, String expect, String description) {}

    /**
     * The results of one JVM configuration (all its forks).
     *
     * @param jvmArgs the configuration's JVM arguments
     * @param compileMode "unified", or per actor "actor=C2, ..." in split mode
     * @param status jcstress's status for it
     * @param samples observed outcome to samples
     */
    public record ConfigurationRow(
            List<String> jvmArgs, String compileMode, String status, Map<String, Long> samples) {}

    public boolean isReference() {
        return reference != null;
    }

    public long totalSamples() {
        long total = 0;
        for (OutcomeRow row : outcomes) {
            total += row.samples();
        }
        return total;
    }

    /**
     * Decides the verdict of a test from its merged status and outcome rows. A FORBIDDEN or UNKNOWN
     * row with samples fails any test, reference or not; an error fails a test of the real protocol
     * and is tolerated for a reference.
     */
    static Outcome decide(final String status, final List<OutcomeRow> rows, final boolean reference) {
        return judge(status, rows, reference).verdict;
    }

    /** The reason for {@link #decide}'s verdict. */
    static String reason(final String status, final List<OutcomeRow> rows, final boolean reference) {
        return judge(status, rows, reference).reason;
    }

    private static Judgement judge(final String status, final List<OutcomeRow> rows, final boolean reference) {
        if ("NOT_RUN".equals(status)) {
            return new Judgement(Outcome.NOT_RUN, "jcstress produced no result for this test");
        }
        if ("API_MISMATCH".equals(status)) {
            return new Judgement(Outcome.NOT_RUN, "jcstress skipped this test (API_MISMATCH)");
        }
        List<String> bad = new ArrayList<>();
        long total = 0;
        for (OutcomeRow row : rows) {
            total += row.samples();
            if (row.samples() > 0 && ("FORBIDDEN".equals(row.expect()) || "UNKNOWN".equals(row.expect()))) {
                bad.add(String.format(
                        Locale.ROOT,
                        "%s outcome \"%s\" observed %,d times (%s)",
                        row.expect(),
                        row.outcome(),
                        row.samples(),
                        row.description()));
            }
        }
        if (!bad.isEmpty()) {
            return new Judgement(Outcome.FAIL, String.join("; ", bad));
        }
        if (!"NORMAL".equals(status)) {
            return reference
                    ? new Judgement(Outcome.TOLERATED, "reference test ended with " + status + ": reported, not failed")
                    : new Judgement(Outcome.ERROR, "jcstress reported " + status);
        }
        if (total == 0) {
            return new Judgement(Outcome.FAIL, "no sample: the test ran but observed nothing");
        }
        return new Judgement(
                Outcome.PASS, "no FORBIDDEN outcome in " + String.format(Locale.ROOT, "%,d", total) + " samples");
    }

    private record Judgement(Outcome verdict, String reason) {}
}
