package io.shmlane.jcstress.driver;

import io.shmlane.jcstress.driver.TestReport.ConfigurationRow;
import io.shmlane.jcstress.driver.TestReport.OutcomeRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable summary of a run; its schema is documented in the module's README. */
final class SummaryJson {
    /** Version of the schema below; bumped on any incompatible change. */
    static final int SCHEMA_VERSION = 1;

    private SummaryJson() {}

    static String write(final RunReport report) {
        return Json.write(toMap(report));
    }

    static Map<String, Object> toMap(final RunReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("generatedAt", Instant.now().toString());
        root.put("verdict", report.passed() ? "PASS" : "FAIL");
        root.put("environment", report.environment());
        root.put("settings", settings(report));
        root.put("run", run(report));
        root.put("problems", report.problems());
        List<Object> tests = new ArrayList<>();
        for (TestReport t : report.tests()) {
            tests.add(test(t));
        }
        root.put("tests", tests);
        return root;
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

    private static Map<String, Object> run(final RunReport report) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("testsExpected", report.selected().size());
        run.put("testsRun", report.testsRun());
        run.put("exitCode", report.exitCode());
        run.put("durationMillis", report.durationMillis());
        run.put("reportDirectory", path(report.files().reportDirectory()));
        run.put("log", path(report.files().log()));
        run.put("resultsFile", path(report.files().results()));
        return run;
    }

    private static Map<String, Object> test(final TestReport t) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", t.name());
        test.put("description", t.description());
        test.put("reference", t.isReference());
        test.put("referenceReason", t.reference());
        test.put("status", t.status());
        test.put("verdict", t.verdict().name());
        test.put("reason", t.reason());
        test.put("interesting", t.interesting());
        test.put("samples", t.totalSamples());
        List<Object> outcomes = new ArrayList<>();
        for (OutcomeRow row : t.outcomes()) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("outcome", row.outcome());
            outcome.put("observed", row.observed());
            outcome.put("samples", row.samples());
            outcome.put("expect", row.expect());
            outcome.put("description", row.description());
            outcomes.add(outcome);
        }
        test.put("outcomes", outcomes);
        List<Object> configurations = new ArrayList<>();
        for (ConfigurationRow c : t.configurations()) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("jvmArgs", c.jvmArgs());
            configuration.put("compileMode", c.compileMode());
            configuration.put("status", c.status());
            configuration.put("samples", c.samples());
            configurations.add(configuration);
        }
        test.put("configurations", configurations);
        test.put("messages", t.messages());
        return test;
    }

    private static String path(final Path path) {
        return path == null ? null : path.toAbsolutePath().toString();
    }
}
