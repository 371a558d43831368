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

    /**
     * Defaults for a ring: 1 MiB, any existing capacity accepted, owner-only file, 5 s attach timeout.
     *
     * @return the ring defaults
     */
    public static ChannelOptions ring() {
        return new ChannelOptions(ChannelKind.RING, DEFAULT_RING_CAPACITY);
    }

    /**
     * Defaults for a mailbox: 1 KiB slot, any existing capacity accepted, owner-only file, 5 s attach
     * timeout.
     *
     * @return the mailbox defaults
     */
    public static ChannelOptions mailbox() {
        return new ChannelOptions(ChannelKind.MAILBOX, DEFAULT_MAILBOX_CAPACITY);
    }

    /**
     * Defaults for {@code kind}.
     *
     * @param kind the channel kind
     * @return {@link #ring()} for a ring, {@link #mailbox()} otherwise
     */
    public static ChannelOptions of(final ChannelKind kind) {
        return requireKind(kind) == ChannelKind.RING ? ring() : mailbox();
    }

    /**
     * Creates with {@code capacity} and requires an existing file to have the same.
     *
     * @param capacity bytes, in the range of this kind (see the class comment)
     * @return a copy with this capacity, required
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range for the kind
     */
    public ChannelOptions withCapacity(final int capacity) {
        return new ChannelOptions(kind, capacity, true, attachTimeout, permissions, allowedOwners);
    }

    /**
     * Creates with {@code capacity} but accepts an existing file of any capacity.
     *
     * @param capacity bytes, in the range of this kind (see the class comment)
     * @return a copy with this capacity, not required
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range for the kind
     */
    public ChannelOptions withDefaultCapacity(final int capacity) {
        return new ChannelOptions(kind, capacity, false, attachTimeout, permissions, allowedOwners);
    }

    /**
     * How long an attacher waits for the creator to publish the header. A shmlane creator names the
     * file only once its header is complete, so only a file made some other way (all zeros, or still
     * being written by something else) makes it wait.
     *
     * @param timeout the wait; zero looks once
     * @return a copy with this timeout
     * @throws ChannelException BAD_ARGUMENT when {@code timeout} is negative
     * @throws NullPointerException when {@code timeout} is null
     */
    public ChannelOptions withAttachTimeout(final Duration timeout) {
        return new ChannelOptions(kind, capacity, requireCapacity, timeout, permissions, allowedOwners);
    }

    /**
     * The permissions of a file this side creates (default {@link FileModes#OWNER_ONLY}, 0600,
     * whatever the umask); with group write, an existing group-writable file is accepted too. They
     * must give the owner read and write, and neither execute bits nor write for others.
     *
     * @param permissions the mode, for example from {@link FileModes#parseOctal}
     * @return a copy with these permissions
     * @throws ChannelException BAD_ARGUMENT naming the mode when it is not allowed
     * @throws NullPointerException when {@code permissions} is null
     */
    public ChannelOptions withPermissions(final Set<PosixFilePermission> permissions) {
        checkPermissions(permissions);
        return new ChannelOptions(kind, capacity, requireCapacity, attachTimeout, permissions, allowedOwners);
    }

    /**
     * Also trusts a file owned by {@code user} (by default only files owned by this process's user
     * are used). The name is looked up only when a file owned by another user is checked; an unknown
     * name then fails with BAD_ARGUMENT.
     *
     * @param user a user name
     * @return a copy that also trusts {@code user}
     * @throws ChannelException BAD_ARGUMENT when {@code user} is null or blank
     */
    public ChannelOptions withAllowedOwner(final String user) {
        if (user == null || user.isBlank()) {
            throw new ChannelException(ChannelException.Reason.BAD_ARGUMENT, "an allowed owner needs a user name");
        }
        List<String> owners = new ArrayList<>(allowedOwners);
        owners.add(user);
        return new ChannelOptions(kind, capacity, requireCapacity, attachTimeout, permissions, owners);
    }

    /**
     * The kind of channel to open; an existing file of another kind is refused with WRONG_KIND.
     *
     * @return the kind, never null
     */
    public ChannelKind kind() {
        return kind;
    }

    /**
     * The capacity a created file gets, see the class comment.
     *
     * @return bytes, valid for {@link #kind()}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Whether an existing file must have {@link #capacity()}; if not, it is used with its own.
     *
     * @return true after {@link #withCapacity}, false for the defaults and after {@link
     *     #withDefaultCapacity}
     */
    public boolean requireCapacity() {
        return requireCapacity;
    }

    /**
     * How long an attacher waits for the creator to publish the header.
     *
     * @return the timeout, never negative
     */
    public Duration attachTimeout() {
        return attachTimeout;
    }

    /**
     * Permissions of a created file; group write here also accepts a group-writable existing file.
     *
     * @return an unmodifiable set
     */
    public Set<PosixFilePermission> permissions() {
        return permissions;
    }

    /**
     * Users besides this process's own whose files are trusted.
     *
     * @return an unmodifiable list of user names, in the order added; empty by default
     */
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

    /**
     * Maximum payload length of a channel of {@code kind} and {@code capacity}. Does not check the
     * capacity.
     *
     * @param kind the channel kind
     * @param capacity the capacity, see the class comment
     * @return bytes: {@code capacity / 8} for a ring, {@code capacity} for a mailbox
     */
    public static int maxMessageLength(final ChannelKind kind, final int capacity) {
        return requireKind(kind) == ChannelKind.RING ? capacity / 8 : capacity;
    }

    /**
     * Bytes of the data area of a channel of {@code kind} and {@code capacity}. Does not check the
     * capacity.
     *
     * @param kind the channel kind
     * @param capacity the capacity, see the class comment
     * @return the bytes after {@link ChannelHeaderDescriptor#DATA_OFFSET}: the capacity for a ring; for a
     *     mailbox the slot's header and payload, rounded up to 8
     */
    public static int dataLength(final ChannelKind kind, final int capacity) {
        return requireKind(kind) == ChannelKind.RING
                ? capacity
                : io.shmlane.mailbox.MailboxDescriptor.dataLength(capacity);
    }

    /**
     * Checks that {@code capacity} is allowed for {@code kind}.
     *
     * @param kind the channel kind
     * @param capacity the capacity to check, see the class comment
     * @throws ChannelException with reason BAD_ARGUMENT, naming the value and the allowed range
     */
    public static void checkCapacity(final ChannelKind kind, final int capacity) {
        if (requireKind(kind) == ChannelKind.RING) {
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

    /** {@code kind}, or a clear refusal of null: every kind-dependent rule here would otherwise take it for a mailbox. */
    private static ChannelKind requireKind(final ChannelKind kind) {
        if (kind == null) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT, "the channel kind is null: pass ChannelKind.RING or MAILBOX");
        }
        return kind;
    }
}
