package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar users run, {@code protocol/target/shmlane.jar}, run as the README runs it ({@code java -jar}): the other
 * scenarios fork the command line from the class path, so only these see what the jar's packaging adds or loses.
 */
@ExtendWith(ProcessHarness.Extension.class)
class ShippedJarIT {
    private static String javaJar() {
        Path jar = Paths.get(System.getProperty("process.shmlaneJar", "../cli/target/shmlane.jar"));
        assertThat(jar)
                .as("the command-line jar: build it with ./mvnw -pl protocol,cli install")
                .isRegularFile();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return "'" + java + "' -jar '" + jar.toAbsolutePath() + "'";
    }

    @Test
    void shouldPrintTheProjectVersion(final ProcessHarness harness) {
        harness.summary().channel("none").detail("case", "shmlane -V from the jar");
        ChildProcess version = harness.shell("version", javaJar() + " -V", harness.workDir());

        assertThat(harness.awaitExit(version)).as(harness::describeChildren).isZero();
        assertThat(version.stdoutLines())
                .as(harness::describeChildren)
                .containsExactly("shmlane " + System.getProperty("process.projectVersion"));
    }

    /** The README's main job at a small count: two JVMs forked by the jar, and a verdict that matches the run. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ring", "mailbox"})
    void shouldRunTheDemoAndPassAWholeStream(final String channel, final ProcessHarness harness) throws Exception {
        long count = ProcessHarness.scaled(channel.equals("ring") ? 50_000L : 2_000L);
        harness.summary().channel(channel).messages(count).detail("case", "demo from the jar");
        Path dir = Files.createDirectories(harness.workDir().resolve("demo"));
        ChildProcess demo = harness.shell(
                "demo",
                javaJar() + " demo --channel " + channel + " --count " + count + " --dir '" + dir + "'",
                harness.workDir());

        assertThat(harness.awaitExit(demo)).as(harness::describeChildren).isZero();
        assertThat(demo.stdoutLines())
                .as(harness::describeChildren)
                .anyMatch(line -> line.startsWith("consumer: received=" + count + " gaps=0 duplicates=0"))
                .anyMatch(line ->
                        line.startsWith("result:") && line.endsWith("every Msg-N arrived once, in order, intact"))
                .noneMatch(line -> line.contains("VERIFICATION FAILED"));
    }
}
