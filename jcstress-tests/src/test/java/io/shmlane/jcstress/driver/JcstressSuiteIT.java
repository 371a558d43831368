package io.shmlane.jcstress.driver;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the jcstress tests selected by the {@code jcstress.*} system properties (see
 * {@link JcstressSettings}) once, then reports one JUnit test per selected jcstress test, with its
 * outcome table in the failure message, plus one test for the run as a whole: it fails when nothing
 * matched, when jcstress ran fewer or other tests than selected, or when it failed.
 */
class JcstressSuiteIT {
    @TestFactory
    Stream<DynamicTest> jcstressTests() {
        JcstressSettings settings = JcstressSettings.fromSystemProperties();
        RunReport report = JcstressDriver.run(settings, settings.buildDirectory());
        DynamicTest run = dynamicTest(
                "jcstress ran " + report.testsRun() + " of " + report.selected().size() + " selected tests", () -> {
                    if (!report.problems().isEmpty()) {
                        fail(String.join(System.lineSeparator(), report.problems()) + System.lineSeparator()
                                + "summary: " + report.files().summary().toAbsolutePath());
                    }
                });
        Stream<DynamicTest> tests = report.tests().stream()
                .map(test -> dynamicTest(test.name().replace("io.shmlane.jcstress.", ""), () -> {
                    if (!test.verdict().passes()) {
                        fail(FailureMessages.describe(test, report));
                    }
                }));
        return Stream.concat(Stream.of(run), tests);
    }
}
