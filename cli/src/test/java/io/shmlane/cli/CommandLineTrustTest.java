package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.FileModes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's --mode and --allow-owner, and its exit code 3 for files others can change. */
class CommandLineTrustTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private void assertOneLineError(final String expected) {
        assertThat(stderr.toString(StandardCharsets.UTF_8).trim())
                .startsWith("shmlane: ")
                .contains(expected)
                .doesNotContain("\n");
        stderr.reset();
    }

    /** A channel whose stream has ended: a trusted consumer exits 0 at once, an untrusted one 3. */
    private Path endedChannel(final String name, final String... producerOptions) {
        Path path = dir.resolve(name);
        String[] args = new String[5 + producerOptions.length];
        System.arraycopy(new String[] {"producer", "--file", path.toString(), "--count", "0"}, 0, args, 0, 5);
        System.arraycopy(producerOptions, 0, args, 5, producerOptions.length);
        assertThat(Main.execute(args)).isEqualTo(ExitCodes.OK);
        return path;
    }

    private static int consume(final Path path, final String... options) {
        String[] args = new String[4 + options.length];
        System.arraycopy(new String[] {"consumer", "--file", path.toString(), "--quiet"}, 0, args, 0, 4);
        System.arraycopy(options, 0, args, 4, options.length);
        return Main.execute(args);
    }

    private static String mode(final Path path) throws IOException {
        return FileModes.toOctal(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void shouldRejectBadModeAsUsageErrorWithOneLine() {
        String file = dir.resolve("c.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--count", "0", "--mode", "0x9"))
                .isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--mode 0x9: a file mode is 3 octal digits");
        assertThat(Main.execute("producer", "--file", file, "--count", "0", "--mode", "0666"))
                .isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--mode 0666: a channel file's mode must not let every user write");
        assertThat(Main.execute("consumer", "--file", file, "--mode", "0060")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("must let its owner read and write");
        assertThat(dir.resolve("c.shm")).doesNotExist();
    }

    @Test
    void shouldCreateOwnerOnlyFileUnlessModeSaysOtherwise() throws IOException {
        assertThat(mode(endedChannel("default.shm"))).isEqualTo("0600");
        assertThat(mode(endedChannel("group.shm", "--mode", "0660"))).isEqualTo("0660");
        assertThat(mode(endedChannel("readable.shm", "--mode", "644"))).isEqualTo("0644");
    }

    @Test
    void shouldRefuseWorldWritableChannelWithExitCode3() throws IOException {
        Path path = endedChannel("c.shm");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw----rw-"));
        assertThat(consume(path)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is writable by every user (mode 0606): anyone could inject messages; run chmod go-w");
        assertThat(consume(path, "--mode", "0660")).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is writable by every user");
    }

    @Test
    void shouldRefuseGroupWritableChannelUnlessModeAllowsGroupWrite() throws IOException {
        Path path = endedChannel("c.shm");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        assertThat(consume(path)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is writable by its group");
        assertThat(consume(path, "--mode", "0660")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldRefuseChannelOwnedByAnotherUserUnlessAllowed() throws IOException {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "skipped: not running as root (changing a file's owner needs root)");
        Path path = endedChannel("c.shm");
        Files.setOwner(
                path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThat(consume(path)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is owned by nobody, not by you (root): that user controls the channel;"
                + " use another file, or allow owner nobody if you trust that user (--allow-owner USER");
        assertThat(consume(path, "--allow-owner", "nobody")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldRefuseSymbolicLinkedChannelNameWithExitCode3() throws IOException {
        Path real = endedChannel("real.shm");
        Path link = Files.createSymbolicLink(dir.resolve("link.shm"), real);
        assertThat(consume(link)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError(link + " is a symbolic link");
        assertThat(Main.execute("inspect", "--file", link.toString())).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is a symbolic link");
    }
}
