package io.shmlane.reports.model;

/**
 * One row of a jcstress outcome table.
 *
 * @param outcome the observed result, or the pattern of a declared outcome never observed
 * @param observed whether it was observed
 * @param samples how often
 * @param percent share of the test's samples, 0 to 100
 * @param expect {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING}, {@code FORBIDDEN} or {@code UNKNOWN}
 * @param description the {@code @Outcome}'s {@code desc}, may be null
 */
public record JcstressOutcome(
        String outcome, boolean observed, long samples, double percent, String expect, String description) {

    /** An observed ACCEPTABLE_INTERESTING outcome: legal, but worth a look. */
    public boolean highlighted() {
        return samples > 0 && "ACCEPTABLE_INTERESTING".equals(expect);
    }

    /** An observed FORBIDDEN or undescribed outcome: a failure. */
    public boolean violation() {
        return samples > 0 && ("FORBIDDEN".equals(expect) || "UNKNOWN".equals(expect));
    }
}
