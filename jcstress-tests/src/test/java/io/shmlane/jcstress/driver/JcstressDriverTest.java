package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JcstressDriverTest {
    @Test
    void shouldFailWithoutStartingJcstressWhenNoTestMatches() throws IOException {
        JcstressSettings base = JcstressSettings.fromSystemProperties();
        JcstressSettings settings = base.withTests("NoSuchTest", false);

        RunReport report = JcstressDriver.run(settings, base.buildDirectory().resolve("jcstress-nomatch"));

        assertThat(report.passed()).isFalse();
        assertThat(report.command()).as("nothing started").isEmpty();
        assertThat(report.problems()).singleElement().asString().contains("jcstress.tests=NoSuchTest matches none");
        JcstressSummary written = ResultFiles.read(report.files().summary(), JcstressSummary.class);
        assertThat(written.verdict()).isEqualTo(Outcome.FAIL);
        assertThat(written.run().testsExpected()).isZero();
        assertThat(written.environment().jdkVersion()).isEqualTo(System.getProperty("java.version"));
    }
}
