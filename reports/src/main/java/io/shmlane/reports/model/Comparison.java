package io.shmlane.reports.model;

import java.util.List;

/**
 * What changed since a previous report.
 *
 * @param previousGeneratedAt when the previous report was written
 * @param previousCommit its git commit, may be null
 * @param previousStatus its status
 * @param newFailures failures now that were not failures then
 * @param fixed failures then that pass now
 * @param testsBefore JUnit test cases then
 * @param testsNow JUnit test cases now
 * @param throughput messages/s per benchmark case in both
 * @param latency p50 and p99 per latency case in both
 * @param newOutcomes jcstress outcomes observed now and not then
 * @param durationBefore the previous build's duration in seconds, null when unknown
 * @param durationNow this build's, null when unknown
 */
public record Comparison(
        String previousGeneratedAt,
        String previousCommit,
        String previousStatus,
        List<Failure> newFailures,
        List<Failure> fixed,
        long testsBefore,
        long testsNow,
        List<Trend> throughput,
        List<Trend> latency,
        List<String> newOutcomes,
        Double durationBefore,
        Double durationNow) {

    /**
     * One number then and now.
     *
     * @param name the case
     * @param unit the unit of both values
     * @param before the previous value
     * @param now this run's value
     * @param changePercent (now - before) / before, in percent
     */
    public record Trend(String name, String unit, double before, double now, double changePercent) {}
}
