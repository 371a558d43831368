package io.shmlane.internal;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creation of a channel file. Whoever finds no file creates it: the header is written into a private
 * temporary file in the same directory, the layout version is published last with a release store,
 * and the complete file is then hard-linked to its name, which fails if the name exists. Two processes
 * racing to create therefore end up on one valid file: the loser deletes its temporary file and
 * attaches to the winner's. The data area is written with zeros at creation, so the disk blocks exist
 * and a full disk is an error here instead of a SIGBUS later.
 *
 * <p>The temporary file is created new ({@code O_EXCL}, so no planted file or link is reused) with the
 * options' permissions from its first byte, and set to exactly those permissions before it gets its
 * name, whatever the umask.
 */
public final class FileCreation {
    private static final int ZERO_CHUNK = 64 * 1024;

    private FileCreation() {}

    /**
     * Creates the channel file at {@code path} atomically: a complete file under a temporary name,
     * then hard-linked to {@code path}, which fails if the name exists.
     *
     * @param path the channel's name; its directory exists (checked by the caller)
     * @param kind the channel kind to write into the header
     * @param capacity the capacity to write into the header, already checked
     * @param permissions the file's permissions, set exactly, whatever the umask
     * @return true when this process created the file; false when another process won the race
     * @throws ChannelException BAD_PATH when the file cannot be created
     */
    public static boolean create(
            final Path path, final ChannelKind kind, final int capacity, final Set<PosixFilePermission> permissions) {
        Path absolute = path.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".creating-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime());
        long length = (long) DATA_OFFSET + ChannelOptions.dataLength(kind, capacity);
        try {
            // CREATE_NEW: never an existing file or link; created with at most the permissions (the
            // umask may take some away), then set to exactly them, before the file gets its name
            try (FileChannel ch = FileChannel.open(
                    temporary,
                    Set.of(
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(permissions))) {
                Files.getFileAttributeView(temporary, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions);
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, length));
                for (long position = 0; position < length; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), length - position));
                    position += ch.write(zeros, position);
                }
                MappedByteBuffer header = ch.map(FileChannel.MapMode.READ_WRITE, 0, DATA_OFFSET);
                header.order(ByteOrder.nativeOrder());
                ChannelLayout.publishHeader(header, kind, capacity);
                header.force(); // once, at creation: never on the message path
            }
            try {
                Files.createLink(absolute, temporary);
                return true;
            } catch (FileAlreadyExistsException lostRace) {
                return false;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                try {
                    Files.move(temporary, absolute);
                    return true;
                } catch (FileAlreadyExistsException lostRace) {
                    return false;
                }
            }
        } catch (AccessDeniedException e) {
            throw new ChannelException(
                    Reason.BAD_PATH, "cannot create " + path + ": permission denied in " + absolute.getParent(), e);
        } catch (UnsupportedOperationException e) {
            throw new ChannelException(
                    Reason.BAD_PATH,
                    "cannot create " + path + " owner-only: its file system has no POSIX permissions; use a POSIX"
                            + " file system such as /dev/shm",
                    e);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot create " + path + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover hidden temporary file is harmless
            }
        }
    }
}
