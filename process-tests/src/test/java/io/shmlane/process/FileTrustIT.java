package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secure by default, between real processes: a channel file is created owner-only whatever the umask
 * of the process that creates it, and another local user can neither read a default channel nor use
 * one it does not own.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=FileTrustIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class FileTrustIT {
    private static final int BAD_CHANNEL = 3;
    private static final int BAD_PATH = 7;
    private static final String OTHER_USER = "nobody";

    @ParameterizedTest(name = "umask {0}")
    @ValueSource(strings = {"022", "002", "000"})
    void shouldCreateOwnerOnlyChannelWhateverTheUmask(final String umask, final ProcessHarness harness)
            throws IOException {
        harness.summary().detail("case", "channel file created under umask " + umask);
        assertThat(modeOf(createUnderUmask(harness, umask, "default"))).isEqualTo("0600");
        assertThat(modeOf(createUnderUmask(harness, umask, "group", "--mode", "0660")))
                .isEqualTo("0660");
        // the umask did reach the child: a plain file created by its shell has the umask's mode
        int plain = 0666 & ~Integer.parseInt(umask, 8);
        assertThat(modeOf(harness.file("plain-default"))).isEqualTo(String.format("0%03o", plain));
    }

    @Test
    void shouldNotLetAnotherUserReadOrUseADefaultChannel(final ProcessHarness harness) throws IOException {
        Assumptions.assumeTrue(
                ProcessHarness.canRunAsAnotherUser(),
                "skipped: needs root and runuser to run a child as " + OTHER_USER);
        harness.summary().detail("case", "another user against a default channel");
        Path secret = produce(harness, "secret.shm");
        Path readable = produce(harness, "readable.shm", "--mode", "0644");

        // control: that user can run shmlane here and reach the directory
        ChildProcess control =
                harness.shmlaneAs(OTHER_USER, "other-inspects-readable", "inspect", "--file", readable.toString());
        assertThat(harness.awaitExit(control)).as(harness::describeChildren).isZero();

        BadInputIT.assertCleanError(
                harness,
                harness.shmlaneAs(OTHER_USER, "other-inspects-secret", "inspect", "--file", secret.toString()),
                BAD_PATH,
                "permission denied",
                null);
        ChildProcess consumer =
                harness.shmlaneAs(OTHER_USER, "other-consumes-secret", "consumer", "--file", secret.toString());
        int exit = harness.awaitExit(consumer);
        assertThat(exit).as(harness::describeChildren).isIn(BAD_CHANNEL, BAD_PATH);
        assertThat(consumer.consumedCount()).as(harness::describeChildren).isZero();
        // readable, but owned by someone else: not used
        BadInputIT.assertCleanError(
                harness,
                harness.shmlaneAs(OTHER_USER, "other-consumes-readable", "consumer", "--file", readable.toString()),
                BAD_CHANNEL,
                "is owned by root, not by you (" + OTHER_USER + ")",
                null);
    }

    private static Path createUnderUmask(
            final ProcessHarness harness, final String umask, final String name, final String... options) {
        Path file = harness.file(name + ".shm");
        List<String> args = new ArrayList<>(List.of("producer", "--file", file.toString(), "--count", "0"));
        args.addAll(List.of(options));
        String command = "umask " + umask + " && touch plain-" + name + " && exec "
                + harness.shellCommand("io.shmlane.cli.Main", args.toArray(new String[0]));
        ChildProcess child = harness.shell("producer-" + name, command, harness.workDir());
        assertThat(harness.awaitExit(child)).as(harness::describeChildren).isZero();
        return file;
    }

    private static Path produce(final ProcessHarness harness, final String name, final String... options) {
        Path file = harness.file(name);
        List<String> args = new ArrayList<>(List.of("producer", "--file", file.toString(), "--count", "3"));
        args.addAll(List.of(options));
        ChildProcess producer = harness.shmlane("producer-" + name, args.toArray(new String[0]));
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        return file;
    }

    private static String modeOf(final Path file) throws IOException {
        return FileModes.toOctal(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }
}
