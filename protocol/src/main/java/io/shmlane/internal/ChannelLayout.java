package io.shmlane.internal;

import static io.shmlane.ChannelHeaderDescriptor.CAPACITY_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.CREATION_TIME_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.CREATOR_PID_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.KIND_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.LAYOUT_VERSION;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.VERSION_OFFSET;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.Role;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The channel layout over any {@link ByteBuffer}, shared by the channel implementations: publishing and
 * reading the header, the roles' states, closing a role, naming the channel in messages. Not API.
 */
public final class ChannelLayout {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private ChannelLayout() {}

    /**
     * Fills the header and publishes it: every field is written with plain stores, then the layout
     * version with a release store. An attacher that reads the version with {@link #versionAcquire}
     * and finds it non-zero sees every field. The role slots and the data area are not touched.
     *
     * @param header a buffer of at least {@link ChannelHeaderDescriptor#DATA_OFFSET} bytes, written at
     *     absolute indexes in native byte order whatever the buffer's own order
     * @param kind the channel kind to record
     * @param capacity the capacity to record, with the maximum message length it implies; not checked
     *     here
     */
    public static void publishHeader(final ByteBuffer header, final ChannelKind kind, final int capacity) {
        LONG.set(header, MAGIC_OFFSET, MAGIC);
        INT.set(header, KIND_OFFSET, kind.code());
        INT.set(header, CAPACITY_OFFSET, capacity);
        INT.set(header, MAX_MESSAGE_LENGTH_OFFSET, ChannelOptions.maxMessageLength(kind, capacity));
        INT.set(header, DATA_OFFSET_OFFSET, DATA_OFFSET);
        LONG.set(header, CREATION_TIME_OFFSET, System.currentTimeMillis());
        LONG.set(header, CREATOR_PID_OFFSET, ProcessHandle.current().pid());
        // release: publishes every header field written above; pairs with getAcquire in versionAcquire()
        INT.setRelease(header, VERSION_OFFSET, LAYOUT_VERSION);
    }

    /**
     * The layout version, 0 while unpublished; acquire, pairs with the release in {@link #publishHeader}.
     *
     * @param header a buffer laid out like a channel file
     * @return the version field; once non-zero, every other header field is visible
     */
    public static int versionAcquire(final ByteBuffer header) {
        return (int) INT.getAcquire(header, VERSION_OFFSET);
    }

    /**
     * The state of {@code role} (see {@link RoleState}); acquire, pairs with the role's release of it.
     *
     * @param buffer a buffer laid out like a channel file
     * @param role whose state to read
     * @return the state field; after CLOSED, everything the role wrote before closing is visible
     */
    public static int roleStateAcquire(final ByteBuffer buffer, final Role role) {
        return (int) INT.getAcquire(buffer, role.stateOffset());
    }

    /**
     * Publishes CLOSED for {@code role} with a release store, then closes {@code file} if there is one.
     * A file that was truncated under its mapping is closed without the store: touching a page that is
     * gone would raise SIGBUS.
     *
     * @param file the role's file, or null for a wrapped buffer
     * @param buffer the file's mapping or the wrapped buffer
     * @param role the role that closes
     */
    public static void closeRole(final ChannelFile file, final ByteBuffer buffer, final Role role) {
        try {
            if (file == null || !file.isTruncated()) {
                INT.setRelease(buffer, role.stateOffset(), RoleState.CLOSED);
            }
        } catch (InternalError fault) {
            // the file shrank between the check and the store: nothing to publish into any more
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * The channel error for a fault in a mapped-memory access (the JVM raises SIGBUS as an
     * {@link InternalError} when a mapped page is gone because the file shrank). Rethrows the error
     * when there is no file or the file still has its length.
     *
     * @param file the file whose mapping faulted, or null for a wrapped buffer
     * @param fault what the access threw
     * @return a TRUNCATED exception with {@code fault} as its cause, for the caller to throw
     * @throws InternalError {@code fault} itself, when it cannot be blamed on a truncated file
     */
    public static ChannelException translate(final ChannelFile file, final InternalError fault) {
        if (file == null) {
            throw fault;
        }
        return file.translate(fault);
    }

    /**
     * Names the channel in messages.
     *
     * @param file the file, or null for a wrapped buffer
     * @return the file's path, or {@code buffer}
     */
    public static String describe(final ChannelFile file) {
        return file != null ? file.path().toString() : "buffer";
    }

    /**
     * The error of a call on a producer or consumer after its {@code close()} (or a producer's {@code
     * detach()}): the role may belong to another process by now, so nothing more may be written or
     * taken through it.
     *
     * @param file the channel's file, or null for a wrapped buffer
     * @param role the closed side
     * @return the exception to throw, naming the channel and what to do
     */
    public static IllegalStateException useAfterClose(final ChannelFile file, final Role role) {
        return new IllegalStateException("the " + role.label() + " of " + describe(file)
                + " was closed: it takes no more calls; open a new " + role.label() + " to go on");
    }

    /**
     * Checks that {@code buffer} can hold a channel of {@code kind} and {@code capacity}, and, when its
     * header is published, that the header says the same kind and capacity. An unpublished header is
     * accepted as it is: nothing is written.
     *
     * @param buffer the buffer a producer or consumer is to wrap
     * @param kind the kind it is to be used as
     * @param capacity the capacity it is to be used with
     * @throws IllegalArgumentException when the buffer is too small, not direct, not in native byte
     *     order, or its published header says another kind or capacity
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range for {@code kind}
     */
    public static void checkWrappable(final ByteBuffer buffer, final ChannelKind kind, final int capacity) {
        int length = ChannelBuffers.fileLength(kind, capacity);
        if (buffer.capacity() < length) {
            throw new IllegalArgumentException("buffer too small for a " + kind.label() + " of capacity " + capacity
                    + ": " + buffer.capacity() + " < " + length);
        }
        if (buffer.order() != ByteOrder.nativeOrder() || !buffer.isDirect()) {
            throw new IllegalArgumentException("buffer must be direct and in native byte order");
        }
        if (versionAcquire(buffer) != 0) {
            int headerKind = (int) INT.get(buffer, KIND_OFFSET);
            int headerCapacity = (int) INT.get(buffer, CAPACITY_OFFSET);
            if (headerKind != kind.code() || headerCapacity != capacity) {
                throw new IllegalArgumentException("buffer's header says kind " + headerKind + " capacity "
                        + headerCapacity + ", not a " + kind.label() + " of capacity " + capacity);
            }
        }
    }
}
