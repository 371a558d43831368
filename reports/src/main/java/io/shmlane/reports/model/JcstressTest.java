package io.shmlane.reports.model;

import java.util.List;

/**
 * One jcstress test.
 *
 * @param name the full name, e.g. {@code io.shmlane.jcstress.ring.RingHandOff.Offer}
 * @param shortName the name without {@code io.shmlane.jcstress.}
 * @param anchor the id of its element on the page
 * @param description its {@code @Description}
 * @param reference whether it tests known-broken code ({@code @ReferenceTest})
 * @param referenceReason why it is a reference, null when it is not
 * @param status jcstress's status ({@code NORMAL}, {@code TIMEOUT_ERROR}, ...)
 * @param verdict the driver's verdict: {@code PASS}, {@code TOLERATED}, {@code FAIL}, {@code ERROR}, {@code NOT_RUN}
 * @param reason why the verdict
 * @param interesting whether an ACCEPTABLE_INTERESTING outcome was observed
 * @param samples total samples
 * @param outcomes the outcome table
 * @param pageLink relative link to jcstress's page for the test, null when it was not found
 * @param messages jcstress's messages and the forked VMs' output
 */
public record JcstressTest(
        String name,
        String shortName,
        String anchor,
        String description,
        boolean reference,
        String referenceReason,
        String status,
        String verdict,
        String reason,
        boolean interesting,
        long samples,
        List<JcstressOutcome> outcomes,
        String pageLink,
        List<String> messages) {

    /** Whether the verdict passes the run (PASS or TOLERATED). */
    public boolean passed() {
        return "PASS".equals(verdict) || "TOLERATED".equals(verdict);
    }
}
