package io.shmlane.reports;

import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.CaughtDefect;
import io.shmlane.reports.model.JcstressOutcome;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.JcstressTest;
import io.shmlane.reports.model.ProcessRun;
import io.shmlane.reports.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the suite detected in the known-broken references: the jcstress reference tests' interesting outcomes, the
 * naive channel's losses in the process scenarios and in the benchmarks. A defect not observed in this run is listed
 * too, as not caught, so that a suite that stopped seeing it shows.
 */
final class NaiveDefects {
    private NaiveDefects() {}

    /** As {@link #find(JcstressRun, JcstressRun, ProcessRun, BenchmarkRun)} without a relaxed run. */
    static List<CaughtDefect> find(
            final JcstressRun jcstress, final ProcessRun process, final BenchmarkRun benchmarks) {
        return find(jcstress, null, process, benchmarks);
    }

    /**
     * The defects of the references in the native jcstress run, in the relaxed-model run (where the
     * hardware's reorderings show on any machine), in the process scenarios and in the benchmarks.
     */
    static List<CaughtDefect> find(
            final JcstressRun jcstress,
            final JcstressRun relaxed,
            final ProcessRun process,
            final BenchmarkRun benchmarks) {
        List<CaughtDefect> defects = new ArrayList<>();
        if (jcstress != null) {
            for (JcstressTest test : jcstress.tests()) {
                if (test.reference()) {
                    defects.addAll(jcstress(test, jcstress.arch(), "jcstress", "samples"));
                }
            }
        }
        if (relaxed != null) {
            for (JcstressTest test : relaxed.tests()) {
                if (test.reference() && !"NOT_RUN".equals(test.verdict())) {
                    defects.addAll(jcstress(test, "the relaxed model", "jcstress (relaxed model)", "executions"));
                }
            }
        }
        if (process != null) {
            for (Scenario scenario : process.scenarios()) {
                if ("naive".equalsIgnoreCase(scenario.channel())) {
                    defects.add(new CaughtDefect(
                            "process",
                            scenario.scenario(),
                            "the naive channel overwrites messages before they are read",
                            String.format(
                                    Locale.ROOT,
                                    "lost %,d, duplicated %,d, reordered %,d, torn %,d of %,d messages",
                                    scenario.lost(),
                                    scenario.duplicated(),
                                    scenario.reordered(),
                                    scenario.torn(),
                                    scenario.messages()),
                            scenario.deliveryDefect(),
                            scenario.anchor()));
                }
            }
        }
        if (benchmarks != null) {
            for (BenchmarkRun.Throughput t : benchmarks.throughput()) {
                if (t.transport() != null
                        && t.transport().toLowerCase(Locale.ROOT).contains("naive")
                        && t.lost() != null) {
                    defects.add(new CaughtDefect(
                            "benchmarks",
                            t.transport() + ", " + t.payloadBytes() + " B",
                            "the naive channel loses messages at full speed",
                            String.format(
                                    Locale.ROOT,
                                    "lost %,d per run at %s messages/s",
                                    t.lost(),
                                    t.messagesPerSecond() == null
                                            ? "?"
                                            : String.format(Locale.ROOT, "%,.0f", t.messagesPerSecond())),
                            t.lost() > 0,
                            "benchmarks"));
                }
            }
        }
        return List.copyOf(defects);
    }

    private static List<CaughtDefect> jcstress(
            final JcstressTest test, final String arch, final String area, final String unit) {
        List<CaughtDefect> defects = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        for (JcstressOutcome outcome : test.outcomes()) {
            if (!"ACCEPTABLE_INTERESTING".equals(outcome.expect())) {
                continue;
            }
            String defect = Objects.toString(outcome.description(), outcome.outcome());
            if (outcome.samples() > 0) {
                defects.add(new CaughtDefect(
                        area,
                        test.shortName(),
                        defect,
                        String.format(
                                Locale.ROOT,
                                "outcome \"%s\" observed %,d times in %,d %s (%.3f%%)",
                                outcome.outcome(),
                                outcome.samples(),
                                test.samples(),
                                unit,
                                outcome.percent()),
                        true,
                        test.anchor()));
            } else {
                unseen.add(defect);
            }
        }
        if (defects.isEmpty()) {
            String defect =
                    unseen.isEmpty() ? Objects.toString(test.referenceReason(), test.description()) : unseen.get(0);
            defects.add(new CaughtDefect(
                    area,
                    test.shortName(),
                    defect,
                    String.format(
                            Locale.ROOT,
                            "not observed in %,d %s on %s (the test's Javadoc says where it is expected)",
                            test.samples(),
                            unit,
                            Objects.toString(arch, "this machine")),
                    false,
                    test.anchor()));
        }
        return defects;
    }
}
