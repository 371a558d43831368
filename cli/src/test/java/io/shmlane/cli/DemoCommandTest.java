package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        long start = System.nanoTime();
        int exit = Main.execute("demo", "--count", "3000", "--size", "48", "--dir", dir.toString());
        double wallSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(exit).as(out() + stderr).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains(
                        "shmlane demo: ring channel, 3,000 messages of 48 bytes, file " + dir.resolve("demo-ring.shm"))
                .containsPattern("producer: .*")
                .containsPattern(
                        "consumer: received=3000 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=2999 .*channel=ring end=eos")
                .containsPattern("result: +3,000 messages in [0-9.]+ s \\(both JVMs included\\) = [0-9,]+ msg/s;"
                        + " every Msg-N arrived once, in order, intact");
        // progress: at least the first line, then at most one a second, each on its own line (not a
        // terminal: no carriage returns)
        List<String> progress = out().lines()
                .filter(l -> l.startsWith("  ") && l.contains(" received ("))
                .toList();
        assertThat(progress).isNotEmpty();
        assertThat(out()).doesNotContain("\r");
        Matcher result = Pattern.compile(
                        "result: +3,000 messages in ([0-9.]+) s \\(both JVMs included\\) = ([0-9,]+) msg/s")
                .matcher(out());
        assertThat(result.find()).isTrue();
        double seconds = Double.parseDouble(result.group(1));
        long rate = Long.parseLong(result.group(2).replace(",", ""));
        assertThat(seconds).isBetween(0.0, wallSeconds + 0.01);
        assertThat(progress.size()).isLessThanOrEqualTo(2 + (int) seconds);
        for (String line : progress) {
            double at = Double.parseDouble(line.replaceAll(".*\\), ([0-9.]+) s, .*", "$1"));
            assertThat(at).as(line).isBetween(0.0, wallSeconds + 0.1);
        }
        // the summaries follow a blank line that ends the progress
        List<String> lines = out().lines().toList();
        int producerLine = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("producer: "))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(producerLine - 1)).isEmpty();
        assertThat((double) rate).isBetween(3000 / (seconds + 0.005) - 1, 3000 / Math.max(seconds - 0.005, 1e-9) + 1);
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

    @Test
    void shouldShowTheShareAndTheRateOfWhatWasReceived() {
        assertThat(DemoCommand.progressLine(1500, 3000, 2.0))
                .isEqualTo("  1,500 / 3,000 received (50%), 2.0 s, 750 msg/s");
        assertThat(DemoCommand.progressLine(3000, 3000, 0.5))
                .isEqualTo("  3,000 / 3,000 received (100%), 0.5 s, 6,000 msg/s");
        assertThat(DemoCommand.progressLine(0, 10, 0.0)).isEqualTo("  0 / 10 received (0%), 0.0 s, 0 msg/s");
    }

    @Test
    void shouldRunTheSmallestDemoOfOneMessage() {
        assertThat(Main.execute("demo", "--channel", "mailbox", "--count", "1", "--dir", dir.toString()))
                .as(out() + stderr)
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("consumer: received=1 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=0");
    }
}
