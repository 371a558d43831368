package io.shmlane.internal;

import static io.shmlane.ChannelHeaderDescriptor.CAPACITY_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.KIND_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.LAYOUT_VERSION;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Validation of an existing channel file before it is mapped for use: the name, the trust in the file
 * ({@link FileTrust}), the start-up handshake and every header field.
 *
 * <p>The attacher waits (up to a timeout) for a non-zero layout version, read with an acquire load that
 * pairs with the creator's release store, and then checks, each with its own message: magic, version,
 * kind, capacity, maximum message length, data offset and file size. The name is never followed as a
 * symbolic link, and a name replaced by another file while it was opened is refused.
 */
public final class FileValidation {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private FileValidation() {}

    /**
     * Checks the name before anything is opened or created: not a symbolic link, not a directory, in a
     * directory that exists.
     *
     * @param path the channel's name
     * @throws ChannelException UNSAFE for a symbolic link, BAD_PATH for a directory or a missing parent
     */
    public static void checkPath(final Path path) {
        if (Files.isSymbolicLink(path)) {
            throw FileTrust.symbolicLink(path);
        }
        if (Files.isDirectory(path)) {
            throw new ChannelException(
                    Reason.BAD_PATH,
                    path + " is a directory, not a channel file: give a file name, e.g. "
                            + path.resolve("channel.shm"));
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ChannelException(Reason.BAD_PATH, "directory " + parent + " does not exist: create it first");
        }
    }

