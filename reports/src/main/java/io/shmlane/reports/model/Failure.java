package io.shmlane.reports.model;

/**
 * One failure, from any source.
 *
 * @param key stable identity used to compare runs: {@code junit:MODULE:CLASS#NAME}, {@code jcstress:TEST},
 *     {@code jcstress-run:PROBLEM}, {@code process:SCENARIO}, {@code hunt-mutant:NAME} (a surviving mutant) or
 *     {@code hunt-round:SLICE on JDK/JIT} (a failed hunt round)
 * @param area the area id
 * @param where the source: the module and plugin, or the summary file
 * @param name the test, class and method, or the scenario
 * @param message the failure message
 * @param detail a stack trace or longer text, may be empty
 * @param anchor the id of the element of the page that shows it in context
 * @param stale whether it comes from a result file older than this build
 */
public record Failure(
        String key,
        String area,
        String where,
        String name,
        String message,
        String detail,
        String anchor,
        boolean stale) {}
