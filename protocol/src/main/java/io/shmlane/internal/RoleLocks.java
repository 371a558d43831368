package io.shmlane.internal;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import io.shmlane.PeerStatus;
import io.shmlane.Role;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The roles of one open channel file and the liveness of their holders. A producer and a consumer each
 * lock one byte of the file ({@link FileChannel#tryLock} on the first byte of the role's slot). The
 * operating system releases the lock when the process dies, so whether the peer is alive is one
 * non-blocking lock probe away, and a second process asking for a held role is refused.
 *
 * <p>Caveat of POSIX record locks: closing any channel to the file releases all of this process's locks
 * on it, so one process should hold one role per file (two roles in one JVM work, but another process
 * may then see one of them as dead after the other closes).
 */
public final class RoleLocks {
    /** How long a refused role is tried again: longer than any liveness probe holds its byte. */
    private static final long PROBE_GRACE_NANOS = 200_000_000L;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path path;
    private final FileChannel channel;
    private FileLock roleLock;
    private Role role;

    /**
     * The roles of the file open as {@code channel}.
     *
     * @param path the file's path, for messages
     * @param channel the open file, read-write to take a role
     */
    public RoleLocks(final Path path, final FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** One non-blocking try for the byte of {@code role}; null when another holds it. */
    private FileLock tryLock(final Role role) {
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
     * counts the attach in the role's slot of {@code buffer}. A lock refused at first is tried for
     * another 200 ms, as a liveness probe holds it for an instant.
     *
     * @param role the role to take
     * @param buffer the file's mapping
     * @throws ChannelException ROLE_TAKEN when a live process holds it; BAD_PATH when locking fails
     * @throws IllegalStateException when this file already holds a role
     */
    public void acquire(final Role role, final ByteBuffer buffer) {
        if (this.role != null) {
            throw new IllegalStateException("this file already holds the " + this.role.label() + " role");
        }
        FileLock lock = tryLock(role);
        // a liveness probe (inspect, the peer asking "is it alive?") holds the byte for an instant: a
        // role refused that soon is tried again, so only a holder that keeps it counts as live
        long deadline = System.nanoTime() + PROBE_GRACE_NANOS;
        while (lock == null && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
            lock = tryLock(role);
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
     * The role this file holds.
     *
     * @return the role taken by {@link #acquire}, or null
     */
    public Role role() {
        return role;
    }

    /**
     * Whether a process, this one included, holds {@code r}'s lock now. A system call: keep it off hot paths.
     *
     * @param r the role to probe
     * @return true when the role's byte is locked
     * @throws ChannelException BAD_PATH when the probe fails
     */
    public boolean isHeld(final Role r) {
        try (FileLock probe = channel.tryLock(r.slotOffset(), 1, true)) {
            return probe == null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot probe the lock of " + path + ": " + e, e);
        }
    }

    /**
     * The status from the role's state and its lock. A peer that closes between the state read
     * (attached) and the lock probe (free) closed, it did not die: it stores CLOSED before it lets go
     * of the lock, so the state is read again after a free lock.
     *
     * @param state reads the role's state field with an acquire load
     * @param held probes the role's lock
     * @return NOT_STARTED, CLOSED, ALIVE or DEAD
     */
    public static PeerStatus peerStatus(final IntSupplier state, final BooleanSupplier held) {
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

    /** Releases the role's lock, if one is held; closing the file releases it as well. */
    public void release() {
        try {
            if (roleLock != null && roleLock.isValid()) {
                roleLock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
    }
}
