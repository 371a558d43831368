package io.shmlane;

import static io.shmlane.ChannelHeaderDescriptor.CAPACITY_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.KIND_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.LAYOUT_VERSION;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET;

import io.shmlane.ChannelException.Reason;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A mapped shmlane channel file: creation, the start-up handshake, validation, roles and liveness.
 * The channel classes ({@code MailboxProducer}, {@code RingConsumer}, ...) are built on one of these.
 *
 * <p><b>Creation.</b> Whoever finds no file creates it: the header is written into a private temporary
 * file in the same directory, the layout version is published last with a release store, and the
 * complete file is then hard-linked to its name, which fails if the name exists. Two processes racing
 * to create therefore end up on one valid file: the loser deletes its temporary file and attaches to
 * the winner's. The data area is written with zeros at creation, so the disk blocks exist and a full
 * disk is an error here instead of a SIGBUS later.
 *
 * <p><b>Trust.</b> The temporary file is created new ({@code O_EXCL}, so no planted file or link is
 * reused) with the options' permissions, owner-only (0600) by default, from its first byte, and set
 * to exactly those permissions before it gets its name, whatever the umask. The channel's name is
 * never followed as a symbolic link, and an existing file is used only when {@link FileTrust} trusts
 * it: owned by this user (or an allowed owner) and writable by nobody else.
 *
 * <p><b>Attach.</b> The attacher waits (up to a timeout) for a non-zero layout version, read with an
 * acquire load that pairs with the creator's release store, and then checks, each with its own
 * message: magic, version, kind, capacity, maximum message length, data offset and file size.
 *
 * <p><b>Roles.</b> A producer and a consumer each lock one byte of the file ({@link FileChannel#tryLock}
 * on the first byte of the role's slot). The operating system releases the lock when the process dies,
 * so whether the peer is alive is one non-blocking lock probe away ({@link #peerStatus(Role)}), and a
 * second process asking for a held role is refused. Caveat of POSIX record locks: closing any channel
 * to the file releases all of this process's locks on it, so one process should hold one role per file
 * (two roles in one JVM work, but another process may then see one of them as dead after the other
 * closes).
 *
 * <p><b>Truncation.</b> Touching a mapped page beyond the end of the file raises SIGBUS. The JVM turns
 * that into an {@link InternalError} for buffer accesses; the blocking waits check the file size
 * periodically ({@link #checkNotTruncated()}) and the command line turns both into a clear error.
 */
public final class ChannelFile implements AutoCloseable {
    /** How long a refused role is tried again: longer than any liveness probe holds its byte. */
    private static final long PROBE_GRACE_NANOS = 200_000_000L;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int ZERO_CHUNK = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final ChannelKind kind;
    private final int capacity;
    private final int maxMessageLength;
    private final long fileLength;
    private final boolean created;
    private FileLock roleLock;
    private Role role;

    private ChannelFile(
            final Path path,
            final FileChannel channel,
            final MappedByteBuffer buffer,
            final ChannelKind kind,
            final int capacity,
            final boolean created) {
        this.path = path;
        this.channel = channel;
        this.buffer = buffer;
        this.kind = kind;
        this.capacity = capacity;
        this.maxMessageLength = ChannelOptions.maxMessageLength(kind, capacity);
        this.fileLength = buffer.capacity();
        this.created = created;
    }

    /**
     * Opens the channel at {@code path}, creating it with {@code options} when no file exists. An
     * existing file must be trusted (a regular file owned by this user or an allowed owner, writable by
     * nobody else) and hold a valid channel of the options' kind.
     * Takes no role: see {@link #openRole} and {@link #acquireRole}.
     *
     * @param path the channel file; its directory must exist, and the name must not be a symbolic link
     * @param options the kind, and the capacity and permissions to create the file with
     * @return the mapped file, read-write; the caller closes it
     * @throws ChannelException naming the problem when the file cannot be created or attached: BAD_PATH,
     *     UNSAFE, NOT_A_CHANNEL, WRONG_VERSION, WRONG_KIND, CAPACITY_MISMATCH, TRUNCATED or TIMEOUT
     */
    public static ChannelFile openOrCreate(final Path path, final ChannelOptions options) {
        checkPath(path);
        boolean created = false;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            created = create(path, options.kind(), options.capacity(), options.permissions());
        }
        return attach(path, options.kind(), options, created, true);
    }

    /**
     * Opens the channel at {@code path} for {@code role}, creating the file if needed, and builds the
     * role's side with {@code factory}; the role's state is published as attached only after the
     * factory returned. Closes the file if the role or the factory fails with a runtime exception.
     *
     * @param <T> the type of the role's side, a producer or a consumer
     * @param path the channel file, as for {@link #openOrCreate}
     * @param options the options to open or create it with
     * @param kind the kind the caller implements; {@code options} must be for it
     * @param role the role to take
     * @param factory builds the side on the file, which it then owns and closes
     * @return what {@code factory} returned
     * @throws IllegalArgumentException when {@code options} are not for {@code kind}
     * @throws ChannelException when the file is not usable, the role is taken, or (for a producer) an
     *     earlier producer ended the stream
     */
    public static <T> T openRole(
            final Path path,
            final ChannelOptions options,
            final ChannelKind kind,
            final Role role,
            final java.util.function.Function<ChannelFile, T> factory) {
        if (options.kind() != kind) {
            throw new IllegalArgumentException(
                    "options are for a " + options.kind().label() + ", not a " + kind.label());
        }
        ChannelFile file = openOrCreate(path, options);
        try {
            file.acquireRole(role);
            if (role == Role.PRODUCER && file.roleStateAcquire(Role.PRODUCER) == RoleState.CLOSED) {
                throw new ChannelException(
                        Reason.CLOSED,
                        path + " was closed by an earlier producer (end of stream): it takes no new messages;"
                                + " delete it or use another file");
            }
            T side = factory.apply(file);
            file.roleStateRelease(RoleState.ATTACHED);
            return side;
        } catch (RuntimeException | Error e) {
            // an Error too: a SIGBUS in the factory's recovery walk (InternalError) must not leak the mapping
            // and keep the role's lock for the rest of this JVM's life
            file.close();
            throw e;
        }
    }

    /**
     * Attaches to an existing channel of any kind without creating or writing anything, for
     * inspection. The mapping is read-only. A symbolic link is refused; the owner and the permissions
     * are not checked, as nothing is written and no role is taken.
     *
     * @param path the channel file
     * @param attachTimeout how long to wait for a creator to publish the header; zero looks once
     * @return the mapped file, read-only: {@link #buffer()} refuses writes and no role can be taken
     * @throws ChannelException BAD_PATH when the file does not exist or is not a regular file, UNSAFE for
     *     a symbolic link, BAD_ARGUMENT for a negative timeout, and the header's reasons as in {@link
     *     #openOrCreate}
     */
    public static ChannelFile openExisting(final Path path, final Duration attachTimeout) {
        checkPath(path);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChannelException(Reason.BAD_PATH, path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            // opening a FIFO for reading would block until a writer comes
            throw new ChannelException(
                    Reason.BAD_PATH,
                    path + " is not a regular file (a FIFO, socket or device): a channel is a regular file");
        }
        return attach(path, null, ChannelOptions.ring().withAttachTimeout(attachTimeout), false, false);
    }

    private static void checkPath(final Path path) {
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

    /** Creates the file atomically; returns false when another process won the race. */
    private static boolean create(
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
                ChannelBuffers.publishHeader(header, kind, capacity);
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

    private static ChannelFile attach(
            final Path path,
            final ChannelKind expectedKind,
            final ChannelOptions options,
            final boolean created,
            final boolean writable) {
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
            ChannelFile file = validateAndMap(path, ch, expectedKind, options, created, writable);
            ch = null;
            return file;
        } finally {
            if (ch != null) {
                closeQuietly(ch);
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

    private static ChannelFile validateAndMap(
            final Path path,
            final FileChannel ch,
            final ChannelKind expectedKind,
            final ChannelOptions options,
            final boolean created,
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
                                + ": use --channel " + kind.label() + " or another file");
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
                                + ": use --capacity " + capacity + ", or another file");
            }
            MappedByteBuffer buffer = ch.map(mode, 0, expectedSize);
            buffer.order(ByteOrder.nativeOrder());
            return new ChannelFile(path, ch, buffer, kind, capacity, created);
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
            // acquire: pairs with the creator's release in ChannelBuffers.publishHeader(); all header
            // fields are visible after it
            int version = ChannelBuffers.versionAcquire(header);
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

    /** One non-blocking try for the byte of {@code role}; null when another holds it. */
    private FileLock tryLockRole(final Role role) {
        try {
            return channel.tryLock(role.slotOffset(), 1, false);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot lock " + path + ": " + e, e);
        }
    }

    /**
     * Takes {@code role} for this process: locks the role's byte, then records this process's id and
     * counts the attach in the role's slot. Does not publish the role's state, see {@link
     * #roleStateRelease}. A lock refused at first is tried for another 200 ms, as a liveness probe
     * holds it for an instant.
     *
     * @param role the role to take
     * @throws ChannelException ROLE_TAKEN when a live process holds it; BAD_PATH when locking fails
     * @throws IllegalStateException when this file already holds a role
     */
    public void acquireRole(final Role role) {
        if (this.role != null) {
            throw new IllegalStateException("this file already holds the " + this.role.label() + " role");
        }
        FileLock lock = tryLockRole(role);
        // a liveness probe (inspect, the peer asking "is it alive?") holds the byte for an instant: a
        // role refused that soon is tried again, so only a holder that keeps it counts as live
        long deadline = System.nanoTime() + PROBE_GRACE_NANOS;
        while (lock == null && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
            lock = tryLockRole(role);
        }
        if (lock == null) {
            throw new ChannelException(
                    Reason.ROLE_TAKEN,
                    path + " already has a live " + role.label() + " (pid " + LONG.getVolatile(buffer, role.pidOffset())
                            + "): a channel takes one producer and one consumer; stop the other " + role.label()
                            + " first");
        }
        roleLock = lock;
        this.role = role;
        LONG.set(buffer, role.pidOffset(), ProcessHandle.current().pid());
        INT.set(buffer, role.attachCountOffset(), (int) INT.get(buffer, role.attachCountOffset()) + 1);
    }

    /**
     * The role's state, see {@link RoleState}; acquire, so a CLOSED makes the peer's earlier writes visible.
     *
     * @param r the role whose state to read, this file's own or the peer's
     * @return the state field
     */
    public int roleStateAcquire(final Role r) {
        return (int) INT.getAcquire(buffer, r.stateOffset());
    }

    /**
     * Publishes this process's role state; release, so everything written before it is visible with it.
     *
     * @param state one of the {@link RoleState} values; not checked
     * @throws IllegalStateException when this file holds no role
     */
    public void roleStateRelease(final int state) {
        if (role == null) {
            throw new IllegalStateException("no role held");
        }
        INT.setRelease(buffer, role.stateOffset(), state);
    }

    /**
     * Whether a process, this one included, holds {@code r}'s lock now. A system call: keep it off hot paths.
     *
     * @param r the role to probe
     * @return true when the role's byte is locked
     * @throws ChannelException BAD_PATH when the probe fails
     */
    public boolean isRoleHeld(final Role r) {
        try (FileLock probe = channel.tryLock(r.slotOffset(), 1, true)) {
            return probe == null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot probe the lock of " + path + ": " + e, e);
        }
    }

    /**
     * What is known of the process in role {@code peer}. A system call: keep it off hot paths.
     *
     * @param peer the role to ask about
     * @return NOT_STARTED, CLOSED, ALIVE or DEAD from the role's state and its lock
     * @throws ChannelException BAD_PATH when the lock probe fails
     */
    public PeerStatus peerStatus(final Role peer) {
        return peerStatus(() -> roleStateAcquire(peer), () -> isRoleHeld(peer));
    }

    /**
     * The status from the role's state and its lock. A peer that closes between the state read
     * (attached) and the lock probe (free) closed, it did not die: it stores CLOSED before it lets go
     * of the lock, so the state is read again after a free lock.
     */
    static PeerStatus peerStatus(final IntSupplier state, final BooleanSupplier held) {
        int seen = state.getAsInt();
        if (seen == RoleState.NONE) {
            return PeerStatus.NOT_STARTED;
        }
        if (seen == RoleState.CLOSED) {
            return PeerStatus.CLOSED;
        }
        if (held.getAsBoolean()) {
            return PeerStatus.ALIVE;
        }
        // acquire (the supplier's): the lock release is ordered after the peer's release store of CLOSED
        return state.getAsInt() == RoleState.CLOSED ? PeerStatus.CLOSED : PeerStatus.DEAD;
    }

    /**
     * Checks that the file still has the length it was mapped with.
     *
     * @throws ChannelException TRUNCATED when it was shrunk while mapped; INTERRUPTED when the thread was
     *     interrupted (which closes the file); BAD_PATH when its size cannot be read
     */
    public void checkNotTruncated() {
        long size;
        try {
            size = channel.size();
        } catch (ClosedByInterruptException e) {
            throw new ChannelException(
                    Reason.INTERRUPTED, "interrupted while checking the size of " + path + "; the file is closed", e);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot read the size of " + path + ": " + e, e);
        }
        if (size < fileLength) {
            throw truncatedWhileMapped(size);
        }
    }

    /**
     * Whether the file is shorter now than its mapping; works on a closed file too.
     *
     * @return true when it is shorter, or when its size cannot be read
     */
    public boolean isTruncated() {
        try {
            return channel.size() < fileLength;
        } catch (IOException e) {
            // the channel may be closed (an interrupt closes it); the path's size still tells
            try {
                return Files.size(path) < fileLength;
            } catch (IOException gone) {
                return true;
            }
        }
    }

    /**
     * The error for a file that shrank under its mapping.
     *
     * @param sizeNow the file's size now in bytes, or negative when unknown (left out of the message)
     * @return a TRUNCATED exception, for the caller to throw
     */
    public ChannelException truncatedWhileMapped(final long sizeNow) {
        return new ChannelException(
                Reason.TRUNCATED,
                path + " was truncated while mapped (" + (sizeNow >= 0 ? sizeNow + " bytes, " : "") + "mapped "
                        + fileLength + "): the channel is unusable; stop both sides and delete it");
    }

    /**
     * Turns a SIGBUS-born {@link InternalError} from an access to this file's mapping into the channel
     * error for a truncated file; rethrows anything else.
     *
     * @param error what the access threw
     * @return a TRUNCATED exception with {@code error} as its cause, when the file is shorter than the
     *     mapping or its size cannot be read
     * @throws InternalError {@code error} itself, when the file still has its length
     */
    public ChannelException translate(final InternalError error) {
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            size = -1;
        }
        if (size < fileLength) {
            ChannelException e = truncatedWhileMapped(size);
            e.initCause(error);
            return e;
        }
        throw error;
    }

    /**
     * The whole mapping, native byte order. Use absolute accesses only: the position is shared.
     *
     * @return the mapped buffer, {@link #fileLength()} bytes; read-only after {@link #openExisting}
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * The path the file was opened by.
     *
     * @return the path as given, not resolved
     */
    public Path path() {
        return path;
    }

    /**
     * The kind from the header.
     *
     * @return the channel kind
     */
    public ChannelKind kind() {
        return kind;
    }

    /**
     * Capacity from the header, see {@link ChannelOptions}.
     *
     * @return bytes; may differ from the options' capacity when that was not required
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Largest payload in bytes, from the header.
     *
     * @return the capacity for a mailbox, capacity / 8 for a ring
     */
    public int maxMessageLength() {
        return maxMessageLength;
    }

    /**
     * Bytes mapped: header, role slots and data area.
     *
     * @return the file's length when it was opened
     */
    public long fileLength() {
        return fileLength;
    }

    /**
     * Whether this process created the file (won the creation race).
     *
     * @return true when this open created it; false when it existed or another process won
     */
    public boolean created() {
        return created;
    }

    /**
     * Reads a header {@code int} at {@code offset} with a volatile load, for inspection.
     *
     * @param offset byte offset from the start of the file, a multiple of 4, such as a {@link
     *     ChannelHeaderDescriptor} offset
     * @return the value, in native byte order
     * @throws IndexOutOfBoundsException when {@code offset} is outside the mapping
     * @throws IllegalStateException when {@code offset} is not a multiple of 4
     */
    public int intVolatile(final int offset) {
        return (int) INT.getVolatile(buffer, offset);
    }

    /**
     * Reads a header {@code long} at {@code offset} with a volatile load, for inspection.
     *
     * @param offset byte offset from the start of the file, a multiple of 8, such as a {@link
     *     ChannelHeaderDescriptor} offset
     * @return the value, in native byte order
     * @throws IndexOutOfBoundsException when {@code offset} is outside the mapping
     * @throws IllegalStateException when {@code offset} is not a multiple of 8
     */
    public long longVolatile(final int offset) {
        return (long) LONG.getVolatile(buffer, offset);
    }

    /**
     * Releases the role lock and the file. Publishes no role state: a role's side stores CLOSED first
     * when it ends cleanly ({@link ChannelBuffers#closeRole}). The mapping itself goes when the buffer is
     * collected. Closing again does nothing.
     */
    @Override
    public void close() {
        try {
            if (roleLock != null && roleLock.isValid()) {
                roleLock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(final FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
