package io.shmlane.results;

import java.util.List;
import java.util.Map;

/**
 * {@code jcstress-tests/target/jcstress-summary.json}, written by the jcstress driver, and the relaxed run's {@code
 * relaxed-summary.json} in the same shape (documented in {@code jcstress-tests/README.md}). Every field but the tests'
 * names may be null in a file written by hand or by an older driver.
 *
 * @param schemaVersion {@link ResultFiles#SCHEMA_VERSION} when written
 * @param generatedAt ISO-8601 time of writing
 * @param verdict {@link Outcome#PASS} or {@link Outcome#FAIL} for the run as a whole
 * @param environment where it ran
 * @param settings the run's settings as given (the driver's and the relaxed run's differ)
 * @param run what the run did
 * @param problems failures of the run as a whole
 * @param tests one entry per selected test, in name order
 */
public record JcstressSummary(
        int schemaVersion,
        String generatedAt,
        Outcome verdict,
        Environment environment,
        Map<String, Object> settings,
        Run run,
        List<String> problems,
        List<Test> tests) {

    /**
     * What the run did.
     *
     * @param testsExpected how many tests were selected
     * @param testsRun how many produced a result
     * @param exitCode the forked jcstress JVM's exit status, null when none
     * @param durationMillis wall time of the run
     * @param reportDirectory jcstress's own HTML report, an absolute path
     * @param log the forked JVM's output, an absolute path
     * @param resultsFile jcstress's binary results file, an absolute path
     * @param jcstressVersion the version of jcstress that ran
     */
    public record Run(
            Integer testsExpected,
            Integer testsRun,
            Integer exitCode,
            Long durationMillis,
            String reportDirectory,
            String log,
            String resultsFile,
            String jcstressVersion) {}

    /**
     * One selected test.
     *
     * @param name the test class's binary name
     * @param description its {@code @Description}
     * @param reference whether it tests a known-broken reference protocol
     * @param referenceReason why it is a reference, null when it is not one
     * @param status jcstress's status ({@code NORMAL}, {@code ERROR}, ...) or {@code NOT_RUN}
     * @param verdict the driver's verdict
     * @param reason the verdict in words
     * @param interesting whether an {@code ACCEPTABLE_INTERESTING} outcome was observed
     * @param samples all samples (executions in the relaxed run)
     * @param outcomes the outcome table
     * @param configurations the results per JVM configuration
     * @param messages jcstress's messages, the forked VMs' output, or a replayed trace
     */
    public record Test(
            String name,
            String description,
            Boolean reference,
            String referenceReason,
            String status,
            Outcome verdict,
            String reason,
            Boolean interesting,
            Long samples,
            List<OutcomeRow> outcomes,
            List<Configuration> configurations,
            List<String> messages) {}

    /**
     * One row of a test's outcome table.
     *
     * @param outcome the observed outcome, or the pattern of a declared one not observed
     * @param observed whether it was observed
     * @param samples how many times
     * @param expect {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING}, {@code FORBIDDEN} or {@code UNKNOWN}
     * @param description the outcome's {@code desc}
     */
    public record OutcomeRow(String outcome, Boolean observed, long samples, String expect, String description) {}

    /**
     * The results of one JVM configuration.
     *
     * @param jvmArgs its JVM arguments
     * @param compileMode {@code unified}, or per actor in split mode
     * @param status jcstress's status for it
     * @param samples observed outcome to samples
     */
    public record Configuration(List<String> jvmArgs, String compileMode, String status, Map<String, Long> samples) {}
}
