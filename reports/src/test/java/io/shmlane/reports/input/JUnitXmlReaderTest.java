package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.reports.FixtureProject;
import io.shmlane.results.JUnitCase;
import io.shmlane.results.JUnitSuite;
import io.shmlane.results.JUnitXmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlReaderTest {
    @TempDir
    Path temp;

    @Test
    void shouldReadEveryCaseOfARealSurefireReport() throws IOException {
        JUnitSuite suite = JUnitXmlReader.read(FixtureProject.fixture("junit/TEST-io.shmlane.ring.RingTest.xml"));

        assertThat(suite.name()).isEqualTo("io.shmlane.ring.RingTest");
        assertThat(suite.seconds()).isEqualTo(14.287);
        assertThat(suite.cases()).hasSize(21).allMatch(c -> "PASSED".equals(c.status()));
        assertThat(suite.cases())
                .filteredOn(c -> c.name().equals("shouldDeliverRandomSizedMessagesIntactBetweenTwoThreads"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.className()).isEqualTo("io.shmlane.ring.RingTest");
                    assertThat(c.seconds()).isEqualTo(13.601);
                    assertThat(c.message()).isNull();
                });
        assertThat(suite.cases())
                .extracting(JUnitCase::name)
                .contains("shouldKeepWorkingWithPositionsNearOverflow(long)[1]");
    }

    @Test
    void shouldReadTheMessageAndStackTraceOfARealFailsafeFailure() throws IOException {
        JUnitSuite suite = JUnitXmlReader.read(
                FixtureProject.fixture("junit/failsafe-TEST-io.shmlane.jcstress.driver.JcstressSuiteIT.xml"));

        assertThat(suite.cases()).hasSize(2);
        JUnitCase failed =
                suite.cases().stream().filter(JUnitCase::failed).findFirst().orElseThrow();
        assertThat(failed.name()).isEqualTo("jcstressTests() selfcheck.AlwaysForbidden");
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.type()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failed.message())
                .startsWith("FAIL io.shmlane.jcstress.selfcheck.AlwaysForbidden: FORBIDDEN outcome \"1\" observed "
                        + "409,145,382 times");
        assertThat(failed.detail())
                .startsWith("org.opentest4j.AssertionFailedError:")
                .contains("\tat ");
        assertThat(suite.cases()).filteredOn(c -> !c.failed()).hasSize(1);
    }

    @Test
    void shouldCountFailuresFromTheCasesOfARealSurefireReport() throws IOException {
        JUnitSuite suite = JUnitXmlReader.read(
                FixtureProject.fixture("junit/surefire-TEST-io.shmlane.jcstress.driver.JcstressSuiteIT.xml"));

        assertThat(suite.cases()).hasSize(22);
        assertThat(suite.cases())
                .filteredOn(JUnitCase::failed)
                .extracting(JUnitCase::name)
                .containsExactly(
                        "jcstressTests()[1]", "jcstressTests()[5]", "jcstressTests()[9]", "jcstressTests()[14]");
    }

    /** Surefire's format for errors, skips and reruns; written by hand, the build's own reports have none yet. */
    @Test
    void shouldReadErrorsSkipsAndFlakyReruns() throws IOException {
        Path file = temp.resolve("TEST-x.ExampleTest.xml");
        Files.writeString(
                file,
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="x.ExampleTest" time="1,234.5" tests="4" errors="1" skipped="1" failures="0">
                  <testcase name="errs" classname="x.ExampleTest" time="0.5">
                    <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom
                	at x.ExampleTest.errs(ExampleTest.java:10)</error>
                  </testcase>
                  <testcase name="skips" classname="x.ExampleTest" time="0">
                    <skipped message="no Chromium"/>
                  </testcase>
                  <testcase name="flaky" classname="x.ExampleTest" time="0.1">
                    <flakyFailure message="first try failed" type="java.lang.AssertionError"/>
                  </testcase>
                  <testcase name="passes" classname="x.ExampleTest" time="0.1"/>
                </testsuite>
                """);

        JUnitSuite suite = JUnitXmlReader.read(file);

        assertThat(suite.seconds()).isEqualTo(1234.5);
        assertThat(suite.cases())
                .extracting(JUnitCase::name, JUnitCase::status, JUnitCase::flaky)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("errs", "ERROR", false),
                        org.assertj.core.groups.Tuple.tuple("skips", "SKIPPED", false),
                        org.assertj.core.groups.Tuple.tuple("flaky", "PASSED", true),
                        org.assertj.core.groups.Tuple.tuple("passes", "PASSED", false));
        assertThat(suite.cases().get(0).message()).isEqualTo("boom");
        assertThat(suite.cases().get(0).failed()).isTrue();
        assertThat(suite.cases().get(1).message()).isEqualTo("no Chromium");
    }

    @Test
    void shouldRejectAFileThatIsNotATestSuite() throws IOException {
        Path file = temp.resolve("TEST-summary.xml");
        Files.writeString(file, "<failsafe-summary result=\"255\"><completed>1</completed></failsafe-summary>");

        assertThatThrownBy(() -> JUnitXmlReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("root element is <failsafe-summary>");
    }

    @Test
    void shouldRejectADoctypeInsteadOfResolvingEntities() throws IOException {
        Path file = temp.resolve("TEST-xxe.xml");
        Files.writeString(
                file,
                "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<testsuite name=\"x\"><testcase name=\"&x;\" classname=\"c\"/></testsuite>");

        assertThatThrownBy(() -> JUnitXmlReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JUnit XML report");
    }
}
