package io.shmlane.results;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;

/**
 * One file of {@code benchmarks/target/results/}: {@code throughput.json}, {@code latency.json}, {@code ratios.json},
 * {@code cpu.json} or {@code allocation.json}, its {@code kind}, with the matching section filled (documented in {@code
 * benchmarks/README.md}). A file may hold several sections side by side.
 *
 * @param schemaVersion {@link ResultFiles#SCHEMA_VERSION} when written
 * @param kind {@code throughput}, {@code latency}, {@code ratios}, {@code cpu} or {@code allocation}
 * @param startedAt ISO-8601 start of the measurement
 * @param finishedAt ISO-8601 end of the measurement
 * @param machine where it ran, with the load average at the start
 * @param loadAverage1mAtEnd the 1-minute load average at the end, null where there is none
 * @param settings the run's settings
 * @param unit the unit of the latency section's values ({@code ns}, {@code us}, {@code ms})
 * @param profiler the JMH profiler of the allocation section
 * @param throughput producer JVM to consumer JVM, per transport and payload
 * @param latency round trips, per transport and payload
 * @param ratios ratios between transports of the same run
 * @param allocation JMH time and allocation per benchmark
 * @param cpu CPU per message in one thread, per subject, phase and payload, paired with a reference
 */
public record BenchmarkResults(
        int schemaVersion,
        String kind,
        String startedAt,
        String finishedAt,
        Environment machine,
        Double loadAverage1mAtEnd,
        Map<String, Object> settings,
        String unit,
        String profiler,
        List<Throughput> throughput,
        List<Latency> latency,
        List<Ratio> ratios,
        List<Allocation> allocation,
        List<CpuCost> cpu) {

    /**
     * Throughput of one transport and payload: the median of the runs, with the spread.
     *
     * @param transport the transport's label
     * @param payloadBytes the payload size
     * @param runs measured runs
     * @param messagesPerSecond median rate
     * @param messagesPerSecondMin slowest run
     * @param messagesPerSecondMax fastest run
     * @param megabytesPerSecond median payload bandwidth
     * @param megabytesPerSecondMin slowest run
     * @param megabytesPerSecondMax fastest run
     * @param messagesPerSecondRuns rate run by run
     * @param meanBatchRuns the consumer's mean batch, run by run
     * @param cpuShareRuns the CPU share of the pair, run by run
     * @param retries disturbed runs repeated
     * @param probeNanosRuns the machine-state probe before and after each run
     * @param lost median messages lost per run (the naive channel)
     * @param sentPerSecond median rate of sending
     * @param sent messages sent in all runs
     * @param received messages received in all runs
     * @param verified whether every run delivered everything once, in order, intact
     * @param pairProbeNanosRuns the raw round trip of each run's own two JVMs, before and after it
     *     (null entries where none was taken)
     */
    public record Throughput(
            String transport,
            int payloadBytes,
            Integer runs,
            Double messagesPerSecond,
            Double messagesPerSecondMin,
            Double messagesPerSecondMax,
            Double megabytesPerSecond,
            Double megabytesPerSecondMin,
            Double megabytesPerSecondMax,
            List<Double> messagesPerSecondRuns,
            List<Double> meanBatchRuns,
            List<Double> cpuShareRuns,
            Integer retries,
            List<List<Double>> probeNanosRuns,
            Long lost,
            Double sentPerSecond,
            Long sent,
            Long received,
            Boolean verified,
            List<List<Double>> pairProbeNanosRuns) {}

    /**
     * Round-trip latency of one transport and payload, all runs together.
     *
     * @param transport the transport's label
     * @param payloadBytes the payload size
     * @param runs measured runs
     * @param samples round trips recorded
     * @param waiting {@code busy-spin} or {@code blocking}
     * @param unit the unit of the values when it differs from the file's
     * @param min the fastest round trip
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max the slowest round trip
     * @param mean the mean
     * @param p50Runs the median run by run
     * @param p50Min the lowest median of a run
     * @param p50Max the highest median of a run
     * @param badEchoes round trips whose echo did not match
     * @param cpuShareRuns the CPU share of the pair, run by run
     * @param retries disturbed runs repeated
     * @param probeNanosRuns the machine-state probe before and after each run
     * @param pairProbeNanosRuns the raw round trip of each run's own two JVMs, before and after it
     *     (null entries where none was taken)
     */
    public record Latency(
            String transport,
            int payloadBytes,
            Integer runs,
            Long samples,
            String waiting,
            String unit,
            Double min,
            Double p50,
            Double p90,
            Double p99,
            @JsonAlias("p99.9") Double p999,
            Double max,
            Double mean,
            List<Double> p50Runs,
            Double p50Min,
            Double p50Max,
            Long badEchoes,
            List<Double> cpuShareRuns,
            Integer retries,
            List<List<Double>> probeNanosRuns,
            List<List<Double>> pairProbeNanosRuns) {}

    /**
     * A ratio between two measurements of the same run.
     *
     * @param name what is divided by what
     * @param value the ratio, null when a side is missing
     * @param goal the goal in words, null when there is none
     * @param met whether the goal is met, null when there is none
     * @param meaning how to read it
     * @param runs the ratio run by run, null when not measured so
     */
    public record Ratio(String name, Double value, String goal, Boolean met, String meaning, List<Double> runs) {}

    /**
     * One JMH benchmark's time and allocation.
     *
     * @param benchmark the benchmark method
     * @param bytesPerOp {@code gc.alloc.rate.norm}
     * @param nanosPerOp average time
     * @param nanosPerOpError its error
     */
    public record Allocation(String benchmark, double bytesPerOp, Double nanosPerOp, Double nanosPerOpError) {}

    /**
     * CPU per message of one subject in one thread, at one payload size and in one phase, from slices
     * that alternated with the reference's in one JVM.
     *
     * @param subject {@code shmlane-ring}, {@code agrona} or {@code shmlane-ring@baseline}
     * @param phase {@code offer} (the producer's side), {@code poll} (the consumer's) or {@code
     *     offer+poll}
     * @param payloadBytes the payload size
     * @param slices slices measured
     * @param nanosPerMessage median of the slices
     * @param nanosPerMessageLow 10th percentile of the slices
     * @param nanosPerMessageHigh 90th percentile of the slices
     * @param reference the subject of the ratio, null for the reference itself
     * @param ratio median of the slice-by-slice ratios subject / reference, null for the reference
     * @param ratioLow 10th percentile of those ratios
     * @param ratioHigh 90th percentile of those ratios
     */
    public record CpuCost(
            String subject,
            String phase,
            int payloadBytes,
            Integer slices,
            Double nanosPerMessage,
            Double nanosPerMessageLow,
            Double nanosPerMessageHigh,
            String reference,
            Double ratio,
            Double ratioLow,
            Double ratioHigh) {}
}
