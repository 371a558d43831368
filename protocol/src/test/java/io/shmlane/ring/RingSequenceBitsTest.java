package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The implicit sequence of layout version 2: a record's header carries only the low 28 bits of its
 * sequence, the consumer counts, and a new consumer resolves the full sequence at the head from its
 * predecessor's stored next sequence. These pin that the bits round-trip, that resolution is exact for
 * every batch a dead consumer can leave unreleased in the largest ring, and that streams run on past
 * {@code 2^28} messages.
 */
class RingSequenceBitsTest {
    private static final int CAPACITY = 1024;
    private static final long WRAP = 1L << RingDescriptor.SEQUENCE_BITS;
    /** More messages than this never fit in a ring: each record takes at least 8 bytes, 8 stay free. */
    private static final int MOST_IN_FLIGHT = (ChannelOptions.MAX_RING_CAPACITY - RingDescriptor.ALIGNMENT) / 8;

    @Property(tries = 500)
    void shouldCarryTheTypeAndTheSequencesLowBitsInTheTag(@ForAll final long sequence, @ForAll final int length) {
        long word = RingDescriptor.headerWord(length, RingDescriptor.messageTag(sequence));

        assertThat(RingDescriptor.lengthOf(word)).isEqualTo(length);
        assertThat(RingDescriptor.typeOf(word)).isEqualTo(RingDescriptor.TYPE_MESSAGE);
        assertThat((long) RingDescriptor.sequenceBitsOf(word)).isEqualTo(sequence & (WRAP - 1));
        assertThat(RingDescriptor.messageTag(sequence + WRAP)).isEqualTo(RingDescriptor.messageTag(sequence));
        assertThat(RingDescriptor.messageTag(sequence + 1)).isNotEqualTo(RingDescriptor.messageTag(sequence));
    }

    @Property(tries = 1000)
    void shouldResolveTheHeadsSequenceForEveryBatchADeadConsumerCanLeave(
            @ForAll @LongRange(min = -(1L << 40), max = 1L << 40) final long headSequence,
            @ForAll @IntRange(min = 0, max = MOST_IN_FLIGHT) final int unreleased) {
        long storedNext = headSequence + unreleased;
        long word = RingDescriptor.headerWord(16, RingDescriptor.messageTag(headSequence));

        assertThat(RingDescriptor.resolveSequence(storedNext, RingDescriptor.sequenceBitsOf(word)))
                .isEqualTo(headSequence);
    }

    @Test
    void shouldFitMoreSequencesInTheTagThanMessagesInTheLargestRing() {
        assertThat(MOST_IN_FLIGHT).isLessThan((int) WRAP);
        assertThat(RingDescriptor.messageTag(0)).isEqualTo(RingDescriptor.TYPE_MESSAGE);
        assertThat(RingDescriptor.TYPE_PADDING).isNotEqualTo(RingDescriptor.messageTag(0));
    }

    @Test
    void shouldRunAStreamOnAcrossTheWrapOfTheSequenceBits() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
        buffer.putLong(NEXT_SEQUENCE_OFFSET, WRAP - 3); // as a consumer that got that far left it
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        assertThat(producer.nextSequence()).isEqualTo(WRAP - 3);
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(producer.offer(new byte[8], 0, 8)).isTrue();
        }

        assertThat(consumer.poll((sequence, b, index, length) -> sequences.add(sequence), 100))
                .isEqualTo(6);
        assertThat(sequences).containsExactly(WRAP - 3, WRAP - 2, WRAP - 1, WRAP, WRAP + 1, WRAP + 2);
    }

    @Test
    void shouldResolveABatchDeliveredAgainAcrossTheWrapOfTheSequenceBits() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
        buffer.putLong(NEXT_SEQUENCE_OFFSET, WRAP - 2);
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        for (int i = 0; i < 5; i++) {
            assertThat(producer.offer(new byte[8], 0, 8)).isTrue();
        }
        // a consumer stored its next sequence past the batch and died before releasing the head
        buffer.putLong(NEXT_SEQUENCE_OFFSET, WRAP + 1);

        RingScan scan = RingScan.of(buffer, CAPACITY);
        assertThat(scan.firstSequence()).isEqualTo(WRAP - 2);
        assertThat(scan.nextSequence()).isEqualTo(WRAP + 3);
        List<Long> sequences = new ArrayList<>();
        RingConsumer.wrap(buffer, CAPACITY).poll((sequence, b, index, length) -> sequences.add(sequence), 100);
        assertThat(sequences).containsExactly(WRAP - 2, WRAP - 1, WRAP, WRAP + 1, WRAP + 2);
    }

    @Test
    void shouldRefuseAStaleRecordWhoseLengthAndTypeFitButWhoseSequenceBitsAreAnotherMessages() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        for (int i = 0; i < 3; i++) {
            producer.offer(new byte[8], 0, 8);
        }
        consumer.poll((sequence, b, index, length) -> {}, 100);
        // a record of a lap before at the tail, as if the next header had not been zeroed: message 1's
        // length and type, but the consumer counts 3
        buffer.putLong(DATA_OFFSET + 48, RingDescriptor.headerWord(16, RingDescriptor.messageTag(1)));

        assertThatThrownBy(() -> consumer.poll((sequence, b, index, length) -> {}, 100))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("is corrupt at position 48: sequence bits 1 where those of 3 were due");
        assertThat(buffer.getLong(CONSUMER_POSITION_OFFSET)).isEqualTo(48);
    }
}
