package io.shmlane.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How a benchmark run is set up.
 *
 * @param runs throughput runs per case (the median is reported)
 * @param sizes throughput payload sizes in bytes
 * @param transports throughput transports
 * @param warmupNanos throughput warm-up left out of the measured window
 * @param durationNanos throughput measured time
 * @param latencyRuns latency runs per case (their histograms are added)
 * @param latencyTransports latency transports
 * @param latencyPayload latency payload in bytes (the raw cache line moves 8)
 * @param latencyWarmupNanos latency warm-up, not recorded
 * @param latencyDurationNanos latency recorded time
 * @param capacity ring capacity in bytes, for shmlane and Agrona alike
 * @param batch messages per consumer poll (shmlane ring and Agrona alike)
 * @param markShift the consumer's timestamps are {@code 2^markShift} messages apart
 * @param retries how often a disturbed run is repeated (see {@link CpuShare})
 * @param minCpuShare the share of the wall time each busy-spinning side must get for a run to count
 * @param probeNanos recorded time of the machine-state probe (a raw cache-line ping-pong) taken between
 *     two throughput pairs; 0 for no probes
 * @param probeTolerance the largest ratio of the probes before and after a pair for the pair to count as
 *     taken in one machine state
 * @param pairRetries how often a pair taken across a change of state is taken again
 * @param workDir where the channel files and sockets go
 * @param resultsDir where the JSON, the table and the logs go
 */
public record Settings(
        int runs,
        List<Integer> sizes,
        List<Transport> transports,
        long warmupNanos,
        long durationNanos,
        int latencyRuns,
        List<Transport> latencyTransports,
        int latencyPayload,
        long latencyWarmupNanos,
        long latencyDurationNanos,
        int capacity,
        int batch,
        int markShift,
        int retries,
        double minCpuShare,
        long probeNanos,
        double probeTolerance,
        int pairRetries,
        Path workDir,
        Path resultsDir) {

    /** The child configuration shared by every pair of a throughput case. */
    ChildConfig throughputConfig(final Transport transport, final int payload) {
        return new ChildConfig(
                "consume",
                transport,
                workDir,
                payload,
                capacity,
                warmupNanos,
                durationNanos,
                batch,
                markShift,
                0,
                probeNanos);
    }

    /** The child configuration shared by every pair of a latency case. */
    ChildConfig latencyConfig(final Transport transport) {
        return new ChildConfig(
                "pong",
                transport,
                workDir,
                latencyPayload,
                capacity,
                latencyWarmupNanos,
                latencyDurationNanos,
                batch,
                markShift,
                0,
                probeNanos);
    }

    /** The child configuration of a machine-state probe: a short raw cache-line ping-pong. */
    ChildConfig probeConfig() {
        return new ChildConfig(
                "pong",
                Transport.RAW,
                workDir,
                latencyPayload, // the raw lane moves its own 8 bytes whatever the payload
                capacity,
                probeNanos / 2,
                probeNanos,
                batch,
                markShift,
                0,
                0);
    }

    /** Where the sides' logs go. */
    Path logDir() {
        return resultsDir.resolve("logs");
    }

    /** The settings as they go into the results files. */
    java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("runs", runs);
        map.put("payloadSizes", sizes);
        map.put("warmupSeconds", warmupNanos / 1e9);
        map.put("durationSeconds", durationNanos / 1e9);
        map.put("latencyRuns", latencyRuns);
        map.put("latencyPayloadBytes", latencyPayload);
        map.put("latencyWarmupSeconds", latencyWarmupNanos / 1e9);
        map.put("latencyDurationSeconds", latencyDurationNanos / 1e9);
        map.put("ringCapacityBytes", capacity);
        map.put("consumerBatch", batch);
        map.put("channelDirectory", workDir.toString());
        map.put("retries", retries);
        map.put("minCpuShare", minCpuShare);
        map.put("probeSeconds", probeNanos / 1e9);
        map.put("probeTolerance", probeTolerance);
        map.put("pairRetries", pairRetries);
        map.put("jvmArgs", ProcessLauncher.baseJvmArgs());
        return map;
    }
}
