package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JcstressSettingsTest {
    private static JcstressSettings settings(final String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return JcstressSettings.from(p);
    }

    @Test
    void shouldRunOneFixedConfigurationInCiMode() {
        assertThat(settings().jcstressArguments())
                .containsExactly(
                        "-m",
                        "default",
                        "-f",
                        "1",
                        "-sc",
                        "false",
                        "-iters",
                        "3",
                        "-time",
                        "1000",
                        "-jvmArgs",
                        JcstressSettings.CI_JVM_ARGS);
    }

    @Test
    void shouldLeaveJcstressPresetsTheirConfigurations() {
        assertThat(settings("jcstress.mode", "quick").jcstressArguments()).containsExactly("-m", "quick");
        assertThat(settings("jcstress.mode", "STRESS").jcstressArguments()).containsExactly("-m", "stress");
    }

    @Test
    void shouldApplyOverrides() {
        JcstressSettings s = settings(
                "jcstress.mode", "ci",
                "jcstress.time", "200",
                "jcstress.iterations", "7",
                "jcstress.forks", "2",
                "jcstress.cpus", "2",
                "jcstress.jvmArgs", "-XX:-TieredCompilation",
                "jcstress.splitCompilation", "true",
                "jcstress.extraArgs", "-spinStyle HARD");

        assertThat(s.jcstressArguments())
                .containsExactly(
                        "-m",
                        "default",
                        "-f",
                        "2",
                        "-sc",
                        "true",
                        "-iters",
                        "7",
                        "-time",
                        "200",
                        "-c",
                        "2",
                        "-jvmArgs",
                        "-XX:-TieredCompilation",
                        "-spinStyle",
                        "HARD");
    }

    @Test
    void shouldPassOverridesToJcstressPresets() {
        assertThat(settings("jcstress.mode", "quick", "jcstress.forks", "3", "jcstress.jvmArgsPrepend", "-Xss1m")
                        .jcstressArguments())
                .containsExactly("-m", "quick", "-f", "3", "-jvmArgsPrepend", "-Xss1m");
    }

    @Test
    void shouldRejectUnknownMode() {
        assertThatThrownBy(() -> settings("jcstress.mode", "fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jcstress.mode=fast");
    }

    @Test
    void shouldRejectNonNumericTime() {
        assertThatThrownBy(() -> settings("jcstress.time", "1s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jcstress.time=1s");
    }
}