    /**
     * Opens and maps an existing channel file after checking that it may be used and holds a valid
     * channel.
     *
     * @param path the channel file
     * @param expectedKind the kind the caller implements, or null to accept either (inspection)
     * @param options the attach timeout, the capacity when required, and who else may own or write
     *     the file
     * @param writable whether to open it read-write (and check its owner and permissions) or read-only
     * @return the open file and its mapping; the caller closes the channel
     * @throws ChannelException naming the first check that fails: BAD_PATH, UNSAFE, NOT_A_CHANNEL,
     *     WRONG_VERSION, WRONG_KIND, CAPACITY_MISMATCH, TRUNCATED or TIMEOUT
     */
    public static ValidatedMapping attach(
            final Path path, final ChannelKind expectedKind, final ChannelOptions options, final boolean writable) {
        PosixFileAttributes checked = FileTrust.attributes(path);
        if (writable) {
            FileTrust.check(path, checked, options);
        } else {
            FileTrust.checkRegularFile(path, checked);
        }
        FileChannel ch;
        try {
            ch = writable
                    ? FileChannel.open(
                            path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ChannelException(Reason.BAD_PATH, path + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ChannelException(
                    Reason.BAD_PATH,
                    "cannot open " + path + " for " + (writable ? "reading and writing" : "reading")
                            + ": permission denied",
                    e);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(path)) {
                throw FileTrust.symbolicLink(path); // replaced by a link after the check
            }
            throw new ChannelException(Reason.BAD_PATH, "cannot open " + path + ": " + e, e);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot open " + path + ": " + e, e);
        }
        try {
            checkSameFile(path, checked);
            ValidatedMapping mapping = validateAndMap(path, ch, expectedKind, options, writable);
            ch = null;
            return mapping;
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing left to do with it
                }
            }
        }
    }

    /** Refuses the open file when the name now names another file than the one checked before. */
    private static void checkSameFile(final Path path, final PosixFileAttributes checked) {
        Object key = checked.fileKey();
        if (key != null && !key.equals(FileTrust.attributes(path).fileKey())) {
            throw new ChannelException(
                    Reason.UNSAFE,
                    path + " was replaced by another file while it was opened: someone is changing the directory;"
                            + " use a directory only you can write");
        }
    }

    private static ValidatedMapping validateAndMap(
            final Path path,
            final FileChannel ch,
            final ChannelKind expectedKind,
            final ChannelOptions options,
            final boolean writable) {
        try {
            long size = ch.size();
            if (size < DATA_OFFSET) {
                throw new ChannelException(
                        Reason.TRUNCATED,
                        path + " is too short to be a shmlane channel (" + size + " bytes, the header alone is "
                                + DATA_OFFSET + "): it is empty or truncated; delete it and start again");
            }
            FileChannel.MapMode mode = writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
            MappedByteBuffer header = ch.map(mode, 0, DATA_OFFSET);
            header.order(ByteOrder.nativeOrder());
            int version = awaitVersion(path, header, options.attachTimeout());
            long magic = (long) LONG.get(header, MAGIC_OFFSET);
            if (magic != MAGIC) {
                throw new ChannelException(
                        Reason.NOT_A_CHANNEL,
                        path + " is not a shmlane channel file (wrong magic 0x" + Long.toHexString(magic)
                                + "): check the path, or delete the file if it is yours");
            }
            if (version != LAYOUT_VERSION) {
                throw new ChannelException(
                        Reason.WRONG_VERSION,
                        path + " has channel layout version " + version + ", this shmlane reads version "
                                + LAYOUT_VERSION + ": use the shmlane release that wrote it, or a new file");
            }
            int kindCode = (int) INT.get(header, KIND_OFFSET);
            ChannelKind kind = ChannelKind.fromCode(kindCode);
            if (kind == null) {
                throw new ChannelException(
                        Reason.NOT_A_CHANNEL, path + " has a corrupt header: unknown channel kind " + kindCode);
            }
            checkKindFitsLayout(path, header, kind, size);
            if (expectedKind != null && kind != expectedKind) {
                throw new ChannelException(
                        Reason.WRONG_KIND,
                        path + " holds a " + kind.label() + " channel, not a " + expectedKind.label()
                                + ": open it as a " + kind.label() + ", or use another file");
            }
            int capacity = (int) INT.get(header, CAPACITY_OFFSET);
            try {
                ChannelOptions.checkCapacity(kind, capacity);
            } catch (ChannelException e) {
                throw new ChannelException(Reason.NOT_A_CHANNEL, path + " has a corrupt header: " + e.getMessage(), e);
            }
            int maxMessageLength = (int) INT.get(header, MAX_MESSAGE_LENGTH_OFFSET);
            if (maxMessageLength != ChannelOptions.maxMessageLength(kind, capacity)) {
                throw new ChannelException(
                        Reason.NOT_A_CHANNEL,
                        path + " has a corrupt header: max message length " + maxMessageLength
                                + " does not match capacity " + capacity);
            }
            int dataOffset = (int) INT.get(header, DATA_OFFSET_OFFSET);
            if (dataOffset != DATA_OFFSET) {
                throw new ChannelException(
                        Reason.NOT_A_CHANNEL,
                        path + " has a corrupt header: data offset " + dataOffset + ", expected " + DATA_OFFSET);
            }
            long expectedSize = (long) DATA_OFFSET + ChannelOptions.dataLength(kind, capacity);
            if (size < expectedSize) {
                throw new ChannelException(
                        Reason.TRUNCATED,
                        path + " is truncated: " + size + " bytes, its header says " + expectedSize
                                + "; delete it and start again");
            }
            if (size > expectedSize) {
                throw new ChannelException(
                        Reason.NOT_A_CHANNEL,
                        path + " is longer than its header says (" + size + " bytes, expected " + expectedSize
                                + "): it was modified by something other than shmlane");
            }
            if (options.requireCapacity() && expectedKind != null && capacity != options.capacity()) {
                throw new ChannelException(
                        Reason.CAPACITY_MISMATCH,
                        path + " was created with capacity " + capacity + ", not " + options.capacity()
                                + ": ask for capacity " + capacity + ", or use another file");
            }
            MappedByteBuffer buffer = ch.map(mode, 0, expectedSize);
            buffer.order(ByteOrder.nativeOrder());
            return new ValidatedMapping(ch, buffer, kind, capacity);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot map " + path + ": " + e, e);
        }
    }

    /**
     * A kind field that names the other kind of a file whose capacity, max message length and size
     * are those of that other kind is a corrupt kind field: blamed on the kind, not on whichever
     * field is checked first.
     */
    private static void checkKindFitsLayout(
            final Path path, final ByteBuffer header, final ChannelKind kind, final long size) {
        int capacity = (int) INT.get(header, CAPACITY_OFFSET);
        int maxMessageLength = (int) INT.get(header, MAX_MESSAGE_LENGTH_OFFSET);
        if (fitsLayout(kind, capacity, maxMessageLength, size)) {
            return;
        }
        ChannelKind other = kind == ChannelKind.RING ? ChannelKind.MAILBOX : ChannelKind.RING;
        if (fitsLayout(other, capacity, maxMessageLength, size)) {
            throw new ChannelException(
                    Reason.NOT_A_CHANNEL,
                    path + " has a corrupt header: its kind field says " + kind.label() + " but its capacity "
                            + capacity + ", max message length " + maxMessageLength + " and size " + size
                            + " are those of a " + other.label() + "; the file was damaged, delete it");
        }
    }

    private static boolean fitsLayout(
            final ChannelKind kind, final int capacity, final int maxMessageLength, final long size) {
        try {
            ChannelOptions.checkCapacity(kind, capacity);
        } catch (ChannelException e) {
            return false;
        }
        return maxMessageLength == ChannelOptions.maxMessageLength(kind, capacity)
                && size == (long) DATA_OFFSET + ChannelOptions.dataLength(kind, capacity);
    }

    private static int awaitVersion(final Path path, final ByteBuffer header, final Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // acquire: pairs with the creator's release in ChannelLayout.publishHeader(); all header
            // fields are visible after it
            int version = ChannelLayout.versionAcquire(header);
            if (version != 0) {
                return version;
            }
            long magic = (long) LONG.get(header, MAGIC_OFFSET);
            if (magic != 0 && magic != MAGIC) {
                return version; // not a channel: let the magic check say so at once
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ChannelException(
                        Reason.TIMEOUT,
                        path + " has no published header after " + timeout.toMillis()
                                + " ms: it was not made by shmlane (which names a file only once its header is"
                                + " complete), or its header was zeroed; delete it");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * An open channel file that passed every check, and its mapping.
     *
     * @param channel the open file; whoever holds this closes it
     * @param buffer the whole file mapped, native byte order
     * @param kind the kind from the header
     * @param capacity the capacity from the header
     */
    public record ValidatedMapping(FileChannel channel, MappedByteBuffer buffer, ChannelKind kind, int capacity) {}
}
