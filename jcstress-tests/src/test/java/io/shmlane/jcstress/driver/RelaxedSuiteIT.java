package io.shmlane.jcstress.driver;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.shmlane.jcstress.OutsideRelaxedModel;
import io.shmlane.relaxed.RelaxedClassLoader;
import io.shmlane.relaxed.RelaxedResult;
import io.shmlane.relaxed.RelaxedRunner;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The jcstress tests again, under the relaxed memory model of {@code shmlane-relaxed}: the protocol's
 * real classes and the tests' handlers, rewritten at load time so that every buffer access gets only
 * the guarantees of its access mode (ARM- and POWER-like reorderings, stale reads), executed from
 * seeds by a scheduler that interleaves the actors at every access. On x86 this is what makes a
 * missing release or acquire fail the build.
 *
 * <p>One JUnit test per jcstress test: a FORBIDDEN outcome, an actor's exception or a data race
 * between plain accesses fails it, with the seed and a trace of the execution replayed from it.
 * Reference tests (the naive protocol) never fail; their table shows what the model exposes.
 *
 * <p>Properties: {@code relaxed.executions} (default 20,000 per test), {@code relaxed.seed}
 * (default 1), {@code relaxed.tests} (regex found in the name), {@code relaxed.budget} (seconds per
 * test, default 10), {@code relaxed.replay} (run only that execution seed, with its trace),
 * {@code relaxed.failFast} (stop each test at its first failure and skip the tests after a failure:
 * the hunt's mutant stage).
 */
class RelaxedSuiteIT {
    private static final List<String> REWRITTEN = List.of("io.shmlane.");
    private static final List<RelaxedSummaryJson.Entry> RESULTS = new CopyOnWriteArrayList<>();
    private static final long START = System.currentTimeMillis();
    private static final Map<String, Object> SETTINGS = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicTest> relaxedTests() throws IOException {
        int executions = Integer.getInteger("relaxed.executions", 20_000);
        long seed = Long.getLong("relaxed.seed", 1L);
        Duration budget = Duration.ofSeconds(Long.getLong("relaxed.budget", 10L));
        String tests = System.getProperty("relaxed.tests", "");
        String replay = System.getProperty("relaxed.replay", "");
        boolean failFast = Boolean.getBoolean("relaxed.failFast");
        boolean[] failed = {false};
        SETTINGS.put("mode", "relaxed");
        SETTINGS.put("executions", executions);
        SETTINGS.put("seed", seed);
        SETTINGS.put("tests", tests);
        SETTINGS.put("budgetSeconds", budget.toSeconds());
        SETTINGS.put("failFast", failFast);
        TestCatalog catalog = TestCatalog.load();
        Path out = Path.of(System.getProperty("jcstress.buildDirectory", "target"), "relaxed");
        Files.createDirectories(out);
        RelaxedClassLoader loader = new RelaxedClassLoader(RelaxedSuiteIT.class.getClassLoader(), REWRITTEN);
        List<DynamicTest> result = new ArrayList<>();
        for (String name : catalog.select(tests.isEmpty() ? ".*" : tests, false)) {
            TestInfo info = TestList.getInfo(name);
            TestCatalog.Entry entry = catalog.entry(name);
            result.add(dynamicTest(name.replace("io.shmlane.jcstress.", ""), () -> {
                OutsideRelaxedModel outside = Class.forName(info.binaryName()).getAnnotation(OutsideRelaxedModel.class);
                if (outside != null) {
                    RESULTS.add(new RelaxedSummaryJson.Entry(entry, null, "outside the model: " + outside.value()));
                }
                Assumptions.assumeTrue(outside == null, () -> "outside the relaxed model: " + outside.value());
                Class<?> test = loader.loadClass(info.binaryName());
                if (!replay.isEmpty()) {
                    RelaxedRunner.Replay r =
                            RelaxedRunner.replay(test, Long.parseLong(replay), RelaxedRunner.DEFAULT_STEP_LIMIT);
                    System.out.println(name + " seed " + replay + ": " + r.outcome() + " " + r.failure());
                    r.trace().forEach(System.out::println);
                    return;
                }
                if (failFast && failed[0]) {
                    RESULTS.add(new RelaxedSummaryJson.Entry(entry, null, "relaxed.failFast: an earlier test failed"));
                }
                Assumptions.assumeFalse(failFast && failed[0], "relaxed.failFast: an earlier test failed");
                RelaxedRunner.Settings settings =
                        RelaxedRunner.Settings.of(executions, seed).withBudget(budget);
                RelaxedResult run = RelaxedRunner.run(test, failFast ? settings.stoppingAtFailure() : settings);
                String text = run.describe();
                Files.writeString(out.resolve(info.binaryName() + ".txt"), text);
                RESULTS.add(new RelaxedSummaryJson.Entry(entry, run.simulated() ? run : null, run.notSimulated()));
                System.out.println(text);
                Assumptions.assumeTrue(run.simulated(), () -> "not simulated: " + run.notSimulated());
                if (!entry.isReference() && !run.passed()) {
                    failed[0] = true;
                    fail(text);
                }
            }));
        }
        return result.stream();
    }

    @AfterAll
    static void writeSummary() throws IOException {
        if (RESULTS.isEmpty()) {
            return;
        }
        Path summary = Path.of(System.getProperty("jcstress.buildDirectory", "target"), "relaxed-summary.json");
        ResultFiles.write(summary, RelaxedSummaryJson.summary(RESULTS, System.currentTimeMillis() - START, SETTINGS));
    }
}
