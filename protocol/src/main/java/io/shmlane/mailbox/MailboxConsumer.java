package io.shmlane.mailbox;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.EMPTY;
import static io.shmlane.mailbox.MailboxDescriptor.FLAG_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.FULL;
import static io.shmlane.mailbox.MailboxDescriptor.LENGTH_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.PAYLOAD_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.SEQUENCE_OFFSET;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.MessageHandler;
import io.shmlane.Role;
import io.shmlane.RoleState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads messages from a mailbox and acknowledges each by handing the slot back. A consumer that dies
 * after reading and before acknowledging sees the same message again after a restart (same sequence).
 */
public final class MailboxConsumer implements ChannelConsumer {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final int FLAG_INDEX = DATA_OFFSET + FLAG_OFFSET;
    private static final int LENGTH_INDEX = DATA_OFFSET + LENGTH_OFFSET;
    private static final int SEQUENCE_INDEX = DATA_OFFSET + SEQUENCE_OFFSET;
    private static final int PAYLOAD_INDEX = DATA_OFFSET + PAYLOAD_OFFSET;

    private final ChannelFile file;
    private final ByteBuffer buffer;
    private final int maxMessageLength;
    private boolean closed;

    private MailboxConsumer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.maxMessageLength = capacity;
    }

    /** A consumer over {@code buffer} laid out like a mailbox file, without a file; see {@link MailboxProducer#wrap}. */
    public static MailboxConsumer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelBuffers.checkWrappable(buffer, ChannelKind.MAILBOX, capacity);
        return new MailboxConsumer(null, buffer, capacity);
    }

    /**
     * Opens the mailbox at {@code path} as its consumer, creating the file if it does not exist.
     *
     * @throws ChannelException when the file is not a usable mailbox or a live consumer holds it
     */
    public static MailboxConsumer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.MAILBOX,
                Role.CONSUMER,
                file -> new MailboxConsumer(file, file.buffer(), file.maxMessageLength()));
    }

    /** Opens with the default options. */
    public static MailboxConsumer open(final Path path) {
        return open(path, ChannelOptions.mailbox());
    }

    @Override
    public int poll(final MessageHandler handler, final int limit) {
        if (limit <= 0) {
            return 0;
        }
        // acquire: pairs with setRelease(FULL) in MailboxProducer.commit(); payload, length and
        // sequence are visible after it
        if ((int) INT.getAcquire(buffer, FLAG_INDEX) != FULL) {
            return 0;
        }
        int length = (int) INT.get(buffer, LENGTH_INDEX);
        long sequence = (long) LONG.get(buffer, SEQUENCE_INDEX);
        if (length < 0 || length > maxMessageLength) {
            throw new ChannelException(
                    ChannelException.Reason.CORRUPT,
                    ChannelBuffers.describe(file) + " is corrupt: mailbox length " + length + " outside 0.."
                            + maxMessageLength);
        }
        try {
            handler.onMessage(sequence, buffer, PAYLOAD_INDEX, length);
        } finally {
            LONG.set(buffer, NEXT_SEQUENCE_OFFSET, sequence + 1);
            // release: the handler's reads of the slot and the next sequence above happen before the
            // producer may overwrite; pairs with getAcquire in MailboxProducer.offer()
            INT.setRelease(buffer, FLAG_INDEX, EMPTY);
        }
        return 1;
    }

    @Override
    public long nextSequence() {
        if ((int) INT.getAcquire(buffer, FLAG_INDEX) == FULL) {
            return (long) LONG.get(buffer, SEQUENCE_INDEX);
        }
        return (long) LONG.get(buffer, NEXT_SEQUENCE_OFFSET);
    }

    @Override
    public boolean isEndOfStream() {
        // acquire: pairs with the producer's setRelease(CLOSED); if it closed, its last FULL is visible
        return ChannelBuffers.roleStateAcquire(buffer, Role.PRODUCER) == RoleState.CLOSED
                && (int) INT.getAcquire(buffer, FLAG_INDEX) != FULL;
    }

    @Override
    public ChannelFile file() {
        return file;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ChannelBuffers.closeRole(file, buffer, Role.CONSUMER);
        }
    }

    @Override
    public String toString() {
        return "MailboxConsumer[" + ChannelBuffers.describe(file) + ", nextSequence=" + nextSequence() + "]";
    }
}
