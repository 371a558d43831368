package io.shmlane.jcstress.driver;

import io.shmlane.results.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one run of the driver: what was selected, what jcstress did, and a report per
 * selected test (including the ones jcstress did not run).
 *
 * @param settings the settings of the run
 * @param command the child JVM's command line, empty when nothing was started
 * @param environment JDK, OS, architecture and CPUs of the machine that ran it
 * @param selected the names of the tests selected, the count the run must reach
 * @param testsRun how many of them jcstress produced a result for (skipped ones not counted)
 * @param exitCode the child's exit status, null when it was not started or was killed
 * @param durationMillis wall time of the child JVM
 * @param problems failures of the run as a whole (nothing selected, count mismatch, exit status, ...)
 * @param tests one report per selected test, in name order
 * @param files where the summary, the HTML report, the log and jcstress's results file are
 */
public record RunReport(
        JcstressSettings settings,
        List<String> command,
        Environment environment,
        List<String> selected,
        int testsRun,
        Integer exitCode,
        long durationMillis,
        List<String> problems,
        List<TestReport> tests,
        Files files) {

    /**
     * Where the run's files are.
     *
     * @param summary the JSON summary
     * @param reportDirectory jcstress's HTML report (index.html)
     * @param log the child JVM's output
     * @param results jcstress's binary results file, null when it wrote none
     */
    public record Files(Path summary, Path reportDirectory, Path log, Path results) {}

    /** Whether the run as a whole passed: no problem, and every selected test PASS or TOLERATED. */
    public boolean passed() {
        return problems.isEmpty() && tests.stream().allMatch(t -> t.verdict().passes());
    }

    /** The report of the test named {@code name}, or null. */
    public TestReport test(final String name) {
        return tests.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
