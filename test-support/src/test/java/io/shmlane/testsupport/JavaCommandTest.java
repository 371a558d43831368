package io.shmlane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaCommandTest {
    @Test
    void shouldRunJavaOfThisJvmWithFlagsClassPathMainAndArgumentsInThatOrder() {
        JavaCommand command = JavaCommand.of("a.Main")
                .withClassPath("x.jar")
                .withJvmFlags("-Xmx64m")
                .withJvmFlags("-Dk=v")
                .withArguments("--count", "3");

        assertThat(command.toList())
                .containsExactly(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-Dk=v",
                        "-cp",
                        "x.jar",
                        "a.Main",
                        "--count",
                        "3");
        assertThat(command.display()).isEqualTo("a.Main --count 3");
    }

    @Test
    void shouldForkAJvmOnThisClassPathThatSeesItsFlagsAndArguments() throws IOException, InterruptedException {
        Process process = JavaCommand.of(Echo.class.getName())
                .withJvmFlags("-Decho.flag=on")
                .withArguments("one", "two words")
                .processBuilder()
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly("one", "two words", "flag=on");
    }
}
