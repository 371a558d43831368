package io.shmlane.reports.model;

import java.util.List;

/**
 * One multi-JVM delivery scenario.
 *
 * @param scenario its name, e.g. {@code ExactlyOnceIT.shouldDeliver...[ring]}
 * @param anchor the id of its row on the page
 * @param testClass the JUnit class
 * @param testMethod the JUnit method
 * @param channel {@code ring}, {@code mailbox} or {@code naive}
 * @param outcome {@code passed}, {@code failed} or {@code skipped}
 * @param failure the failure message, null when it passed
 * @param messages messages sent and checked
 * @param lost messages never delivered
 * @param duplicated messages delivered more than once (not counting redeliveries after a kill)
 * @param reordered messages delivered out of order
 * @param torn messages whose checksum did not match
 * @param redelivered messages delivered again after a consumer restart
 * @param kills kill -9 of a child
 * @param seconds duration
 * @param seed the seed to replay it with ({@code -Dprocess.seed=}), null when unknown
 * @param scale {@code -Dprocess.scale}, null when unknown
 * @param java the JDK of the test JVM
 * @param stale whether it predates this build
 * @param logs links to the children's logs, copied next to the report
 * @param details scenario-specific facts
 */
public record Scenario(
        String scenario,
        String anchor,
        String testClass,
        String testMethod,
        String channel,
        String outcome,
        String failure,
        long messages,
        long lost,
        long duplicated,
        long reordered,
        long torn,
        long redelivered,
        long kills,
        double seconds,
        Long seed,
        Integer scale,
        String java,
        boolean stale,
        List<Link> logs,
        List<KeyValue> details) {

    /** Whether the scenario failed. */
    public boolean failed() {
        return "failed".equalsIgnoreCase(outcome);
    }

    /** Whether anything went missing, twice, out of order or torn. */
    public boolean deliveryDefect() {
        return lost > 0 || duplicated > 0 || reordered > 0 || torn > 0;
    }
}
