package io.shmlane.reports.model;

/**
 * The status of one area of the suite, as shown in the summary at the top.
 *
 * @param id anchor and key: {@code unit}, {@code jcstress}, {@code process}, {@code integration}, {@code benchmarks}, {@code hunt}
 * @param title the heading
 * @param status {@code PASS}, {@code FAIL}, {@code NOT_RUN} (no results found) or {@code MEASURED} (benchmarks)
 * @param stale whether every result of the area predates this build
 * @param resultsFrom ISO-8601 time of the newest result file, null when none
 * @param tests test cases (or scenarios, or benchmark cases)
 * @param failed failed and errored ones
 * @param skipped skipped ones
 * @param seconds time spent, as the results record it
 * @param detail one line of what the area holds
 */
public record Area(
        String id,
        String title,
        String status,
        boolean stale,
        String resultsFrom,
        long tests,
        long failed,
        long skipped,
        double seconds,
        String detail) {}
