package io.shmlane.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportMainTest {
    @Test
    void shouldReadEveryOption() {
        ReportGenerator.Options options = ReportMain.parse(new String[] {
            "--root", "/p", "--out", "/p/out", "--previous", "/old", "--build-start", "2026-11-29T05:00:00Z"
        });

        assertThat(options.root()).isEqualTo(Path.of("/p"));
        assertThat(options.out()).isEqualTo(Path.of("/p/out"));
        assertThat(options.previous()).isEqualTo(Path.of("/old"));
        assertThat(options.buildStart()).isEqualTo(Instant.parse("2026-11-29T05:00:00Z"));
    }

    @Test
    void shouldDefaultToTheReportsModuleOfTheCurrentDirectory() {
        ReportGenerator.Options options = ReportMain.parse(new String[] {"--root", "/p", "--previous", " "});

        assertThat(options.out()).isEqualTo(Path.of("/p/reports/target/report"));
        assertThat(options.previous()).isNull();
    }

    @Test
    void shouldNameAWrongOption() {
        assertThatThrownBy(() -> ReportMain.parse(new String[] {"--prevoius", "x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option: --prevoius");
        assertThatThrownBy(() -> ReportMain.parse(new String[] {"--out"}))
                .hasMessageStartingWith("missing value after --out");
        assertThatThrownBy(() -> ReportMain.parse(new String[] {"--build-start", "yesterday"}))
                .hasMessageStartingWith("--build-start must be an ISO-8601 instant");
    }

    @Test
    void shouldAskForHelp() {
        assertThat(ReportMain.parse(new String[] {"--help"})).isNull();
    }
}
