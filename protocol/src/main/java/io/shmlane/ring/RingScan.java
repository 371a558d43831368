package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ring.RingDescriptor.HEADER_WORD_OFFSET;
import static io.shmlane.ring.RingDescriptor.SEQUENCE_OFFSET;
import static io.shmlane.ring.RingDescriptor.TYPE_PADDING;
import static io.shmlane.ring.RingDescriptor.align;
import static io.shmlane.ring.RingDescriptor.isWellFormedMessage;
import static io.shmlane.ring.RingDescriptor.isWellFormedPadding;
import static io.shmlane.ring.RingDescriptor.lengthOf;
import static io.shmlane.ring.RingDescriptor.typeOf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The committed records of a ring, found by walking the chain from the consumer's head: the walk
 * ends at the first header whose length is 0 (where the producer writes next: it zeroed that header
 * before its last commit), at a record that does not continue the sequence, or after one lap.
 *
 * <p>A new producer starts where the walk ends (a record claimed and never committed is discarded,
 * its sequence number reused); {@code inspect} reports the walk's end as the live tail. Read-only:
 * the walk may run next to a live producer and consumer and then describes one moment of the ring.
 */
public final class RingScan {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final long head;
    private final long tail;
    private final long nextSequence;

    private RingScan(final long head, final long tail, final long nextSequence) {
        this.head = head;
        this.tail = tail;
        this.nextSequence = nextSequence;
    }

    /**
     * Walks the ring of {@code capacity} bytes in {@code buffer} (a whole channel file, header
     * included) from the consumer's head.
     */
    public static RingScan of(final ByteBuffer buffer, final int capacity) {
        final int mask = capacity - 1;
        final int maxMessageLength = RingDescriptor.maxMessageLength(capacity);
        // acquire: pairs with the consumer's setRelease of the head; the next sequence it wrote before is visible
        final long head = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
        // opaque: the live consumer may store it meanwhile; used only when no record follows the head
        long sequence = (long) LONG.getOpaque(buffer, NEXT_SEQUENCE_OFFSET);
        long position = head;
        boolean first = true;
        while (position - head < capacity) {
            int index = (int) (position & mask);
            int recordIndex = DATA_OFFSET + index;
            // acquire: pairs with setRelease in RingProducer's commit; the record's fields are visible after it
            long word = (long) LONG.getAcquire(buffer, recordIndex + HEADER_WORD_OFFSET);
            int length = lengthOf(word);
            if (length <= 0) {
                break;
            }
            int type = typeOf(word);
            if (type == TYPE_PADDING && isWellFormedPadding(length, index, capacity)) {
                position += length;
                continue;
            }
            if (!isWellFormedMessage(type, length, index, capacity, maxMessageLength)) {
                break;
            }
            long recordSequence = (long) LONG.get(buffer, recordIndex + SEQUENCE_OFFSET);
            if (!first && recordSequence != sequence) {
                break;
            }
            first = false;
            sequence = recordSequence + 1;
            position += align(length);
        }
        return new RingScan(head, position, sequence);
    }

    /** The consumer's head the walk started from. */
    public long head() {
        return head;
    }

    /** The position after the last committed record: where the producer writes next. */
    public long tail() {
        return tail;
    }

    /** The sequence the next message gets. */
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public String toString() {
        return "RingScan[head=" + head + ", tail=" + tail + ", nextSequence=" + nextSequence + "]";
    }
}
