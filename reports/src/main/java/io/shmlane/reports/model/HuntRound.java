package io.shmlane.reports.model;

import java.util.List;

/**
 * One campaign round, or one stage of a mutant: a Maven command run with one JDK.
 *
 * @param anchor the id of its row on the page
 * @param jdk the JDK's label ({@code jdk17}); null for a mutant's stage
 * @param jit the JIT mode; null for a mutant's stage
 * @param slice what ran ({@code jcstress RingHandOff}, {@code process SlowConsumerIT}) or the mutant's stage
 *     ({@code unit}, {@code jcstress}, {@code process})
 * @param seed the round's seed ({@code -Dprocess.seed}), null when unknown
 * @param outcome {@code pass}, {@code fail}, {@code stopped} or {@code error}
 * @param failures the tests that failed, or what went wrong
 * @param seconds duration
 * @param command the command, with its JDK
 * @param replay the command to run again, from its directory
 * @param exitCode the command's exit status, null when it did not end by itself
 * @param log the path of its log as recorded
 * @param logLink the copy of the log next to the page, null when the log is gone
 */
public record HuntRound(
        String anchor,
        String jdk,
        String jit,
        String slice,
        Long seed,
        String outcome,
        List<String> failures,
        double seconds,
        String command,
        String replay,
        Integer exitCode,
        String log,
        String logLink) {

    /** Whether it failed: a failed test, a hang, a crash, or a command that could not run. */
    public boolean failed() {
        return "fail".equalsIgnoreCase(outcome) || "error".equalsIgnoreCase(outcome);
    }
}
