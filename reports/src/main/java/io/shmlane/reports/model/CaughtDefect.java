package io.shmlane.reports.model;

/**
 * A defect of a known-broken reference (the naive channel, a plain version read) and whether the suite detected it
 * in this run.
 *
 * @param where {@code jcstress}, {@code process} or {@code benchmarks}
 * @param test the test or scenario
 * @param defect what is wrong, in words
 * @param evidence what was observed, with counts
 * @param caught whether this run observed it
 * @param anchor the id of the test's element on the page
 */
public record CaughtDefect(String where, String test, String defect, String evidence, boolean caught, String anchor) {}
