package io.shmlane.jcstress.driver;

import io.shmlane.jcstress.driver.TestReport.ConfigurationRow;
import io.shmlane.jcstress.driver.TestReport.OutcomeRow;
import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable summary of a run: a {@link JcstressSummary} (schema in the module's README). */
final class SummaryJson {
    private SummaryJson() {}

    static JcstressSummary summary(final RunReport report) {
        List<JcstressSummary.Test> tests = new ArrayList<>();
        for (TestReport t : report.tests()) {
            tests.add(test(t));
        }
        return new JcstressSummary(
                ResultFiles.SCHEMA_VERSION,
                Instant.now().toString(),
                report.passed() ? Outcome.PASS : Outcome.FAIL,
                report.environment(),
                settings(report),
                new JcstressSummary.Run(
                        report.selected().size(),
                        report.testsRun(),
                        report.exitCode(),
                        report.durationMillis(),
                        path(report.files().reportDirectory()),
                        path(report.files().log()),
                        path(report.files().results()),
                        JcstressDriver.jcstressVersion()),
                report.problems(),
                List.copyOf(tests));
    }

    private static Map<String, Object> settings(final RunReport report) {
        JcstressSettings s = report.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", s.mode());
        settings.put("tests", s.tests());
        settings.put("includeSelfCheck", s.includeSelfCheck());
        settings.put("time", s.time());
        settings.put("iterations", s.iterations());
        settings.put("forks", s.forks());
        settings.put("cpus", s.cpus());
        settings.put("jvmArgs", s.jvmArgs());
        settings.put("jvmArgsPrepend", s.jvmArgsPrepend());
        settings.put("splitCompilation", s.splitCompilation());
        settings.put("extraArgs", s.extraArgs());
        settings.put("timeoutMinutes", s.timeout().toMinutes());
        settings.put("jcstressArguments", s.jcstressArguments());
        return settings;
    }

    private static JcstressSummary.Test test(final TestReport t) {
        List<JcstressSummary.OutcomeRow> outcomes = new ArrayList<>();
        for (OutcomeRow row : t.outcomes()) {
            outcomes.add(new JcstressSummary.OutcomeRow(
                    row.outcome(), row.observed(), row.samples(), row.expect(), row.description()));
        }
        List<JcstressSummary.Configuration> configurations = new ArrayList<>();
        for (ConfigurationRow c : t.configurations()) {
            configurations.add(
                    new JcstressSummary.Configuration(c.jvmArgs(), c.compileMode(), c.status(), c.samples()));
        }
        return new JcstressSummary.Test(
                t.name(),
                t.description(),
                t.isReference(),
                t.reference(),
                t.status(),
                t.verdict(),
                t.reason(),
                t.interesting(),
                t.totalSamples(),
                List.copyOf(outcomes),
                List.copyOf(configurations),
                t.messages());
    }

    private static String path(final Path path) {
        return path == null ? null : path.toAbsolutePath().toString();
    }
}
