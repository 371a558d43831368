package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.MessageHandler;
import io.shmlane.Role;
import io.shmlane.internal.RoleState;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walk that recovery and {@code inspect} trust: each bound it checks refuses the first value past it and accepts
 * the last value inside it (found by PIT: these boundaries were not pinned).
 */
class RingScanTest {
    private static final int CAPACITY = 1024;
    private static final MessageHandler IGNORE = (sequence, buffer, index, length) -> {};

    private final ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);

    private void sendMessages(final int count, final int payload) {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        for (int i = 0; i < count; i++) {
            assertThat(producer.offer(new byte[payload], 0, payload)).isTrue();
        }
    }

    private void producerState(final int state) {
        buffer.putInt(Role.PRODUCER.stateOffset(), state);
    }

    private static void assertCorrupt(final Runnable scan, final String what) {
        assertThatThrownBy(scan::run)
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining(what)
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(ChannelException.Reason.CORRUPT);
    }

    @Test
    void shouldRefuseRecordsThatEndBeforeTheConsumersNextSequence() {
        sendMessages(3, 8); // sequences 0, 1, 2 unread from head 0
        buffer.putLong(NEXT_SEQUENCE_OFFSET, 4);

        assertCorrupt(() -> RingScan.of(buffer, CAPACITY), "the records end at sequence 2, before the consumer's next");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 2, 3})
    void shouldAcceptRecordsThatReachTheConsumersNextSequence(final long consumerNext) {
        // 3: all unread; 2 and 0: a consumer died between storing its next sequence and releasing the head
        sendMessages(3, 8);
        buffer.putLong(NEXT_SEQUENCE_OFFSET, consumerNext);

        RingScan scan = RingScan.of(buffer, CAPACITY);

        assertThat(scan.firstSequence()).isZero();
        assertThat(scan.nextSequence()).isEqualTo(3);
        assertThat(scan.tail()).isEqualTo(3 * 16);
        assertThat(scan.toString()).isEqualTo("RingScan[head=0, tail=48, nextSequence=3]");
    }

    @Test
    void shouldRefuseAHeadExactlyOneLapPastThePublishedPositionAndAcceptOneRecordLess() {
        producerState(RoleState.ATTACHED);
        buffer.putLong(PRODUCER_POSITION_OFFSET, 0);
        buffer.putLong(CONSUMER_POSITION_OFFSET, CAPACITY);

        assertCorrupt(() -> RingScan.of(buffer, CAPACITY), "is a lap or more past position 0");

        buffer.putLong(CONSUMER_POSITION_OFFSET, CAPACITY - 8);
        assertThat(RingScan.of(buffer, CAPACITY).head()).isEqualTo(CAPACITY - 8);
    }

    @Test
    void shouldRefuseAChainOfRecordsThatFillsExactlyOneLap() {
        // 16 records of 64 bytes fill the 1024 bytes: a producer keeps 8 bytes free, so this chain was forged
        for (int i = 0; i < CAPACITY / 64; i++) {
            int index = DATA_OFFSET + i * 64;
            buffer.putLong(
                    index + RingDescriptor.HEADER_WORD_OFFSET,
                    RingDescriptor.headerWord(64, RingDescriptor.messageTag(i)));
        }

        assertCorrupt(() -> RingScan.of(buffer, CAPACITY), "the records from the head fill more than one lap");
    }

    @Test
    void shouldNameAZeroLengthPaddingAsABadRecordInTheWalkAndThePoll() {
        buffer.putLong(
                DATA_OFFSET + RingDescriptor.HEADER_WORD_OFFSET,
                RingDescriptor.headerWord(0, RingDescriptor.TYPE_PADDING));

        assertCorrupt(() -> RingScan.of(buffer, CAPACITY), "record of type 2 and length 0 at index 0");
        buffer.putLong(DATA_OFFSET, 0);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        buffer.putLong(
                DATA_OFFSET + RingDescriptor.HEADER_WORD_OFFSET,
                RingDescriptor.headerWord(0, RingDescriptor.TYPE_PADDING));
        assertCorrupt(() -> consumer.poll(IGNORE, 1), "record of type 2 and length 0 at index 0");
    }

    @Test
    void shouldRefuseToWrapABufferThatIsNotADirectRingOfThatCapacity() {
        ByteBuffer heap = ByteBuffer.allocate(ChannelBuffers.fileLength(ChannelKind.RING, CAPACITY));

        assertThatThrownBy(() -> RingProducer.wrap(heap, CAPACITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RingConsumer.wrap(heap, CAPACITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RingConsumer.wrap(buffer, 2 * CAPACITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReportOfferOfAByteBufferAsAcceptedUntilTheRingIsFull() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        int accepted = 0;
        while (producer.offer(ByteBuffer.wrap(new byte[40]))) {
            accepted++;
        }
        // 48-byte records in 1024 bytes less the 8 kept free
        assertThat(accepted).isEqualTo(1016 / 48);
        assertThat(producer.capacity()).isEqualTo(CAPACITY);
        assertThat(producer.offer(new byte[40], 0, 40)).isFalse();
        assertThat(producer.toString()).isEqualTo("RingProducer[buffer, capacity=1024, tail=1008, nextSequence=21]");
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        assertThat(consumer.poll(IGNORE, 100)).isEqualTo(21);
        assertThat(consumer.toString()).isEqualTo("RingConsumer[buffer, capacity=1024, head=1008]");
        assertThat(producer.offer(ByteBuffer.wrap(new byte[40]))).isTrue();
    }

    @Test
    void shouldRefuseAConsumerHeadAWholeLapBehindTheTail() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        while (producer.offer(new byte[40], 0, 40)) {
            // fill: tail 1008
        }
        buffer.putLong(CONSUMER_POSITION_OFFSET, producer.tail() - CAPACITY);

        assertCorrupt(() -> producer.offer(new byte[40], 0, 40), "the consumer's head -16 cannot be read");
        buffer.putLong(CONSUMER_POSITION_OFFSET, producer.tail() - CAPACITY + 8);
        assertThat(producer.offer(new byte[40], 0, 40)).isFalse();
    }

    @Test
    void shouldAcceptTheFirstMessageOfAFreshRingWithoutAnyRecord() {
        assertThatCode(() -> RingScan.of(buffer, CAPACITY)).doesNotThrowAnyException();
    }
}
