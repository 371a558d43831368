package io.shmlane.reports.model;

import java.util.List;

/**
 * Benchmark results, from {@code benchmarks/target/results/*.json} (what the report reads is in {@code
 * reports/README.md}).
 *
 * @param stale whether every file predates this build
 * @param resultsFrom ISO-8601 time of the newest file
 * @param files the files read, relative to the project
 * @param machine the machine they were measured on, in words, may be null
 * @param throughput cross-process throughput cases
 * @param latency round-trip latency cases
 * @param ratios ratios and goals
 * @param allocation allocation per operation
 */
public record BenchmarkRun(
        boolean stale,
        String resultsFrom,
        List<String> files,
        String machine,
        List<Throughput> throughput,
        List<Latency> latency,
        List<Ratio> ratios,
        List<Allocation> allocation,
        List<Cpu> cpu) {

    /** Cases of every kind. */
    public long cases() {
        return (long) throughput.size() + latency.size() + allocation.size() + cpu.size();
    }

    /** Ratios whose goal was not met. */
    public long goalsMissed() {
        return ratios.stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
    }

    /**
     * Throughput of one transport at one payload size: the median of its runs, with the slowest and fastest run.
     *
     * @param transport e.g. {@code shmlane-ring}, {@code shmlane-mailbox}, {@code naive}, {@code agrona}, {@code
     *     uds}, {@code tcp}
     * @param payloadBytes message payload
     * @param messagesPerSecond messages per second, null when not measured
     * @param messagesPerSecondMin the slowest run, null when unknown
     * @param messagesPerSecondMax the fastest run, null when unknown
     * @param megabytesPerSecond payload megabytes (10^6 bytes) per second, null when not measured
     * @param runs how many runs the median is of, null when unknown
     * @param lost messages lost per run (the naive reference), null when not counted
     * @param verified whether every message arrived once, in order, whole; null when unknown
     */
    public record Throughput(
            String transport,
            int payloadBytes,
            Double messagesPerSecond,
            Double messagesPerSecondMin,
            Double messagesPerSecondMax,
            Double megabytesPerSecond,
            Integer runs,
            Long lost,
            Boolean verified) {}

    /**
     * Round-trip latency percentiles of one transport, in nanoseconds; a percentile not measured is null.
     *
     * @param transport as in {@link Throughput}, plus {@code raw-cache-line} for the physical limit
     * @param payloadBytes message payload
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max maximum
     * @param samples round trips measured, null when unknown
     * @param waiting how the sides wait ({@code busy-spin}, {@code blocking}), null when unknown
     */
    public record Latency(
            String transport,
            int payloadBytes,
            Double p50,
            Double p90,
            Double p99,
            Double p999,
            Double max,
            Long samples,
            String waiting) {}

    /**
     * A ratio computed in the same run, with its goal.
     *
     * @param name what it is, e.g. {@code ring / agrona throughput, 32 B}
     * @param value the ratio
     * @param goal the goal in words, e.g. {@code >= 1.2}, may be null
     * @param met whether the goal is met, null when there is none
     * @param meaning how to read it, may be null
     */
    public record Ratio(String name, Double value, String goal, Boolean met, String meaning) {}

    /**
     * JMH allocation of one benchmark ({@code -prof gc}, {@code gc.alloc.rate.norm}).
     *
     * @param benchmark the JMH benchmark
     * @param bytesPerOp bytes allocated per operation
     * @param nanosPerOp time per operation, null when unknown
     */
    public record Allocation(String benchmark, double bytesPerOp, Double nanosPerOp) {}

    /**
     * CPU per message of one subject in one thread, at one payload size and in one phase, paired slice by slice with
     * the reference ({@code benchmarks.jar cpu}).
     *
     * @param subject {@code shmlane-ring}, {@code agrona} or {@code shmlane-ring@baseline}
     * @param phase {@code offer}, {@code poll} or {@code offer+poll}
     * @param payloadBytes message payload
     * @param nanosPerMessage median of the slices
     * @param reference the subject of the ratio, null for the reference itself
     * @param ratio median of the paired ratios subject / reference, null for the reference
     * @param ratioLow 10th percentile of those ratios, null when none
     * @param ratioHigh 90th percentile of those ratios, null when none
     */
    public record Cpu(
            String subject,
            String phase,
            int payloadBytes,
            Double nanosPerMessage,
            String reference,
            Double ratio,
            Double ratioLow,
            Double ratioHigh) {}
}
