package io.shmlane.reports.model;

import io.shmlane.results.JUnitCase;
import java.util.List;

/**
 * The JUnit results of one module and one plugin.
 *
 * @param module the module's directory name
 * @param kind {@code surefire} or {@code failsafe}
 * @param area the area id the results count for
 * @param anchor the id of the module's element on the page
 * @param stale whether every result file predates this build
 * @param resultsFrom ISO-8601 time of the newest result file
 * @param tests test cases
 * @param failed failed and errored cases
 * @param skipped skipped cases
 * @param seconds sum of the suites' times
 * @param cases the test cases, failures first
 */
public record JUnitModule(
        String module,
        String kind,
        String area,
        String anchor,
        boolean stale,
        String resultsFrom,
        long tests,
        long failed,
        long skipped,
        double seconds,
        List<JUnitCase> cases) {}
