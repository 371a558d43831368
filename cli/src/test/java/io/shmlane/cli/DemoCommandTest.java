package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shmlane demo}: forks a real consumer and producer JVM, reports their verified counts, cleans up. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldStreamThroughTwoForkedJvmsAndReportEveryMessageVerifiedOnTheRing() {
        int exit = Main.execute("demo", "--count", "3000", "--size", "48", "--dir", dir.toString());

        assertThat(exit).as(out() + stderr).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains(
                        "shmlane demo: ring channel, 3,000 messages of 48 bytes, file " + dir.resolve("demo-ring.shm"))
                .containsPattern("producer: .*")
                .containsPattern(
                        "consumer: received=3000 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=2999 .*channel=ring end=eos")
                .containsPattern("result: +3,000 messages in [0-9.]+ s \\(both JVMs included\\) = [0-9,]+ msg/s;"
                        + " every Msg-N arrived once, in order, intact");
        // the channel file is removed, the given directory is kept
        assertThat(dir.resolve("demo-ring.shm")).doesNotExist();
        assertThat(dir).isDirectory();
    }

    @Test
    void shouldRefuseTheNaiveReferenceAndACountBelowOneBeforeForkingAnything() throws Exception {
        assertThat(Main.execute("demo", "--channel", "naive", "--dir", dir.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("naive reference is known-broken");
        assertThat(Main.execute("demo", "--count", "0", "--dir", dir.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--count must be at least 1: 0");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
