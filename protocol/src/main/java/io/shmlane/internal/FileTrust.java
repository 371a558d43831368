package io.shmlane.internal;

import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import io.shmlane.ChannelOptions;
import io.shmlane.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an existing channel file may be used: it must be a regular file reached without a
 * symbolic link, owned by this process's user (or an owner allowed on purpose), and writable by
 * nobody else (its group only when the options ask for group write, and, where the platform tells
 * this process's groups, only a group this process belongs to). Anyone who can write the file
 * can inject messages into the channel, or read them.
 *
 * <p>Root is not special-cased: a root process applies the same rules (a file owned by another user
 * is refused unless allowed), and nothing here protects a channel from root.
 */
public final class FileTrust {
    private FileTrust() {}

    /**
     * The attributes of {@code path} itself, not of what a symbolic link points to.
     *
     * @throws ChannelException BAD_PATH when it does not exist or cannot be read
     */
    public static PosixFileAttributes attributes(final Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ChannelException(Reason.BAD_PATH, path + " does not exist", e);
        } catch (UnsupportedOperationException e) {
            throw new ChannelException(
                    Reason.BAD_PATH,
                    "cannot check who may write " + path + ": its file system has no POSIX owner"
                            + " and permissions; use a POSIX file system such as /dev/shm",
                    e);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot read the attributes of " + path + ": " + e, e);
        }
    }

    /** Refuses a symbolic link or anything else that is not a regular file. */
    public static void checkRegularFile(final Path path, final PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            throw symbolicLink(path);
        }
        if (!attributes.isRegularFile()) {
            throw new ChannelException(
                    Reason.NOT_A_CHANNEL, path + " is not a regular file: give the path of a channel file");
        }
    }

    /** The error for a channel name that is a symbolic link. */
    public static ChannelException symbolicLink(final Path path) {
        return new ChannelException(
                Reason.UNSAFE,
                path + " is a symbolic link: shmlane does not follow links (whoever can change the link chooses"
                        + " the file); give the path of the file itself");
    }

    /**
     * Refuses a file that is not a regular file, is owned by a user not trusted by {@code options},
     * or is writable by users other than its owner (its group may write when {@code options}'
     * permissions include group write and, where the platform tells, the group is one of this
     * process's).
     */
    public static void check(final Path path, final PosixFileAttributes attributes, final ChannelOptions options) {
        checkRegularFile(path, attributes);
        UserPrincipal owner = attributes.owner();
        UserPrincipal self = currentUser(path);
        if (!owner.equals(self) && !isAllowedOwner(path, owner, options)) {
            throw new ChannelException(
                    Reason.UNSAFE,
                    path + " is owned by " + owner.getName() + ", not by you (" + self.getName() + "): that user"
                            + " controls the channel; use another file, or allow owner " + owner.getName()
                            + " if you trust that user");
        }
        String mode = FileModes.toOctal(attributes.permissions());
        if (attributes.permissions().contains(OTHERS_WRITE)) {
            throw new ChannelException(
                    Reason.UNSAFE,
                    path + " is writable by every user (mode " + mode + "): anyone could inject messages;"
                            + " run chmod go-w " + path + " if you trust its content, or use another file");
        }
        if (attributes.permissions().contains(GROUP_WRITE)
                && !options.permissions().contains(GROUP_WRITE)) {
            throw new ChannelException(
                    Reason.UNSAFE,
                    path + " is writable by its group " + attributes.group().getName() + " (mode " + mode
                            + "): run chmod g-w " + path + ", or allow group write (mode 0660) if that group"
                            + " shares the channel on purpose");
        }
        if (attributes.permissions().contains(GROUP_WRITE)) {
            checkGroupIsOurs(path, attributes, mode);
        }
    }

    /** A group-writable file must belong to a group of this process (where the platform tells). */
    private static void checkGroupIsOurs(final Path path, final PosixFileAttributes attributes, final String mode) {
        Optional<Set<Integer>> ours = ProcessGroups.ids();
        if (ours.isEmpty()) {
            return;
        }
        Object gid;
        try {
            gid = Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // no numeric group id on this platform: nothing to compare
        }
        if (!ours.get().contains(gid)) {
            throw new ChannelException(
                    Reason.UNSAFE,
                    path + " is writable by its group " + attributes.group().getName() + " (mode " + mode
                            + "), which you are not a member of: run chmod g-w " + path
                            + ", or chgrp it to a group of yours");
        }
    }

    private static boolean isAllowedOwner(final Path path, final UserPrincipal owner, final ChannelOptions options) {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        for (String name : options.allowedOwners()) {
            try {
                if (users.lookupPrincipalByName(name).equals(owner)) {
                    return true;
                }
            } catch (UserPrincipalNotFoundException e) {
                throw new ChannelException(Reason.BAD_ARGUMENT, "no user named " + name + " (an allowed owner)", e);
            } catch (IOException e) {
                throw new ChannelException(Reason.BAD_PATH, "cannot look up user " + name + ": " + e, e);
            }
        }
        return false;
    }

    /** This process's user: {@code user.name}, or on Linux the owner of {@code /proc/self}. */
    private static UserPrincipal currentUser(final Path path) {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        try {
            return users.lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException notInPasswd) {
            try {
                return Files.getOwner(Paths.get("/proc/self"));
            } catch (IOException | UnsupportedOperationException e) {
                throw new ChannelException(
                        Reason.BAD_PATH,
                        "cannot tell which user this process runs as (user.name=" + System.getProperty("user.name")
                                + "), so cannot check who owns " + path,
                        e);
            }
        }
    }
}
