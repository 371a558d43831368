package io.shmlane;

import io.shmlane.ChannelException.Reason;
import io.shmlane.internal.FileCreation;
import io.shmlane.internal.FileValidation;
import io.shmlane.internal.FileValidation.ValidatedMapping;
import io.shmlane.internal.MappingFaults;
import io.shmlane.internal.RoleLocks;
import io.shmlane.internal.RoleState;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A mapped shmlane channel file: the handle the channel classes ({@code MailboxProducer},
 * {@code RingConsumer}, ...) are built on, and what their {@code file()} returns. The work is done by
 * one class per job, not API: creation, validation, role locks and liveness, and the translation of
 * faults of a truncated mapping.
 *
 * <p><b>Creation.</b> Whoever finds no file creates it: the header is written into a private temporary
 * file in the same directory, the layout version is published last with a release store, and the
 * complete file is then hard-linked to its name, which fails if the name exists. Two processes racing
 * to create therefore end up on one valid file. The data area is written with zeros at creation, so a
 * full disk is an error there instead of a SIGBUS later.
 *
 * <p><b>Trust.</b> The file is created with the options' permissions, owner-only (0600) by default,
 * whatever the umask. The channel's name is never followed as a symbolic link, and an existing file is
 * used only when it is owned by this user (or an allowed owner) and writable by nobody else.
 *
 * <p><b>Attach.</b> The attacher waits (up to a timeout) for a non-zero layout version, read with an
 * acquire load that pairs with the creator's release store, and then checks, each with its own
 * message: magic, version, kind, capacity, maximum message length, data offset and file size.
 *
 * <p><b>Roles.</b> A producer and a consumer each lock one byte of the file; the operating system
 * releases the lock when the process dies, so whether the peer is alive is one non-blocking lock probe
 * away ({@link #peerStatus(Role)}), and a second process asking for a held role is refused. Caveat of
 * POSIX record locks: closing any channel to the file releases all of this process's locks on it, so
 * one process should hold one role per file.
 *
 * <p><b>Truncation.</b> Touching a mapped page beyond the end of the file raises SIGBUS. The JVM turns
 * that into an {@link InternalError} for buffer accesses; the blocking waits check the file size
 * periodically ({@link #checkNotTruncated()}), and {@link #translate} turns such an error into a clear
 * one.
 */
public final class ChannelFile implements AutoCloseable {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final ChannelKind kind;
    private final int capacity;
    private final int maxMessageLength;
    private final long fileLength;
    private final boolean created;
    private final RoleLocks roles;
    private final MappingFaults faults;

    private ChannelFile(final Path path, final ValidatedMapping mapping, final boolean created) {
        this.path = path;
        this.channel = mapping.channel();
        this.buffer = mapping.buffer();
        this.kind = mapping.kind();
        this.capacity = mapping.capacity();
        this.maxMessageLength = ChannelOptions.maxMessageLength(kind, capacity);
        this.fileLength = buffer.capacity();
        this.created = created;
        this.roles = new RoleLocks(path, channel);
        this.faults = new MappingFaults(path, channel, fileLength);
    }

    /**
     * Opens the channel at {@code path}, creating it with {@code options} when no file exists. An
     * existing file must be trusted (a regular file owned by this user or an allowed owner, writable by
     * nobody else) and hold a valid channel of the options' kind.
     * Takes no role: see {@link #openRole}.
     *
     * @param path the channel file; its directory must exist, and the name must not be a symbolic link
     * @param options the kind, and the capacity and permissions to create the file with
     * @return the mapped file, read-write; the caller closes it
     * @throws ChannelException naming the problem when the file cannot be created or attached: BAD_PATH,
     *     UNSAFE, NOT_A_CHANNEL, WRONG_VERSION, WRONG_KIND, CAPACITY_MISMATCH, TRUNCATED or TIMEOUT
     */
    public static ChannelFile openOrCreate(final Path path, final ChannelOptions options) {
        FileValidation.checkPath(path);
        boolean created = false;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            created = FileCreation.create(path, options.kind(), options.capacity(), options.permissions());
        }
        return new ChannelFile(path, FileValidation.attach(path, options.kind(), options, true), created);
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
        FileValidation.checkPath(path);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChannelException(Reason.BAD_PATH, path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            // opening a FIFO for reading would block until a writer comes
            throw new ChannelException(
                    Reason.BAD_PATH,
                    path + " is not a regular file (a FIFO, socket or device): a channel is a regular file");
        }
        return new ChannelFile(
                path,
                FileValidation.attach(path, null, ChannelOptions.ring().withAttachTimeout(attachTimeout), false),
                false);
    }

    /**
     * Takes {@code role} for this process: locks the role's byte, then records this process's id and
     * counts the attach in the role's slot. Does not publish the role's state: {@link #openRole} does,
     * once the role's side is built. A lock refused at first is tried for another 200 ms, as a liveness
     * probe holds it for an instant.
     *
     * @param role the role to take
     * @throws ChannelException ROLE_TAKEN when a live process holds it; BAD_PATH when locking fails
     * @throws IllegalStateException when this file already holds a role
     */
    private void acquireRole(final Role role) {
        roles.acquire(role, buffer);
    }

    /**
     * The role's state; acquire, so a CLOSED makes the peer's earlier writes visible.
     *
     * @param r the role whose state to read, this file's own or the peer's
     * @return the state field: 0 none, 1 attached, 2 closed (see {@link ChannelHeaderDescriptor})
     */
    public int roleStateAcquire(final Role r) {
        return (int) INT.getAcquire(buffer, r.stateOffset());
    }

    /**
     * Publishes this process's role state; release, so everything written before it is visible with it.
     *
     * @param state 1 (attached) or 2 (closed); not checked; called once the role is held
     */
    private void roleStateRelease(final int state) {
        INT.setRelease(buffer, roles.role().stateOffset(), state);
    }

    /**
     * Whether a process, this one included, holds {@code r}'s lock now. A system call: keep it off hot paths.
     *
     * @param r the role to probe
     * @return true when the role's byte is locked
     * @throws ChannelException BAD_PATH when the probe fails
     */
    private boolean isRoleHeld(final Role r) {
        return roles.isHeld(r);
    }

    /**
     * What is known of the process in role {@code peer}. A system call: keep it off hot paths.
     *
     * @param peer the role to ask about
     * @return NOT_STARTED, CLOSED, ALIVE or DEAD from the role's state and its lock
     * @throws ChannelException BAD_PATH when the lock probe fails
     */
    public PeerStatus peerStatus(final Role peer) {
        return RoleLocks.peerStatus(() -> roleStateAcquire(peer), () -> isRoleHeld(peer));
    }

    /**
     * Checks that the file still has the length it was mapped with.
     *
     * @throws ChannelException TRUNCATED when it was shrunk while mapped; INTERRUPTED when the thread was
     *     interrupted (which closes the file); BAD_PATH when its size cannot be read
     */
    public void checkNotTruncated() {
        faults.checkNotTruncated();
    }

    /**
     * Whether the file is shorter now than its mapping; works on a closed file too.
     *
     * @return true when it is shorter, or when its size cannot be read
     */
    public boolean isTruncated() {
        return faults.isTruncated();
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
        return faults.translate(error);
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
     * when it ends cleanly. The mapping itself goes when the buffer is
     * collected. Closing again does nothing.
     */
    @Override
    public void close() {
        try {
            roles.release();
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }
}
