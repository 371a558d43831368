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
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Role;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes messages into a mailbox: one message in flight, each acknowledged by the consumer before the
 * next is written. See {@link MailboxDescriptor} for the layout and the publication rule.
 */
public final class MailboxProducer implements ChannelProducer {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final int FLAG_INDEX = DATA_OFFSET + FLAG_OFFSET;
    private static final int LENGTH_INDEX = DATA_OFFSET + LENGTH_OFFSET;
    private static final int SEQUENCE_INDEX = DATA_OFFSET + SEQUENCE_OFFSET;
    private static final int PAYLOAD_INDEX = DATA_OFFSET + PAYLOAD_OFFSET;

    private final ChannelFile file;
    private final ByteBuffer buffer;
    private final int maxMessageLength;
    private long nextSequence;
    private boolean closed;

    private MailboxProducer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.maxMessageLength = capacity;
        this.nextSequence = recoverNextSequence(buffer);
    }

    /**
     * A producer over {@code buffer} laid out like a mailbox file ({@link ChannelBuffers#allocate}),
     * without a file: no roles, no liveness, no end-of-stream bookkeeping beyond the state field. For
     * tests (jcstress) and for embedding in another transport.
     */
    public static MailboxProducer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelBuffers.checkWrappable(buffer, ChannelKind.MAILBOX, capacity);
        return new MailboxProducer(null, buffer, capacity);
    }

    /**
     * Opens the mailbox at {@code path} as its producer, creating the file if it does not exist.
     *
     * @throws ChannelException when the file is not a usable mailbox, a live producer holds it, or an
     *     earlier producer ended its stream
     */
    public static MailboxProducer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.MAILBOX,
                Role.PRODUCER,
                file -> new MailboxProducer(file, file.buffer(), file.maxMessageLength()));
    }

    /** Opens with the default options. */
    public static MailboxProducer open(final Path path) {
        return open(path, ChannelOptions.mailbox());
    }

    /**
     * The sequence to continue with after an earlier producer: one past the message in the slot if it
     * is still unread, else the consumer's next sequence. A dead producer's uncommitted slot contents
     * are ignored because its flag never became FULL.
     */
    private static long recoverNextSequence(final ByteBuffer buffer) {
        // acquire: pairs with the consumer's setRelease(EMPTY), which published its next sequence
        int flag = (int) INT.getAcquire(buffer, FLAG_INDEX);
        if (flag == FULL) {
            return (long) LONG.get(buffer, SEQUENCE_INDEX) + 1;
        }
        return (long) LONG.get(buffer, NEXT_SEQUENCE_OFFSET);
    }

    @Override
    public boolean offer(final byte[] src, final int offset, final int length) {
        checkLength(length);
        if (!slotEmpty()) {
            return false;
        }
        buffer.put(PAYLOAD_INDEX, src, offset, length);
        commit(length);
        return true;
    }

    @Override
    public boolean offer(final ByteBuffer src) {
        int length = src.remaining();
        checkLength(length);
        if (!slotEmpty()) {
            return false;
        }
        buffer.put(PAYLOAD_INDEX, src, src.position(), length);
        commit(length);
        return true;
    }

    /** Whether the consumer handed the slot back: the one place the producer reads the flag. */
    private boolean slotEmpty() {
        // acquire: pairs with setRelease(EMPTY) in MailboxConsumer.poll(); the consumer's reads of
        // the previous message happen before the producer's writes overwrite it
        return (int) INT.getAcquire(buffer, FLAG_INDEX) == EMPTY;
    }

    private void commit(final int length) {
        INT.set(buffer, LENGTH_INDEX, length);
        LONG.set(buffer, SEQUENCE_INDEX, nextSequence);
        // release: publishes payload, length and sequence written above; pairs with getAcquire in
        // MailboxConsumer.poll()
        INT.setRelease(buffer, FLAG_INDEX, FULL);
        nextSequence++;
    }

    private void checkLength(final int length) {
        if (length < 0 || length > maxMessageLength) {
            throw new IllegalArgumentException(
                    "message length must be from 0 to " + maxMessageLength + ": length=" + length);
        }
    }

    @Override
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public int maxMessageLength() {
        return maxMessageLength;
    }

    @Override
    public ChannelFile file() {
        return file;
    }

    @Override
    public void detach() {
        if (!closed) {
            closed = true;
            if (file != null) {
                file.close();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // release: the end of stream is ordered after the last FULL; a consumer that reads
            // CLOSED with an acquire load and then an EMPTY flag has seen every message
            ChannelBuffers.closeRole(file, buffer, Role.PRODUCER);
        }
    }

    @Override
    public String toString() {
        return "MailboxProducer[" + (file != null ? file.path() : "buffer") + ", nextSequence=" + nextSequence + "]";
    }
}
