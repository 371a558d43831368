package io.shmlane.reports;

import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.Comparison;
import io.shmlane.reports.model.Comparison.Trend;
import io.shmlane.reports.model.Failure;
import io.shmlane.reports.model.JUnitModule;
import io.shmlane.reports.model.JcstressOutcome;
import io.shmlane.reports.model.JcstressTest;
import io.shmlane.reports.model.ReportData;
import io.shmlane.reports.model.Scenario;
import io.shmlane.results.JUnitCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Compares a report with an earlier one ({@code report-data.json}): failures, fixes, jcstress outcomes, speed. */
final class RunComparison {
    private RunComparison() {}

    static Comparison compare(final ReportData previous, final ReportData now) {
        Set<String> failedBefore = keys(previous.failures());
        Set<String> failedNow = keys(now.failures());
        List<Failure> newFailures = now.failures().stream()
                .filter(f -> !failedBefore.contains(f.key()))
                .toList();
        Set<String> passingNow = passingKeys(now);
        List<Failure> fixed = previous.failures().stream()
                .filter(f -> !failedNow.contains(f.key()) && passingNow.contains(f.key()))
                .toList();
        return new Comparison(
                previous.generatedAt(),
                previous.environment() == null ? null : previous.environment().gitCommit(),
                previous.status(),
                newFailures,
                fixed,
                junitTests(previous),
                junitTests(now),
                throughput(previous.benchmarks(), now.benchmarks()),
                latency(previous.benchmarks(), now.benchmarks()),
                newOutcomes(previous, now),
                previous.environment() == null ? null : previous.environment().durationSeconds(),
                now.environment() == null ? null : now.environment().durationSeconds());
    }

    private static Set<String> keys(final List<Failure> failures) {
        Set<String> keys = new HashSet<>();
        failures.forEach(f -> keys.add(f.key()));
        return keys;
    }

    /** The failure keys of everything that ran and passed in {@code report}. */
    private static Set<String> passingKeys(final ReportData report) {
        Set<String> keys = new HashSet<>();
        for (JUnitModule module : report.junit()) {
            for (JUnitCase c : module.cases()) {
                if ("PASSED".equals(c.status())) {
                    keys.add("junit:" + module.module() + ":" + c.className() + "#" + c.name());
                }
            }
        }
        if (report.jcstress() != null) {
            report.jcstress().tests().stream()
                    .filter(JcstressTest::passed)
                    .forEach(t -> keys.add("jcstress:" + t.name()));
        }
        if (report.process() != null) {
            report.process().scenarios().stream()
                    .filter(s -> "passed".equalsIgnoreCase(s.outcome()))
                    .map(Scenario::scenario)
                    .forEach(s -> keys.add("process:" + s));
        }
        return keys;
    }

    private static long junitTests(final ReportData report) {
        return report.junit().stream().mapToLong(JUnitModule::tests).sum();
    }

    private static List<String> newOutcomes(final ReportData previous, final ReportData now) {
        List<String> list = new ArrayList<>();
        if (previous.jcstress() == null || now.jcstress() == null) {
            return list;
        }
        Map<String, JcstressTest> before = new HashMap<>();
        previous.jcstress().tests().forEach(t -> before.put(t.name(), t));
        for (JcstressTest test : now.jcstress().tests()) {
            JcstressTest old = before.get(test.name());
            if (old == null) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            old.outcomes().stream().filter(o -> o.samples() > 0).forEach(o -> seen.add(o.outcome()));
            for (JcstressOutcome outcome : test.outcomes()) {
                if (outcome.samples() > 0 && !seen.contains(outcome.outcome())) {
                    list.add(String.format(
                            Locale.ROOT,
                            "%s: \"%s\" (%s) observed %,d times",
                            test.shortName(),
                            outcome.outcome(),
                            outcome.expect(),
                            outcome.samples()));
                }
            }
        }
        return list;
    }

    private static List<Trend> throughput(final BenchmarkRun before, final BenchmarkRun now) {
        if (before == null || now == null) {
            return List.of();
        }
        Function<BenchmarkRun.Throughput, String> key = t -> t.transport() + ", " + t.payloadBytes() + " B";
        Map<String, Double> old = new LinkedHashMap<>();
        before.throughput().stream()
                .filter(t -> t.messagesPerSecond() != null)
                .forEach(t -> old.put(key.apply(t), t.messagesPerSecond()));
        List<Trend> trends = new ArrayList<>();
        for (BenchmarkRun.Throughput t : now.throughput()) {
            Double was = old.get(key.apply(t));
            if (was != null && t.messagesPerSecond() != null) {
                trends.add(trend(key.apply(t), "messages/s", was, t.messagesPerSecond()));
            }
        }
        return trends;
    }

    private static List<Trend> latency(final BenchmarkRun before, final BenchmarkRun now) {
        if (before == null || now == null) {
            return List.of();
        }
        Function<BenchmarkRun.Latency, String> key = l -> l.transport() + ", " + l.payloadBytes() + " B";
        Map<String, BenchmarkRun.Latency> old = new LinkedHashMap<>();
        before.latency().forEach(l -> old.put(key.apply(l), l));
        List<Trend> trends = new ArrayList<>();
        for (BenchmarkRun.Latency l : now.latency()) {
            BenchmarkRun.Latency was = old.get(key.apply(l));
            if (was == null) {
                continue;
            }
            if (was.p50() != null && l.p50() != null) {
                trends.add(trend(key.apply(l) + ", p50", "ns", was.p50(), l.p50()));
            }
            if (was.p99() != null && l.p99() != null) {
                trends.add(trend(key.apply(l) + ", p99", "ns", was.p99(), l.p99()));
            }
        }
        return trends;
    }

    private static Trend trend(final String name, final String unit, final double before, final double now) {
        double change = before == 0 ? 0 : 100.0 * (now - before) / before;
        return new Trend(name, unit, before, now, change);
    }
}
