package io.shmlane;

import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a side asks for when it opens a channel: the kind, the capacity to create the file with when
 * it does not exist yet, whether an existing file must have that same capacity, and how long to wait
 * for a creator to publish the header, the file's permissions and which owners besides this
 * process's user are trusted. Immutable; each {@code with...} returns a copy.
 *
 * <p>Capacity means, per kind:
 *
 * <ul>
 *   <li>{@link ChannelKind#MAILBOX}: the payload bytes of the single slot, which is also the maximum
 *       message length; from 1 to {@value #MAX_MAILBOX_CAPACITY}.
 *   <li>{@link ChannelKind#RING}: the bytes of the ring's data area, a power of two from {@value
 *       #MIN_RING_CAPACITY} to {@value #MAX_RING_CAPACITY}; the maximum message length is capacity /
 *       8.
 * </ul>
 */
public final class ChannelOptions {
    /** Default mailbox slot size: the seed's 1 KiB region. */
    public static final int DEFAULT_MAILBOX_CAPACITY = 1024;
    /** Largest mailbox slot. */
    public static final int MAX_MAILBOX_CAPACITY = 64 * 1024 * 1024;
    /** Default ring data area: 1 MiB, messages up to 128 KiB. */
    public static final int DEFAULT_RING_CAPACITY = 1 << 20;
    /** Smallest ring data area. */
    public static final int MIN_RING_CAPACITY = 1024;
    /** Largest ring data area. */
    public static final int MAX_RING_CAPACITY = 1 << 30;
    /** Default wait for a creator to publish the header. */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(5);

    private final ChannelKind kind;
    private final int capacity;
    private final boolean requireCapacity;
    private final Duration attachTimeout;
    private final Set<PosixFilePermission> permissions;
    private final List<String> allowedOwners;

    private ChannelOptions(
            final ChannelKind kind,
            final int capacity,
            final boolean requireCapacity,
            final Duration attachTimeout,
            final Set<PosixFilePermission> permissions,
            final List<String> allowedOwners) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.capacity = capacity;
        this.requireCapacity = requireCapacity;
        this.attachTimeout = Objects.requireNonNull(attachTimeout, "attachTimeout");
        this.permissions = Set.copyOf(permissions);
        this.allowedOwners = List.copyOf(allowedOwners);
        checkCapacity(kind, capacity);
        if (attachTimeout.isNegative()) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT, "attach timeout must not be negative: " + attachTimeout);
        }
    }

    private ChannelOptions(final ChannelKind kind, final int capacity) {
        this(kind, capacity, false, DEFAULT_ATTACH_TIMEOUT, FileModes.OWNER_ONLY, List.of());
    }

    /** Defaults for a ring: 1 MiB, any existing capacity accepted, owner-only file. */
    public static ChannelOptions ring() {
        return new ChannelOptions(ChannelKind.RING, DEFAULT_RING_CAPACITY);
    }

    /** Defaults for a mailbox: 1 KiB slot, any existing capacity accepted, owner-only file. */
    public static ChannelOptions mailbox() {
        return new ChannelOptions(ChannelKind.MAILBOX, DEFAULT_MAILBOX_CAPACITY);
    }

    /** Defaults for {@code kind}. */
    public static ChannelOptions of(final ChannelKind kind) {
        return kind == ChannelKind.RING ? ring() : mailbox();
    }

    /** Creates with {@code capacity} and requires an existing file to have the same. */
    public ChannelOptions withCapacity(final int capacity) {
        return new ChannelOptions(kind, capacity, true, attachTimeout, permissions, allowedOwners);
    }

    /** Creates with {@code capacity} but accepts an existing file of any capacity. */
    public ChannelOptions withDefaultCapacity(final int capacity) {
        return new ChannelOptions(kind, capacity, false, attachTimeout, permissions, allowedOwners);
    }

    /** How long an attacher waits for the creator to publish the header. */
    public ChannelOptions withAttachTimeout(final Duration timeout) {
        return new ChannelOptions(kind, capacity, requireCapacity, timeout, permissions, allowedOwners);
    }

    /**
     * The permissions of a file this side creates (default {@link FileModes#OWNER_ONLY}, 0600,
     * whatever the umask); with group write, an existing group-writable file is accepted too. They
     * must give the owner read and write, and neither execute bits nor write for others.
     *
     * @throws ChannelException BAD_ARGUMENT naming the mode when it is not allowed
     */
    public ChannelOptions withPermissions(final Set<PosixFilePermission> permissions) {
        checkPermissions(permissions);
        return new ChannelOptions(kind, capacity, requireCapacity, attachTimeout, permissions, allowedOwners);
    }

    /**
     * Also trusts a file owned by {@code user} (by default only files owned by this process's user
     * are used). The name is looked up when a file is checked.
     */
    public ChannelOptions withAllowedOwner(final String user) {
        if (user == null || user.isBlank()) {
            throw new ChannelException(ChannelException.Reason.BAD_ARGUMENT, "an allowed owner needs a user name");
        }
        List<String> owners = new ArrayList<>(allowedOwners);
        owners.add(user);
        return new ChannelOptions(kind, capacity, requireCapacity, attachTimeout, permissions, owners);
    }

    public ChannelKind kind() {
        return kind;
    }

    public int capacity() {
        return capacity;
    }

    public boolean requireCapacity() {
        return requireCapacity;
    }

    public Duration attachTimeout() {
        return attachTimeout;
    }

    /** Permissions of a created file; group write here also accepts a group-writable existing file. */
    public Set<PosixFilePermission> permissions() {
        return permissions;
    }

    /** Users besides this process's own whose files are trusted. */
    public List<String> allowedOwners() {
        return allowedOwners;
    }

    private static void checkPermissions(final Set<PosixFilePermission> permissions) {
        Objects.requireNonNull(permissions, "permissions");
        String mode = FileModes.toOctal(permissions);
        if (!permissions.contains(PosixFilePermission.OWNER_READ)
                || !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT,
                    "a channel file's mode must let its owner read and write: mode " + mode);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT,
                    "a channel file's mode must not let every user write (anyone could inject messages): mode " + mode
                            + "; share it with a group instead, e.g. 0660");
        }
        if (!Collections.disjoint(
                permissions,
                EnumSet.of(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE))) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT,
                    "a channel file's mode needs no execute bits: mode " + mode + "; e.g. 0600 or 0660");
        }
    }

    /** Maximum payload length of a channel of {@code kind} and {@code capacity}. */
    public static int maxMessageLength(final ChannelKind kind, final int capacity) {
        return kind == ChannelKind.RING ? capacity / 8 : capacity;
    }

    /** Bytes of the data area of a channel of {@code kind} and {@code capacity}. */
    public static int dataLength(final ChannelKind kind, final int capacity) {
        return kind == ChannelKind.RING ? capacity : io.shmlane.mailbox.MailboxDescriptor.dataLength(capacity);
    }

    /**
     * Checks that {@code capacity} is allowed for {@code kind}.
     *
     * @throws ChannelException with reason BAD_ARGUMENT, naming the value and the allowed range
     */
    public static void checkCapacity(final ChannelKind kind, final int capacity) {
        if (kind == ChannelKind.RING) {
            if (capacity < MIN_RING_CAPACITY || capacity > MAX_RING_CAPACITY || Integer.bitCount(capacity) != 1) {
                throw new ChannelException(
                        ChannelException.Reason.BAD_ARGUMENT,
                        "ring capacity must be a power of two from " + MIN_RING_CAPACITY + " to " + MAX_RING_CAPACITY
                                + ": capacity=" + capacity);
            }
        } else if (capacity < 1 || capacity > MAX_MAILBOX_CAPACITY) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT,
                    "mailbox capacity (its maximum message length) must be from 1 to " + MAX_MAILBOX_CAPACITY
                            + ": capacity=" + capacity);
        }
    }

    @Override
    public String toString() {
        return kind.label() + "(capacity=" + capacity + (requireCapacity ? ", required" : "") + ", attachTimeout="
                + attachTimeout + ", mode=" + FileModes.toOctal(permissions)
                + (allowedOwners.isEmpty() ? "" : ", allowedOwners=" + allowedOwners) + ")";
    }
}
