package io.shmlane.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.Comparison;
import io.shmlane.reports.model.JUnitModule;
import io.shmlane.reports.model.ReportData;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The numbers behind the page's charts, as one JSON object embedded in the page ({@code <script
 * type="application/json">}); the page's script hands them to Chart.js. A chart whose data is absent is not drawn.
 */
final class ChartData {
    private ChartData() {}

    static String json(final ReportData report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("time", time(report.junit()));
        BenchmarkRun benchmarks = report.benchmarks();
        if (benchmarks != null && !benchmarks.throughput().isEmpty()) {
            data.put("throughput", throughput(benchmarks, false));
            data.put("bandwidth", throughput(benchmarks, true));
        }
        if (benchmarks != null && !benchmarks.latency().isEmpty()) {
            data.put("latency", latency(benchmarks));
        }
        Comparison comparison = report.comparison();
        if (comparison != null && !comparison.throughput().isEmpty()) {
            data.put("trend", trend(comparison.throughput()));
        }
        try {
            // "<" escaped so that no "</script>" can end the embedding element early; still valid JSON.
            return ReportGenerator.MAPPER.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> time(final List<JUnitModule> junit) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (JUnitModule module : junit) {
            labels.add(module.module() + " (" + module.kind() + ")");
            values.add(Math.round(module.seconds() * 10) / 10.0);
        }
        return Map.of("labels", labels, "values", values);
    }

    /** One dataset per transport; the x axis is the payload size. */
    private static Map<String, Object> throughput(final BenchmarkRun run, final boolean megabytes) {
        TreeSet<Integer> sizes = new TreeSet<>();
        Map<String, Map<Integer, Double>> byTransport = new LinkedHashMap<>();
        for (BenchmarkRun.Throughput t : run.throughput()) {
            sizes.add(t.payloadBytes());
            byTransport
                    .computeIfAbsent(t.transport(), k -> new LinkedHashMap<>())
                    .put(t.payloadBytes(), megabytes ? t.megabytesPerSecond() : t.messagesPerSecond());
        }
        Format format = new Format();
        List<String> labels = sizes.stream().map(format::bytes).toList();
        List<Map<String, Object>> datasets = new ArrayList<>();
        byTransport.forEach((transport, values) -> {
            List<Double> data = new ArrayList<>();
            sizes.forEach(size -> data.add(values.get(size)));
            datasets.add(dataset(transport, data));
        });
        return Map.of("labels", labels, "datasets", datasets);
    }

    /** One dataset per transport and payload; the x axis is the percentile. */
    private static Map<String, Object> latency(final BenchmarkRun run) {
        Format format = new Format();
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (BenchmarkRun.Latency l : run.latency()) {
            List<Double> data = new ArrayList<>();
            data.add(l.p50());
            data.add(l.p90());
            data.add(l.p99());
            data.add(l.p999());
            data.add(l.max());
            datasets.add(dataset(l.transport() + ", " + format.bytes(l.payloadBytes()), data));
        }
        return Map.of("labels", List.of("p50", "p90", "p99", "p99.9", "max"), "datasets", datasets);
    }

    private static Map<String, Object> trend(final List<Comparison.Trend> trends) {
        List<String> labels = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<Double> now = new ArrayList<>();
        for (Comparison.Trend t : trends) {
            labels.add(t.name());
            before.add(t.before());
            now.add(t.now());
        }
        return Map.of("labels", labels, "datasets", List.of(dataset("previous run", before), dataset("this run", now)));
    }

    private static Map<String, Object> dataset(final String label, final List<Double> data) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", label);
        dataset.put("data", data);
        return dataset;
    }
}
