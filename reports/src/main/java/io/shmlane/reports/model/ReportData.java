package io.shmlane.reports.model;

import java.util.List;

/**
 * Everything the page shows; serialized as {@code report-data.json} next to {@code index.html}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} of the writer
 * @param generatedAt ISO-8601 instant the report was written
 * @param status {@code PASS}, {@code FAIL} (a failure anywhere) or {@code INCOMPLETE} (an area has no results)
 * @param headline the status in one line, as shown at the top
 * @param environment JDK, OS, machine, commit and duration of the build
 * @param areas one summary per area (unit, jcstress, process, other integration tests, benchmarks, hunt)
 * @param failures every failure, from every source, in area order
 * @param junit Surefire and Failsafe results, one entry per module and plugin
 * @param jcstress the jcstress summary, null when none was found
 * @param relaxed the same tests under the relaxed memory model (shmlane-relaxed), null when not run
 * @param process the process scenarios, null when none were found
 * @param benchmarks the benchmark results, null when none were found
 * @param hunts the regression hunts found under {@code hunt/target/hunt*}, empty when none (null in data written
 *     before the hunt section existed)
 * @param pit PIT's mutation testing of the protocol module, null when it did not run (null in data written before
 *     the PIT section existed)
 * @param caught what the suite detected in the known-broken naive reference
 * @param warnings problems with the inputs (unreadable files, results from an earlier build)
 * @param comparison the differences with a previous report, null when none was given
 */
public record ReportData(
        int schemaVersion,
        String generatedAt,
        String status,
        String headline,
        EnvironmentInfo environment,
        List<Area> areas,
        List<Failure> failures,
        List<JUnitModule> junit,
        JcstressRun jcstress,
        JcstressRun relaxed,
        ProcessRun process,
        BenchmarkRun benchmarks,
        List<HuntRun> hunts,
        PitRun pit,
        List<CaughtDefect> caught,
        List<String> warnings,
        Comparison comparison) {

    /** Version of the {@code report-data.json} layout; bumped on an incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    /** The same report with {@code newComparison}. */
    public ReportData withComparison(final Comparison newComparison) {
        return new ReportData(
                schemaVersion,
                generatedAt,
                status,
                headline,
                environment,
                areas,
                failures,
                junit,
                jcstress,
                relaxed,
                process,
                benchmarks,
                hunts,
                pit,
                caught,
                warnings,
                newComparison);
    }
}
