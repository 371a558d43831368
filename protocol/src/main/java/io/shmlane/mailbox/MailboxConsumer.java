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
import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.MessageHandler;
import io.shmlane.Role;
import io.shmlane.internal.ChannelLayout;
import io.shmlane.internal.RoleState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads messages from a mailbox and acknowledges each by handing the slot back. A consumer that dies
 * after reading and before acknowledging sees the same message again after a restart (same sequence).
 *
 * <p>Not thread-safe: one thread polls. {@link #poll} hands over at most one message per call, with
 * the next sequence number (checked), and acknowledges it with one release store of EMPTY, also when
 * the handler throws.
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
    /** The sequence the next message must have. */
    private long nextSequence;

    private int delivered;
    private boolean closed;

    private MailboxConsumer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.maxMessageLength = capacity;
        // acquire: pairs with setRelease(FULL) in MailboxProducer.commit()
        int flag = flag();
        long consumerNext = (long) LONG.get(buffer, NEXT_SEQUENCE_OFFSET);
        if (flag == FULL) {
            long sequence = (long) LONG.get(buffer, SEQUENCE_INDEX);
            // one before: an earlier consumer stored its next sequence and died before the acknowledgement
            if (sequence != consumerNext && sequence != consumerNext - 1) {
                throw corrupt("the slot's sequence " + sequence + " does not follow the consumer's next sequence "
                        + consumerNext);
            }
            this.nextSequence = sequence;
        } else {
            this.nextSequence = consumerNext;
        }
    }

    /** The slot's flag, acquire; anything but EMPTY or FULL is corrupt. */
    private int flag() {
        // acquire: pairs with setRelease(FULL) in MailboxProducer.commit(); payload, length and
        // sequence are visible after it
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

    /**
     * A consumer over {@code buffer} laid out like a mailbox file, without a file; see {@link
     * MailboxProducer#wrap}. Resumes at the message in the slot, if any, else at the stored next
     * sequence.
     *
     * @param buffer a direct, native-order buffer of at least {@link ChannelBuffers#fileLength} bytes,
     *     used from index 0, typically the one the producer wraps; its header, when published, must say
     *     a mailbox of {@code capacity}
     * @param capacity the largest payload in bytes, from 1 to {@link ChannelOptions#MAX_MAILBOX_CAPACITY}
     * @return the consumer; it shares {@code buffer} (position and limit untouched)
     * @throws IllegalArgumentException when the buffer is too small, not direct, not in native order, or
     *     its header says another kind or capacity
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range; CORRUPT when the
     *     flag is neither EMPTY nor FULL or a full slot's sequence does not follow the stored next
     *     sequence
     */
    public static MailboxConsumer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelLayout.checkWrappable(buffer, ChannelKind.MAILBOX, capacity);
        return new MailboxConsumer(null, buffer, capacity);
    }

    /**
     * Opens the mailbox at {@code path} as its consumer, creating the file if it does not exist. A
     * message an earlier consumer handled but did not acknowledge is handed over again.
     *
     * @param path the channel file
     * @param options how to create the file, and what an existing one must match (see {@link
     *     ChannelOptions})
     * @return the consumer, holding the consumer role until {@link #close()}
     * @throws ChannelException when the file is not a usable mailbox or a live consumer holds it;
     *     CORRUPT when the slot cannot have been left by a shmlane producer and consumer
     * @throws IllegalArgumentException when {@code options} are not for a mailbox
     */
    public static MailboxConsumer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.MAILBOX,
                Role.CONSUMER,
                file -> new MailboxConsumer(file, file.buffer(), file.maxMessageLength()));
    }

    /**
     * {@link #open(Path, ChannelOptions)} with {@link ChannelOptions#mailbox()}: a 1 KiB slot when the
     * file is created.
     *
     * @param path the channel file
     * @return the consumer, holding the consumer role
     * @throws ChannelException as {@link #open(Path, ChannelOptions)}
     */
    public static MailboxConsumer open(final Path path) {
        return open(path, ChannelOptions.mailbox());
    }

    @Override
    public int poll(final MessageHandler handler, final int limit) {
        if (closed) {
            // the role may be another consumer's by now: an EMPTY from here would drop its message
            throw ChannelLayout.useAfterClose(file, Role.CONSUMER);
        }
        if (limit <= 0) {
            return 0;
        }
        if (flag() != FULL) {
            return 0;
        }
        if ((++delivered & TRUNCATION_CHECK_MASK) == 0 && file != null) {
            file.checkNotTruncated();
        }
        int length = (int) INT.get(buffer, LENGTH_INDEX);
        long sequence = (long) LONG.get(buffer, SEQUENCE_INDEX);
        if (length < 0 || length > maxMessageLength) {
            throw corrupt("mailbox length " + length + " outside 0.." + maxMessageLength);
        }
        if (sequence != nextSequence) {
            throw corrupt("the slot's sequence " + sequence + " where " + nextSequence + " was due");
        }
        nextSequence = sequence + 1;
        try {
            handler.onMessage(sequence, buffer, PAYLOAD_INDEX, length);
        } finally {
            // opaque: a producer recovering next to this consumer may read it meanwhile (MailboxProducer)
            LONG.setOpaque(buffer, NEXT_SEQUENCE_OFFSET, sequence + 1);
            // release: the handler's reads of the slot and the next sequence above happen before the
            // producer may overwrite; pairs with getAcquire in MailboxProducer.offer()
            INT.setRelease(buffer, FLAG_INDEX, EMPTY);
        }
        return 1;
    }

    @Override
    public long nextSequence() {
        return nextSequence;
    }

    /**
     * Whether the producer ended the stream and its last message was consumed. Reads shared memory
     * only.
     *
     * @return true when the producer closed and the slot is EMPTY
     * @throws ChannelException CORRUPT when this consumer did not get as far as the next sequence the
     *     producer published when it ended the stream
     */
    @Override
    public boolean isEndOfStream() {
        // acquire: pairs with the producer's setRelease(CLOSED); if it closed, its last FULL and its
        // final next sequence are visible
        if (ChannelLayout.roleStateAcquire(buffer, Role.PRODUCER) != RoleState.CLOSED || flag() == FULL) {
            return false;
        }
        long producerNext = (long) LONG.get(buffer, PRODUCER_POSITION_OFFSET);
        if (producerNext != nextSequence) {
            throw corrupt("the stream ended with next sequence " + producerNext + " but the consumer is at "
                    + nextSequence + ": messages were lost");
        }
        return true;
    }

    @Override
    public void checkAllDelivered() {
        // opaque: the next sequence a producer stored when it last detached; it was committed before
        long published = (long) LONG.getOpaque(buffer, PRODUCER_POSITION_OFFSET);
        if (published - nextSequence > 0) {
            throw corrupt("the consumer is at sequence " + nextSequence + ", before sequence " + published
                    + " which the producer reached: messages were lost");
        }
    }

    @Override
    public ChannelFile file() {
        return file;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ChannelLayout.closeRole(file, buffer, Role.CONSUMER);
        }
    }

    @Override
    public String toString() {
        return "MailboxConsumer[" + ChannelLayout.describe(file) + ", nextSequence=" + nextSequence() + "]";
    }
}
