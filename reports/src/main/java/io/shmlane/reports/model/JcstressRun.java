package io.shmlane.reports.model;

import java.util.List;

/**
 * The jcstress run, from {@code jcstress-tests/target/jcstress-summary.json} (schema in {@code
 * jcstress-tests/README.md}).
 *
 * @param verdict {@code PASS} or {@code FAIL}, the run as a whole
 * @param generatedAt when the summary was written
 * @param stale whether the summary predates this build
 * @param resultsFrom ISO-8601 modification time of the summary
 * @param mode the driver's mode ({@code ci}, {@code quick}, ...)
 * @param testsExpected tests selected, null when unknown
 * @param testsRun tests with a result, null when unknown
 * @param seconds wall time of jcstress, null when unknown
 * @param exitCode jcstress's exit status, null when not started or killed
 * @param jdk the JDK that ran it
 * @param arch the architecture it ran on
 * @param cpus the CPUs it had, null when unknown
 * @param problems failures of the run as a whole
 * @param tests one entry per test
 * @param reportLink relative link to jcstress's own index page (copied next to the report), null when absent
 * @param logLink relative link to jcstress's output (copied), null when absent
 */
public record JcstressRun(
        String verdict,
        String generatedAt,
        boolean stale,
        String resultsFrom,
        String mode,
        Integer testsExpected,
        Integer testsRun,
        Double seconds,
        Integer exitCode,
        String jdk,
        String arch,
        Integer cpus,
        List<String> problems,
        List<JcstressTest> tests,
        String reportLink,
        String logLink) {

    /** Total samples over all tests. */
    public long samples() {
        return tests.stream().mapToLong(JcstressTest::samples).sum();
    }

    /** Tests that observed an ACCEPTABLE_INTERESTING outcome. */
    public long interestingTests() {
        return tests.stream().filter(JcstressTest::interesting).count();
    }

    /** Tests whose verdict fails the run. */
    public long failedTests() {
        return tests.stream().filter(t -> !t.passed()).count();
    }
}
