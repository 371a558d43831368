package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;
import static io.shmlane.ring.RingDescriptor.HEADER_WORD_OFFSET;
import static io.shmlane.ring.RingDescriptor.TYPE_PADDING;
import static io.shmlane.ring.RingDescriptor.align;
import static io.shmlane.ring.RingDescriptor.isValidPosition;
import static io.shmlane.ring.RingDescriptor.isWellFormedMessage;
import static io.shmlane.ring.RingDescriptor.isWellFormedPadding;
import static io.shmlane.ring.RingDescriptor.lengthOf;
import static io.shmlane.ring.RingDescriptor.messageTag;
import static io.shmlane.ring.RingDescriptor.resolveSequence;
import static io.shmlane.ring.RingDescriptor.sequenceBitsOf;
import static io.shmlane.ring.RingDescriptor.tagOf;
import static io.shmlane.ring.RingDescriptor.typeOf;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.Role;
import io.shmlane.internal.ChannelLayout;
import io.shmlane.internal.RoleState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The committed records of a ring, found by walking the chain from the consumer's head: the walk
 * ends at the first header word that is 0 (where the producer writes next: it zeroed that header
 * before its last commit).
 *
 * <p>Everything read on the way is validated, because a shmlane producer and consumer can only have
 * left a well-formed chain: the head is a multiple of 8; each record is a well-formed
 * message or padding ({@link RingDescriptor#isWellFormedMessage}, {@link
 * RingDescriptor#isWellFormedPadding}); the messages' sequence bits continue one by one from the
 * head's, whose full sequence is resolved from the consumer's next sequence ({@link
 * RingDescriptor#resolveSequence}: equal to it, or before it by the batch a consumer that died
 * between its two stores had not released, and then the chain reaches it); the chain ends within one
 * lap, not before the tail the producer last published, and (the head less than a lap past that tail)
 * on a stream that was ended exactly at the producer's final tail. Anything else is {@link ChannelException.Reason#CORRUPT}.
 *
 * <p>A new producer starts where the walk ends (a record claimed and never committed is discarded,
 * its sequence number reused); {@code inspect} reports the walk's end as the live tail. Read-only:
 * the walk may run next to a live producer and consumer; a walk that looks corrupt while the head
 * moved under it is taken again (up to three walks in all). The result is immutable; the ring may
 * have moved on by the time it is read.
 */
public final class RingScan {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int TRIES = 3;

    private final long head;
    private final long tail;
    private final long firstSequence;
    private final long nextSequence;

    private RingScan(final long head, final long tail, final long firstSequence, final long nextSequence) {
        this.head = head;
        this.tail = tail;
        this.firstSequence = firstSequence;
        this.nextSequence = nextSequence;
    }

    /**
     * {@link #of(ByteBuffer, int, ChannelFile)} of a wrapped buffer: no file to name in messages.
     *
     * @param buffer the whole channel, header included, in native byte order
     * @param capacity bytes of the ring's data area; a power of two, not checked
     * @return the walk's result
     * @throws ChannelException CORRUPT when the chain cannot have been left by a shmlane producer
     */
    public static RingScan of(final ByteBuffer buffer, final int capacity) {
        return of(buffer, capacity, null);
    }

    /**
     * Walks the ring of {@code capacity} bytes in {@code buffer} (a whole channel file, header
     * included, mapped from {@code file}, or null) from the consumer's head. Reads only, with absolute
     * accesses.
     *
     * @param buffer the whole channel, header included, in native byte order; neither the buffer's
     *     size nor its header is checked here
     * @param capacity bytes of the ring's data area; a power of two, not checked
     * @param file the file {@code buffer} maps, named in exception messages; null for a wrapped buffer
     * @return the walk's result
     * @throws ChannelException CORRUPT when the chain cannot have been left by a shmlane producer
     */
    public static RingScan of(final ByteBuffer buffer, final int capacity, final ChannelFile file) {
        for (int attempt = 1; ; attempt++) {
            // acquire: as in walk()
            long headBefore = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
            try {
                return walk(buffer, capacity, file);
            } catch (ChannelException e) {
                // a head that moved means a live consumer (and producer) raced the walk: walk again
                long headNow = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
                if (attempt >= TRIES || headNow == headBefore) {
                    throw e;
                }
            }
        }
    }

    private static RingScan walk(final ByteBuffer buffer, final int capacity, final ChannelFile file) {
        final int mask = capacity - 1;
        final int maxMessageLength = RingDescriptor.maxMessageLength(capacity);
        // acquire: pairs with the producer's setRelease(CLOSED); its final tail, stored before, is visible
        final int producerState = ChannelLayout.roleStateAcquire(buffer, Role.PRODUCER);
        final boolean ended = producerState == RoleState.CLOSED;
        // opaque: a tail the producer reached (read before the walk, which therefore gets at least as far)
        final long published = (long) LONG.getOpaque(buffer, PRODUCER_POSITION_OFFSET);
        // acquire: pairs with the consumer's setRelease of the head; the next sequence it wrote before is visible
        final long head = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
        // opaque: the live consumer may store it meanwhile (a recovering producer next to a live consumer);
        // a check that fails on a moved head is walked again by of()
        final long consumerNext = (long) LONG.getOpaque(buffer, NEXT_SEQUENCE_OFFSET);
        if (!isValidPosition(head)) {
            throw corrupt(
                    file, head, "the consumer's head " + head + " is not a multiple of " + RingDescriptor.ALIGNMENT);
        }
        // the producer publishes its tail at least once per lap (and when it detaches or closes), and
        // the head never passes the tail: a head a lap or more past the published tail was moved
        if (producerState != RoleState.NONE && head - published >= capacity) {
            throw corrupt(
                    file,
                    head,
                    "the consumer's head " + head + " is a lap or more past position " + published
                            + " which the producer reached");
        }
        long first = consumerNext;
        long sequence = consumerNext;
        boolean any = false;
        long position = head;
        while (true) {
            if (position - head >= capacity) {
                throw corrupt(file, position, "the records from the head fill more than one lap");
            }
            int index = (int) (position & mask);
            int recordIndex = DATA_OFFSET + index;
            // acquire: pairs with setRelease in RingProducer's commit; the record's fields are visible after it
            long word = (long) LONG.getAcquire(buffer, recordIndex + HEADER_WORD_OFFSET);
            if (word == 0) {
                break;
            }
            int length = lengthOf(word);
            int type = typeOf(word);
            if (tagOf(word) == TYPE_PADDING && length > 0) {
                if (!isWellFormedPadding(length, index, capacity)) {
                    throw corrupt(file, position, "padding of " + length + " bytes at index " + index);
                }
                position += length;
                continue;
            }
            if (!isWellFormedMessage(type, length, index, capacity, maxMessageLength)) {
                throw corrupt(
                        file, position, "record of type " + type + " and length " + length + " at index " + index);
            }
            if (!any) {
                // the message at the head: its sequence is the consumer's next sequence, or less by a
                // batch not released; its low bits say which
                first = resolveSequence(consumerNext, sequenceBitsOf(word));
                sequence = first;
                any = true;
            } else if (tagOf(word) != messageTag(sequence)) {
                throw corrupt(
                        file,
                        position,
                        "sequence bits " + sequenceBitsOf(word) + " where those of " + sequence
                                + " continue the records before it");
            }
            sequence++;
            position += align(length);
        }
        if (any && sequence - consumerNext < 0) {
            throw corrupt(
                    file,
                    position,
                    "the records end at sequence " + (sequence - 1) + ", before the consumer's next sequence "
                            + consumerNext);
        }
        if (producerState != RoleState.NONE && published - position > 0) {
            throw corrupt(
                    file,
                    position,
                    "the records end at position " + position + ", before position " + published
                            + " which the producer reached: that end");
        }
        if (ended) {
            long finalTail = (long) LONG.get(buffer, PRODUCER_POSITION_OFFSET);
            if (finalTail != position) {
                throw corrupt(
                        file,
                        position,
                        "the records end at position " + position + " but the producer ended the stream at position "
                                + finalTail);
            }
        }
        return new RingScan(head, position, first, sequence);
    }

    private static ChannelException corrupt(final ChannelFile file, final long position, final String what) {
        return new ChannelException(
                ChannelException.Reason.CORRUPT,
                ChannelLayout.describe(file) + " is corrupt at position " + position + ": " + what
                        + " cannot have been left by a shmlane producer and consumer");
    }

    /**
     * The consumer's head the walk started from.
     *
     * @return a 64-bit byte position, a multiple of {@value RingDescriptor#ALIGNMENT}
     */
    public long head() {
        return head;
    }

    /**
     * The position after the last committed record: where the producer writes next.
     *
     * @return a 64-bit byte position, from {@link #head()} to less than a lap past it
     */
    public long tail() {
        return tail;
    }

    /**
     * The sequence of the message at the head, or {@link #nextSequence()} when there is none.
     *
     * @return the sequence a consumer resuming at {@link #head()} hands over first; the consumer's
     *     stored next sequence, or less by a batch a consumer that died did not release
     */
    public long firstSequence() {
        return firstSequence;
    }

    /**
     * The sequence the next message gets.
     *
     * @return one more than the last committed message's sequence, or {@link #firstSequence()} when
     *     no message waits
     */
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public String toString() {
        return "RingScan[head=" + head + ", tail=" + tail + ", nextSequence=" + nextSequence + "]";
    }
}
