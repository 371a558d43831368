package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelException.Reason;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use a channel file: owner-only creation, files others can change refused, no links followed. */
class ChannelFileTrustTest {
    @TempDir
    Path dir;

    private static final String OTHER_USER = "nobody";

    private static String mode(final Path path) throws IOException {
        return FileModes.toOctal(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private Path createChannel(final String name) {
        Path path = dir.resolve(name);
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        return path;
    }

    @Test
    void shouldCreateOwnerOnlyFileByDefault() throws IOException {
        Path path = createChannel("c.shm");
        assertThat(mode(path)).isEqualTo("0600");
    }

    @Test
    void shouldCreateFileWithExactlyTheRequestedPermissionsDespiteTheUmask() throws IOException {
        // the build's umask (usually 022) would take group write away from a plain create
        Path path = dir.resolve("group.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withPermissions(FileModes.parseOctal("0660")))
                .close();
        assertThat(mode(path)).isEqualTo("0660");
    }

    @Test
    void shouldRefuseFileWritableByEveryUser() throws IOException {
        Path path = createChannel("c.shm");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining("is writable by every user (mode 0666)")
                .hasMessageContaining("chmod go-w " + path);
        // even when the group may write on purpose
        assertThatThrownBy(() -> ChannelFile.openOrCreate(
                        path, ChannelOptions.ring().withPermissions(FileModes.parseOctal("0660"))))
                .hasMessageContaining("is writable by every user");
    }

    @Test
    void shouldRefuseGroupWritableFileUnlessGroupWriteWasAskedFor() throws IOException {
        Path path = createChannel("c.shm");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining("is writable by its group")
                .hasMessageContaining("chmod g-w " + path)
                .hasMessageContaining("allow group write (mode 0660)");
        try (ChannelFile file =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withPermissions(FileModes.parseOctal("0660")))) {
            assertThat(file.created()).isFalse();
        }
    }

    @Test
    void shouldRefuseGroupWritableFileOfAGroupThisProcessIsNotIn() throws IOException {
        assumeRoot("changing a file's group to one this process is not in needs root");
        Assumptions.assumeTrue(
                Files.isReadable(Path.of("/proc/self/status")), "skipped: no /proc/self/status to tell our groups");
        GroupPrincipal foreign = foreignGroup();
        Path path = dir.resolve("c.shm");
        ChannelOptions groupWrite = ChannelOptions.ring().withPermissions(FileModes.parseOctal("0660"));
        ChannelFile.openOrCreate(path, groupWrite).close();
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(foreign);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, groupWrite))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining("is writable by its group " + foreign.getName())
                .hasMessageContaining("which you are not a member of");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        try (ChannelFile readOnlyForGroup = ChannelFile.openOrCreate(path, groupWrite)) {
            assertThat(readOnlyForGroup.created()).isFalse();
        }
    }

    private static GroupPrincipal foreignGroup() {
        for (String name : new String[] {"nogroup", "nobody"}) {
            try {
                return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
            } catch (IOException notHere) {
                // try the next name
            }
        }
        Assumptions.abort("skipped: no group nogroup or nobody to give the file to");
        return null;
    }

    @Test
    void shouldRefuseFileOwnedByAnotherUserUnlessThatOwnerIsAllowed() throws IOException {
        assumeRoot("changing a file's owner needs root");
        Path path = createChannel("c.shm");
        UserPrincipal nobody =
                path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OTHER_USER);
        Files.setOwner(path, nobody);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining("is owned by " + OTHER_USER + ", not by you")
                .hasMessageContaining("allow owner " + OTHER_USER);
        try (ChannelFile file =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withAllowedOwner(OTHER_USER))) {
            assertThat(file.created()).isFalse();
        }
    }

    @Test
    void shouldRefuseUnknownAllowedOwnerAsBadArgument() throws IOException {
        assumeRoot("a file owned by another user needs root to make");
        Path path = createChannel("c.shm");
        Files.setOwner(
                path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OTHER_USER));
        assertThatThrownBy(() ->
                        ChannelFile.openOrCreate(path, ChannelOptions.ring().withAllowedOwner("no-such-user-shmlane")))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ARGUMENT))
                .hasMessageContaining("no user named no-such-user-shmlane");
    }

    @Test
    void shouldRefuseSymbolicLinkToAChannel() throws IOException {
        Path real = createChannel("real.shm");
        Path link = Files.createSymbolicLink(dir.resolve("link.shm"), real);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(link, ChannelOptions.ring()))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining(link + " is a symbolic link");
        assertThatThrownBy(() -> ChannelFile.openExisting(link, ChannelOptions.DEFAULT_ATTACH_TIMEOUT))
                .hasMessageContaining(link + " is a symbolic link");
    }

    @Test
    void shouldNotCreateThroughAPrePlantedDanglingLink() throws IOException {
        Path target = dir.resolve("victim");
        Path link = Files.createSymbolicLink(dir.resolve("planted.shm"), target);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(link, ChannelOptions.ring()))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE))
                .hasMessageContaining("is a symbolic link");
        assertThat(target).doesNotExist();
        assertThat(dir.toFile().list()).containsExactly("planted.shm"); // no temporary file left either
    }

    @Test
    void shouldRefusePermissionsThatLetEveryUserWriteOrLockTheOwnerOut() {
        assertThatThrownBy(() -> ChannelOptions.ring().withPermissions(FileModes.parseOctal("0666")))
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ARGUMENT))
                .hasMessageContaining("must not let every user write")
                .hasMessageContaining("0666");
        assertThatThrownBy(() -> ChannelOptions.ring().withPermissions(FileModes.parseOctal("0460")))
                .hasMessageContaining("must let its owner read and write: mode 0460");
        assertThatThrownBy(() -> ChannelOptions.ring().withPermissions(FileModes.parseOctal("0700")))
                .hasMessageContaining("needs no execute bits");
    }

    private static void assumeRoot(final String why) {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "skipped: not running as root (" + why + ")");
    }
}
