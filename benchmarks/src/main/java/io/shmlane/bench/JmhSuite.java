package io.shmlane.bench;

import io.shmlane.bench.jmh.ChannelBenchmark;
import io.shmlane.results.BenchmarkResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH microbenchmarks ({@link ChannelBenchmark}) with {@code -prof gc}: time per operation in one
 * JVM and, what matters here, bytes allocated per operation in steady state
 * ({@code gc.alloc.rate.norm}), which must be 0.
 */
public final class JmhSuite {
    private final int warmupIterations;
    private final int measurementIterations;
    private final Path resultsDir;

    public JmhSuite(final int warmupIterations, final int measurementIterations, final Path resultsDir) {
        this.warmupIterations = warmupIterations;
        this.measurementIterations = measurementIterations;
        this.resultsDir = resultsDir;
    }

    /** One benchmark's time and allocation. */
    public record Allocation(String benchmark, double nanosPerOp, double nanosPerOpError, double bytesPerOp) {
        /** The benchmark as it goes into allocation.json. */
        public BenchmarkResults.Allocation toResult() {
            return new BenchmarkResults.Allocation(benchmark, bytesPerOp, nanosPerOp, nanosPerOpError);
        }
    }

    /** Runs the benchmarks; JMH's own JSON goes to {@code jmh.json}. */
    public List<Allocation> run() throws RunnerException, java.io.IOException {
        Files.createDirectories(resultsDir);
        List<String> jvmArgs = new ArrayList<>(ProcessLauncher.baseJvmArgs());
        jvmArgs.addAll(ProcessLauncher.agronaJvmArgs(false));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ChannelBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measurementIterations)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(resultsDir.resolve("jmh.json").toString());
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Allocation> allocations = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder params = new StringBuilder();
            for (String key : result.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : ",")
                        .append(key)
                        .append('=')
                        .append(result.getParams().getParam(key));
            }
            if (params.length() > 0) {
                name += "(" + params + ")";
            }
            double bytes = Double.NaN;
            for (Map.Entry<String, Result> secondary :
                    result.getSecondaryResults().entrySet()) {
                if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = secondary.getValue().getScore();
                }
            }
            Result primary = result.getPrimaryResult();
            allocations.add(new Allocation(name, primary.getScore(), primary.getScoreError(), bytes));
        }
        return allocations;
    }
}
