package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;
import static io.shmlane.ring.RingDescriptor.HEADER_LENGTH;
import static io.shmlane.ring.RingDescriptor.HEADER_WORD_OFFSET;
import static io.shmlane.ring.RingDescriptor.TYPE_PADDING;
import static io.shmlane.ring.RingDescriptor.align;
import static io.shmlane.ring.RingDescriptor.isWellFormedMessage;
import static io.shmlane.ring.RingDescriptor.isWellFormedPadding;
import static io.shmlane.ring.RingDescriptor.lengthOf;
import static io.shmlane.ring.RingDescriptor.messageTag;
import static io.shmlane.ring.RingDescriptor.sequenceBitsOf;
import static io.shmlane.ring.RingDescriptor.tagOf;
import static io.shmlane.ring.RingDescriptor.typeOf;

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
 * Reads records from a ring in batches and releases the head once per batch. A consumer that dies
 * before releasing a batch is followed by one that reads that batch again, with the same sequence
 * numbers; nothing before the shared head is ever delivered twice.
 *
 * <p>Not thread-safe: one thread polls. Messages are handed over in commit order with consecutive
 * sequence numbers (checked); padding records are skipped and not counted. The head is released with
 * one release store at the end of each {@link #poll} that moved it, the throwing message included
 * when the handler throws.
 */
public final class RingConsumer implements ChannelConsumer {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ChannelFile file;
    private final ByteBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    private long head;
    private long nextSequence;
    private boolean closed;

    private RingConsumer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessageLength = RingDescriptor.maxMessageLength(capacity);
        // validates the head and the chain from it before anything is read through them
        RingScan scan = RingScan.of(buffer, capacity, file);
        this.head = scan.head();
        this.nextSequence = scan.firstSequence();
    }

    /**
     * A consumer over {@code buffer} laid out like a ring file, without a file; see {@link
     * RingProducer#wrap}. Resumes from the head stored in the buffer.
     *
     * @param buffer a direct, native-order buffer of at least {@link ChannelBuffers#fileLength} bytes,
     *     used from index 0, typically the one the producer wraps; its header, when published, must say
     *     a ring of {@code capacity}
     * @param capacity bytes of the ring's data area, a power of two (see {@link ChannelOptions})
     * @return the consumer; it shares {@code buffer} (position and limit untouched)
     * @throws IllegalArgumentException when the buffer is too small, not direct, not in native order, or
     *     its header says another kind or capacity
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range; CORRUPT when the
     *     records in the buffer cannot have been left by a shmlane producer and consumer
     */
    public static RingConsumer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelLayout.checkWrappable(buffer, ChannelKind.RING, capacity);
        return new RingConsumer(null, buffer, capacity);
    }

    /**
     * Opens the ring at {@code path} as its consumer, creating the file if it does not exist, and
     * resumes from the shared head: a batch an earlier consumer handled but did not release is
     * handed over again.
     *
     * @param path the channel file
     * @param options how to create the file, and what an existing one must match (see {@link
     *     ChannelOptions})
     * @return the consumer, holding the consumer role until {@link #close()}
     * @throws ChannelException when the file is not a usable ring or a live consumer holds it; CORRUPT
     *     when the records in it cannot have been left by a shmlane producer and consumer
     * @throws IllegalArgumentException when {@code options} are not for a ring
     */
    public static RingConsumer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.RING,
                Role.CONSUMER,
                file -> new RingConsumer(file, file.buffer(), file.capacity()));
    }

    /**
     * {@link #open(Path, ChannelOptions)} with {@link ChannelOptions#ring()}: a 1 MiB ring when the file
     * is created.
     *
     * @param path the channel file
     * @return the consumer, holding the consumer role
     * @throws ChannelException as {@link #open(Path, ChannelOptions)}
     */
    public static RingConsumer open(final Path path) {
        return open(path, ChannelOptions.ring());
    }

    @Override
    public int poll(final MessageHandler handler, final int limit) {
        if (closed) {
            // the role may be another consumer's by now: a release of the head from here would undo its
            throw ChannelLayout.useAfterClose(file, Role.CONSUMER);
        }
        final long start = head;
        long position = start;
        int count = 0;
        try {
            while (count < limit) {
                int index = (int) (position & mask);
                int recordIndex = DATA_OFFSET + index;
                // acquire: pairs with setRelease in RingProducer.commit(); the payload is visible
                long word = (long) LONG.getAcquire(buffer, recordIndex + HEADER_WORD_OFFSET);
                if (word == 0) {
                    break;
                }
                // the sequence is counted here; one compare chain takes the common record: a message
                // whose tag carries the type and the low bits of the sequence due, whose length is
                // from a bare header to the largest message, and which ends inside the ring. Anything
                // else (a padding, or a record to refuse) goes out of line, so that the loop stays small
                long sequence = nextSequence;
                int length = lengthOf(word);
                if (tagOf(word) != messageTag(sequence)
                        || Integer.compareUnsigned(length - HEADER_LENGTH, maxMessageLength) > 0
                        || align(length) > capacity - index) {
                    position = skipPadding(word, position, index);
                    continue;
                }
                position += align(length);
                nextSequence = sequence + 1;
                count++;
                handler.onMessage(sequence, buffer, recordIndex + HEADER_LENGTH, length - HEADER_LENGTH);
            }
        } finally {
            if (position != start) {
                // opaque: a recovering producer's walk (RingScan) may read it while this runs; the walk
                // checks it against the records from the head it acquired and walks again if the head moved
                LONG.setOpaque(buffer, NEXT_SEQUENCE_OFFSET, nextSequence);
                // release: every read of the records before position (the handler's included) happens
                // before the producer may reuse their space; pairs with getAcquire in RingProducer.tryClaim()
                LONG.setRelease(buffer, CONSUMER_POSITION_OFFSET, position);
                head = position;
            }
        }
        return count;
    }

    /**
     * The records {@link #poll} does not take as the next message: a well-formed padding is skipped
     * (the position after it is returned); anything else is refused as corrupt, with what is wrong
     * with it: its type or length, or else sequence bits other than those due.
     */
    private long skipPadding(final long word, final long position, final int index) {
        int length = lengthOf(word);
        int tag = tagOf(word);
        if (tag == TYPE_PADDING && length > 0) {
            if (!isWellFormedPadding(length, index, capacity)) {
                throw corrupt(position, "padding of " + length + " bytes at index " + index);
            }
            return position + length;
        }
        if (!isWellFormedMessage(typeOf(word), length, index, capacity, maxMessageLength)) {
            throw corrupt(position, "record of type " + typeOf(word) + " and length " + length + " at index " + index);
        }
        throw corrupt(
                position, "sequence bits " + sequenceBitsOf(word) + " where those of " + nextSequence + " were due");
    }

    private ChannelException corrupt(final long position, final String what) {
        return new ChannelException(
                ChannelException.Reason.CORRUPT,
                ChannelLayout.describe(file) + " is corrupt at position " + position + ": " + what
                        + " cannot have been written by a shmlane producer");
    }

    /**
     * The sequence of the next message: the chain's sequences are checked to continue one by one.
     *
     * @return the sequence the next message handed over must have
     */
    @Override
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public void checkAllDelivered() {
        // opaque: the position a dead producer last stored; its records before it were committed
        long published = (long) LONG.getOpaque(buffer, PRODUCER_POSITION_OFFSET);
        if (ChannelLayout.roleStateAcquire(buffer, Role.PRODUCER) != RoleState.NONE && published - head > 0) {
            throw corrupt(
                    head,
                    "the records end at position " + head + ", before position " + published
                            + " which the producer reached: that end");
        }
    }

    /**
     * The head: position of the first record not yet released, as last stored in the shared slot (the
     * two agree between calls to {@link #poll}).
     *
     * @return a 64-bit byte position, a multiple of {@value RingDescriptor#ALIGNMENT}; its index in the
     *     data area is {@code head & (capacity - 1)}
     */
    public long head() {
        return head;
    }

    /**
     * Whether the producer ended the stream and every record was consumed. Reads shared memory only.
     *
     * @return true when the producer closed and no record waits at the head
     * @throws ChannelException CORRUPT when the records end short of (or past) the tail the producer
     *     published when it ended the stream: records were lost to a damaged header or a moved head
     */
    @Override
    public boolean isEndOfStream() {
        // acquire: pairs with the producer's setRelease(CLOSED), ordered after its last commit and its
        // store of the final tail
        if (ChannelLayout.roleStateAcquire(buffer, Role.PRODUCER) != RoleState.CLOSED) {
            return false;
        }
        // acquire: as in poll(); a word that is not 0 is a record for poll() to read (or to refuse)
        if ((long) LONG.getAcquire(buffer, DATA_OFFSET + (int) (head & mask) + HEADER_WORD_OFFSET) != 0) {
            return false;
        }
        long finalTail = (long) LONG.get(buffer, PRODUCER_POSITION_OFFSET);
        if (finalTail != head) {
            throw corrupt(
                    head,
                    "the records end at position " + head + ", the producer ended the stream at " + finalTail
                            + ": that end");
        }
        return true;
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
        return "RingConsumer[" + ChannelLayout.describe(file) + ", capacity=" + capacity + ", head=" + head + "]";
    }
}
