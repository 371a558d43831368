package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        assertThat(Files.readString(report.files().summary(), StandardCharsets.UTF_8))
                .contains("\"verdict\": \"FAIL\"")
                .contains("\"testsExpected\": 0");
    }
}
