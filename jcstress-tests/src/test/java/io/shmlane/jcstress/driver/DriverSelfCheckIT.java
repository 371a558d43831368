package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The driver's self-check, end to end through jcstress: a test whose FORBIDDEN outcome always happens
 * must come out FAIL, and a selected test that jcstress cannot run must come out NOT_RUN with the run
 * failed, although jcstress exits 0 in both cases. Neither fails the build: the assertions are on the
 * driver's verdict.
 */
class DriverSelfCheckIT {
    private static final String FIXTURE = "io.shmlane.jcstress.selfcheck.AlwaysForbidden";
    private static final String TWO_ACTORS = "io.shmlane.jcstress.mailbox.MailboxHandOff.Publication";

    private final JcstressSettings base = JcstressSettings.fromSystemProperties();

    @Test
    void shouldReportFailWhenForbiddenOutcomeIsObserved() throws IOException {
        JcstressSettings settings =
                base.withTests(Pattern.quote(FIXTURE), true).withBudget(JcstressSettings.CI, 100, 1);

        RunReport report = JcstressDriver.run(settings, base.buildDirectory().resolve("jcstress-selfcheck"));

        assertThat(report.problems()).as("the fixture ran").isEmpty();
        assertThat(report.testsRun()).isEqualTo(1);
        TestReport fixture = report.test(FIXTURE);
        assertThat(fixture.verdict()).as(fixture.reason()).isEqualTo(Outcome.FAIL);
        assertThat(fixture.reason()).contains("FORBIDDEN outcome \"1\"");
        assertThat(fixture.outcomes()).anySatisfy(row -> {
            assertThat(row.outcome()).isEqualTo("1");
            assertThat(row.expect()).isEqualTo("FORBIDDEN");
            assertThat(row.samples()).isPositive();
        });
        assertThat(report.passed()).isFalse();
        JcstressSummary written = ResultFiles.read(report.files().summary(), JcstressSummary.class);
        assertThat(written.verdict()).isEqualTo(Outcome.FAIL);
        assertThat(written.tests()).extracting(JcstressSummary.Test::name).contains(FIXTURE);
    }

    @Test
    void shouldFailRunWhenJcstressCannotScheduleSelectedTest() {
        // a 2-actor test on 1 CPU: jcstress schedules nothing, prints a line and exits 0
        JcstressSettings settings = base.withTests(Pattern.quote(TWO_ACTORS), false)
                .withBudget(JcstressSettings.CI, 100, 1)
                .withCpus(1);

        RunReport report =
                JcstressDriver.run(settings, base.buildDirectory().resolve("jcstress-selfcheck-unscheduled"));

        assertThat(report.exitCode()).as("jcstress's own exit status").isZero();
        assertThat(report.test(TWO_ACTORS).verdict()).isEqualTo(Outcome.NOT_RUN);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("ran 0 of the 1 selected tests"));
        assertThat(report.passed()).isFalse();
    }
}
