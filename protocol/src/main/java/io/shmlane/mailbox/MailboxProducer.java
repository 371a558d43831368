package io.shmlane.mailbox;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.EMPTY;
import static io.shmlane.mailbox.MailboxDescriptor.FLAG_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.FULL;
import static io.shmlane.mailbox.MailboxDescriptor.LENGTH_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.PAYLOAD_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.SEQUENCE_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.TRUNCATION_CHECK_MASK;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Role;
import io.shmlane.internal.ChannelLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes messages into a mailbox: one message in flight, each acknowledged by the consumer before the
 * next is written. See {@link MailboxDescriptor} for the layout and the publication rule.
 *
 * <p>Not thread-safe: one thread offers. An offer succeeds only while the slot is EMPTY, so messages
 * reach the consumer in the order of the calls, with consecutive sequence numbers. After {@link
 * #close()} or {@link #detach()} the role belongs to nobody, and a new producer may hold it: {@code
 * offer} and {@code send} then throw an {@link IllegalStateException} and write nothing.
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
    /**
     * The longest payload this producer still takes: {@link #maxMessageLength}, and -1 once closed or
     * detached, so that the length check every offer makes refuses them all, at no cost to the offer.
     */
    private int lengthLimit;

    private long nextSequence;
    private int sent;
    private boolean closed;

    private MailboxProducer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.maxMessageLength = capacity;
        this.lengthLimit = capacity;
        this.nextSequence = recoverNextSequence();
    }

    /**
     * A producer over {@code buffer} laid out like a mailbox file ({@link ChannelBuffers#allocate}),
     * without a file: no roles, no liveness, no end-of-stream bookkeeping beyond the state field. For
     * tests (jcstress) and for embedding in another transport. Continues the sequence of the message
     * in the slot, or the consumer's stored next sequence.
     *
     * @param buffer a direct, native-order buffer of at least {@link ChannelBuffers#fileLength} bytes,
     *     used from index 0; its header, when published, must say a mailbox of {@code capacity}
     * @param capacity the largest payload in bytes, from 1 to {@link ChannelOptions#MAX_MAILBOX_CAPACITY}
     * @return the producer; it shares {@code buffer} (position and limit untouched)
     * @throws IllegalArgumentException when the buffer is too small, not direct, not in native order, or
     *     its header says another kind or capacity
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range; CORRUPT when the
     *     flag is neither EMPTY nor FULL, or the slot, the consumer's next sequence and the producer's
     *     stored next sequence disagree
     */
    public static MailboxProducer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelLayout.checkWrappable(buffer, ChannelKind.MAILBOX, capacity);
        return new MailboxProducer(null, buffer, capacity);
    }

    /**
     * Opens the mailbox at {@code path} as its producer, creating the file if it does not exist. After
     * a producer that died or detached, the sequence goes on after its last committed message.
     *
     * @param path the channel file
     * @param options how to create the file, and what an existing one must match (see {@link
     *     ChannelOptions})
     * @return the producer, holding the producer role until {@link #close()} or {@link #detach()}
     * @throws ChannelException when the file is not a usable mailbox, a live producer holds it, or an
     *     earlier producer ended its stream; CORRUPT when the slot and the stored sequences disagree
     * @throws IllegalArgumentException when {@code options} are not for a mailbox
     */
    public static MailboxProducer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.MAILBOX,
                Role.PRODUCER,
                file -> new MailboxProducer(file, file.buffer(), file.maxMessageLength()));
    }

    /**
     * {@link #open(Path, ChannelOptions)} with {@link ChannelOptions#mailbox()}: a 1 KiB slot when the
     * file is created.
     *
     * @param path the channel file
     * @return the producer, holding the producer role
     * @throws ChannelException as {@link #open(Path, ChannelOptions)}
     */
    public static MailboxProducer open(final Path path) {
        return open(path, ChannelOptions.mailbox());
    }

    /**
     * The sequence to continue with after an earlier producer: one past the message in the slot if it
     * is still unread, else the consumer's next sequence. A dead producer's uncommitted slot contents
     * are ignored because its flag never became FULL.
     */
    private long recoverNextSequence() {
        // opaque: what an earlier producer stored when it detached; no sequence before it may be reused
        long published = (long) LONG.getOpaque(buffer, PRODUCER_POSITION_OFFSET);
        // the flag first (acquire): a consumer's EMPTY publishes the next sequence it stored before
        int flag = flag();
        // opaque: with the flag FULL the live consumer may be storing it now (either value passes below)
        long consumerNext = (long) LONG.getOpaque(buffer, NEXT_SEQUENCE_OFFSET);
        long next = consumerNext;
        if (flag == FULL) {
            long sequence = (long) LONG.get(buffer, SEQUENCE_INDEX);
            // one before: the consumer stored its next sequence and died before the acknowledgement
            if (sequence != consumerNext && sequence != consumerNext - 1) {
                throw corrupt("the slot's sequence " + sequence + " does not follow the consumer's next sequence "
                        + consumerNext);
            }
            next = sequence + 1;
        }
        if (published - next > 0) {
            throw corrupt("the slot and the consumer say sequence " + next + " comes next, but a producer already"
                    + " reached " + published);
        }
        return next;
    }

    /** The slot's flag, acquire; anything but EMPTY or FULL is corrupt. */
    private int flag() {
        // acquire: pairs with setRelease(EMPTY) in MailboxConsumer.poll(); the consumer's reads of the
        // previous message (and its store of the next sequence) happen before what follows
        int flag = (int) INT.getAcquire(buffer, FLAG_INDEX);
        if (flag != FULL && flag != EMPTY) {
            throw corrupt("mailbox flag " + flag + " is neither EMPTY (0) nor FULL (1)");
        }
        return flag;
    }

    private ChannelException corrupt(final String what) {
        return new ChannelException(
                ChannelException.Reason.CORRUPT, ChannelLayout.describe(file) + " is corrupt: " + what);
    }

    @Override
    public boolean offer(final byte[] src, final int offset, final int length) {
        checkLength(length);
        // acquire (in flag()): the consumer's reads of the previous message happen before the writes
        // below overwrite it
        if (flag() != EMPTY) {
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
        // acquire: as in offer(byte[], ...)
        if (flag() != EMPTY) {
            return false;
        }
        buffer.put(PAYLOAD_INDEX, src, src.position(), length);
        commit(length);
        return true;
    }

    private void commit(final int length) {
        if ((++sent & TRUNCATION_CHECK_MASK) == 0 && file != null) {
            file.checkNotTruncated();
        }
        INT.set(buffer, LENGTH_INDEX, length);
        LONG.set(buffer, SEQUENCE_INDEX, nextSequence);
        // release: publishes payload, length and sequence written above; pairs with getAcquire in
        // MailboxConsumer.poll()
        INT.setRelease(buffer, FLAG_INDEX, FULL);
        nextSequence++;
    }

    private void checkLength(final int length) {
        if (length < 0 || length > lengthLimit) {
            throw lengthRefused(length);
        }
    }

    private RuntimeException lengthRefused(final int length) {
        if (closed) {
            return ChannelLayout.useAfterClose(file, Role.PRODUCER);
        }
        return new IllegalArgumentException(
                "message length must be from 0 to " + maxMessageLength + ": length=" + length);
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

    /**
     * Stores the next sequence in the producer's slot when the producer detaches or closes (the
     * consumer checks that it got that far, a new producer that it does not start before it), unless
     * the file shrank under the mapping.
     */
    private void publishFinalSequence() {
        try {
            if (file == null || !file.isTruncated()) {
                // opaque: ordered before the release of CLOSED in close(), which publishes it
                LONG.setOpaque(buffer, PRODUCER_POSITION_OFFSET, nextSequence);
            }
        } catch (InternalError fault) {
            // the file shrank between the check and the store: nothing to publish into any more
        }
    }

    @Override
    public void detach() {
        if (!closed) {
            closed = true;
            lengthLimit = -1;
            publishFinalSequence();
            if (file != null) {
                file.close();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lengthLimit = -1;
            publishFinalSequence();
            // release: the end of stream is ordered after the last FULL; a consumer that reads
            // CLOSED with an acquire load and then an EMPTY flag has seen every message
            ChannelLayout.closeRole(file, buffer, Role.PRODUCER);
        }
    }

    @Override
    public String toString() {
        return "MailboxProducer[" + (file != null ? file.path() : "buffer") + ", nextSequence=" + nextSequence + "]";
    }
}
