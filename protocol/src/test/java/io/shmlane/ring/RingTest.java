package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.idle.IdleStrategy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingTest {
    private static final int CAPACITY = 1024;

    @TempDir
    Path dir;

    private final ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
    private final List<Long> sequences = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final List<Byte> firstBytes = new ArrayList<>();

    private void record(final long sequence, final ByteBuffer b, final int index, final int length) {
        sequences.add(sequence);
        lengths.add(length);
        firstBytes.add(length > 0 ? b.get(index) : 0);
    }

    private static byte[] filled(final int length, final int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private int lengthAt(final int index) {
        return buffer.getInt(DATA_OFFSET + index + RingDescriptor.LENGTH_OFFSET);
    }

    private int typeAt(final int index) {
        return buffer.getInt(DATA_OFFSET + index + RingDescriptor.TAG_OFFSET);
    }

    @Test
    void shouldLayTheHeaderWordOutAsLengthAtZeroAndTypeAtFour() {
        java.nio.ByteBuffer word = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        word.putLong(0, RingDescriptor.headerWord(0x0102_0304, RingDescriptor.TYPE_PADDING));

        assertThat(word.getInt(RingDescriptor.LENGTH_OFFSET)).isEqualTo(0x0102_0304);
        assertThat(word.getInt(RingDescriptor.TAG_OFFSET)).isEqualTo(RingDescriptor.TYPE_PADDING);
        assertThat(RingDescriptor.lengthOf(word.getLong(0))).isEqualTo(0x0102_0304);
        assertThat(RingDescriptor.typeOf(word.getLong(0))).isEqualTo(RingDescriptor.TYPE_PADDING);
        assertThat(RingDescriptor.lengthOf(RingDescriptor.headerWord(-8, 1))).isEqualTo(-8);
    }

    @Test
    void shouldReturnZeroWhenEmpty() {
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        assertThat(consumer.poll(this::record, 10)).isZero();
        assertThat(consumer.nextSequence()).isZero();
    }

    @Test
    void shouldDeliverRecordsInOrderWithSequences() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        for (int i = 0; i < 5; i++) {
            assertThat(producer.offer(filled(i + 1, i), 0, i + 1)).isTrue();
        }
        assertThat(consumer.poll(this::record, 100)).isEqualTo(5);
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(lengths).containsExactly(1, 2, 3, 4, 5);
        assertThat(firstBytes).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
        assertThat(consumer.head()).isEqualTo(5 * 16); // 8-byte header + payload, aligned to 8
    }

    @Test
    void shouldRespectBatchLimitAndReleaseHeadPerBatch() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        for (int i = 0; i < 7; i++) {
            producer.offer(filled(8, i), 0, 8);
        }
        assertThat(consumer.poll(this::record, 3)).isEqualTo(3);
        assertThat(buffer.getLong(CONSUMER_POSITION_OFFSET)).isEqualTo(3 * 16);
        assertThat(buffer.getLong(NEXT_SEQUENCE_OFFSET)).isEqualTo(3);
        assertThat(consumer.poll(this::record, 3)).isEqualTo(3);
        assertThat(consumer.poll(this::record, 3)).isEqualTo(1);
        assertThat(consumer.poll(this::record, 3)).isZero();
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void shouldInsertPaddingRecordOnWrap() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        // 14 records of 72 bytes (8 + 64) end at 1008; 16 bytes remain before the end
        for (int i = 0; i < 14; i++) {
            producer.offer(filled(64, i), 0, 64);
        }
        assertThat(consumer.poll(this::record, 100)).isEqualTo(14);
        // 8 + 100 = 108 -> 112 aligned does not fit in 16: padding at 1008, message at 0
        assertThat(producer.offer(filled(100, 14), 0, 100)).isTrue();
        assertThat(lengthAt(1008)).isEqualTo(16);
        assertThat(typeAt(1008)).isEqualTo(RingDescriptor.TYPE_PADDING);
        assertThat(lengthAt(0)).isEqualTo(108);
        assertThat(typeAt(0)).isEqualTo(RingDescriptor.messageTag(14));
        assertThat(lengthAt(112)).as("next header pre-zeroed").isZero();
        assertThat(producer.tail()).isEqualTo(1024 + 112);
        assertThat(consumer.poll(this::record, 100)).isEqualTo(1);
        assertThat(sequences.get(14)).isEqualTo(14L);
        assertThat(lengths.get(14)).isEqualTo(100);
        assertThat(firstBytes.get(14)).isEqualTo((byte) 14);
        assertThat(consumer.head()).isEqualTo(1024 + 112);
    }

    @Test
    void shouldFillExactlyToCapacityLessOneAlignmentAndRefuseMore() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        // 1016 bytes may be in flight: 7 records of 136 (952) + one of 64 (8 + 56)
        for (int i = 0; i < 7; i++) {
            assertThat(producer.offer(filled(128, i), 0, 128)).isTrue();
        }
        assertThat(producer.offer(filled(57, 7), 0, 57))
                .as("72 bytes would leave no free header")
                .isFalse();
        assertThat(producer.offer(filled(56, 7), 0, 56)).isTrue();
        assertThat(producer.tail()).isEqualTo(CAPACITY - RingDescriptor.ALIGNMENT);
        assertThat(producer.offer(new byte[0], 0, 0)).as("full").isFalse();
        assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
        // at the end only 8 bytes remain: a padding of 8 plus 136 at index 0 needs 144 bytes free
        assertThat(producer.offer(filled(128, 8), 0, 128))
                .as("padding counts against the room")
                .isFalse();
        assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
        assertThat(producer.offer(filled(128, 8), 0, 128))
                .as("room after the consumer released")
                .isTrue();
        assertThat(consumer.poll(this::record, 100)).isEqualTo(7);
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(firstBytes)
                .containsExactly(
                        (byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 8);
    }

    @Test
    void shouldNeverOverwriteAnUnreadRecord() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        int sent = 0;
        while (producer.offer(filled(40, sent), 0, 40)) {
            sent++;
        }
        assertThat(sent).isEqualTo(1016 / 48);
        assertThat(consumer.poll(this::record, 1000)).isEqualTo(sent);
        for (int i = 0; i < sent; i++) {
            assertThat(firstBytes.get(i)).isEqualTo((byte) i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE - 2000, -3000})
    void shouldKeepWorkingWithPositionsNearOverflow(final long start) {
        buffer.putLong(CONSUMER_POSITION_OFFSET, start & ~7L);
        buffer.putLong(NEXT_SEQUENCE_OFFSET, Long.MAX_VALUE - 5);
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        assertThat(producer.nextSequence()).isEqualTo(Long.MAX_VALUE - 5);
        for (int i = 0; i < 300; i++) {
            int length = 1 + (i * 37) % 120;
            assertThat(producer.offer(filled(length, i), 0, length)).isTrue();
            assertThat(consumer.poll(this::record, 10)).isEqualTo(1);
            assertThat(lengths.get(i)).isEqualTo(length);
            assertThat(firstBytes.get(i)).isEqualTo((byte) i);
        }
        assertThat(sequences.get(0)).isEqualTo(Long.MAX_VALUE - 5);
        assertThat(sequences.get(5)).isEqualTo(Long.MAX_VALUE);
        assertThat(sequences.get(6)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldAcceptMaxLengthAndRejectLonger() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        assertThat(producer.maxMessageLength()).isEqualTo(CAPACITY / 8);
        assertThat(producer.offer(new byte[128], 0, 128)).isTrue();
        assertThatThrownBy(() -> producer.offer(new byte[129], 0, 129))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message length must be from 0 to 128: length=129");
        assertThatThrownBy(() -> producer.tryClaim(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1000, 512, 3000, -1024})
    void shouldRejectCapacityThatIsNotAllowed(final int capacity) {
        assertThatThrownBy(() -> ChannelOptions.ring().withCapacity(capacity))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("ring capacity must be a power of two")
                .hasMessageContaining("capacity=" + capacity);
    }

    @Test
    void shouldAcceptMaxLengthAndRejectLongerFromAByteBuffer() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);

        assertThatThrownBy(() -> producer.offer(ByteBuffer.allocate(129)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message length must be from 0 to 128: length=129");
        assertThat(producer.offer(ByteBuffer.allocate(128))).isTrue();
        assertThat(producer.nextSequence())
                .as("only the one that fits was taken")
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseEveryOfferWhileAClaimIsOpenAndLeaveTheClaimIntact() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        int index = producer.tryClaim(16);
        buffer.put(index, filled(16, 7));

        assertThatThrownBy(() -> producer.offer(filled(8, 1), 0, 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("commit() or abort() the open claim first");
        assertThatThrownBy(() -> producer.offer(ByteBuffer.wrap(filled(8, 2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("commit() or abort() the open claim first");
        producer.commit();
        assertThat(producer.offer(filled(8, 3), 0, 8)).isTrue();

        assertThat(consumer.poll(this::record, 10)).isEqualTo(2);
        assertThat(sequences).containsExactly(0L, 1L);
        assertThat(lengths).containsExactly(16, 8);
        assertThat(firstBytes).as("the claimed payload, not an offer's").containsExactly((byte) 7, (byte) 3);
    }

    @Test
    void shouldDeliverByteBufferOffersIntactAcrossManyLaps() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        SplittableRandom random = new SplittableRandom(22);
        List<Long> sent = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        ByteBuffer direct = ByteBuffer.allocateDirect(200);
        for (int i = 0; received.size() < 2_000; i++) {
            if (sent.size() < 2_000) {
                int length = random.nextInt(129);
                byte[] payload = new byte[length];
                random.nextBytes(payload);
                // a heap and a direct source, each with bytes before its position that must not be sent
                ByteBuffer src = i % 2 == 0 ? ByteBuffer.allocate(length + 5) : direct.clear();
                src.position(5);
                src.put(payload).flip().position(5);
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if (producer.offer(src)) {
                    sent.add(crc.getValue() ^ ((long) length << 32));
                    assertThat(src.position()).as("the source's position").isEqualTo(5);
                }
            }
            consumer.poll(
                    (sequence, b, index, length) -> {
                        assertThat(sequence).isEqualTo(received.size());
                        CRC32C crc = new CRC32C();
                        crc.update(b.slice(index, length));
                        received.add(crc.getValue() ^ ((long) length << 32));
                    },
                    random.nextInt(1, 4));
        }
        assertThat(producer.tail()).as("laps of the ring").isGreaterThan(50L * CAPACITY);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void shouldPublishClaimedRecordOnlyOnCommitAndDropItOnAbort() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        int index = producer.tryClaim(16);
        buffer.put(index, filled(16, 7));
        assertThat(consumer.poll(this::record, 10)).as("not yet committed").isZero();
        assertThatThrownBy(() -> producer.tryClaim(4)).isInstanceOf(IllegalStateException.class);
        producer.commit();
        assertThat(consumer.poll(this::record, 10)).isEqualTo(1);
        int aborted = producer.tryClaim(16);
        buffer.put(aborted, filled(16, 9));
        producer.abort();
        assertThat(consumer.poll(this::record, 10)).isZero();
        producer.offer(filled(4, 3), 0, 4);
        assertThat(consumer.poll(this::record, 10)).isEqualTo(1);
        assertThat(sequences).containsExactly(0L, 1L);
        assertThat(firstBytes).containsExactly((byte) 7, (byte) 3);
    }

    @Test
    void shouldResumeFromSharedHeadAfterConsumerRestart() {
        Path path = dir.resolve("r.shm");
        try (RingProducer producer =
                RingProducer.open(path, ChannelOptions.ring().withCapacity(CAPACITY))) {
            for (int i = 0; i < 10; i++) {
                producer.offer(filled(8, i), 0, 8);
            }
            long headBeforeBatch;
            try (RingConsumer first = RingConsumer.open(path)) {
                first.poll(this::record, 4);
                headBeforeBatch = first.head();
                first.poll(this::record, 3);
                // dies before releasing the second batch: put the shared head back where it was
                first.file().buffer().putLong(CONSUMER_POSITION_OFFSET, headBeforeBatch);
            }
            try (RingConsumer second = RingConsumer.open(path)) {
                assertThat(second.nextSequence()).isEqualTo(4);
                second.poll(this::record, 100);
            }
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void shouldDiscardUncommittedClaimOfDeadProducerAndContinueSequence() {
        Path path = dir.resolve("r.shm");
        try (RingConsumer consumer =
                RingConsumer.open(path, ChannelOptions.ring().withCapacity(CAPACITY))) {
            RingProducer dead = RingProducer.open(path);
            for (int i = 0; i < 3; i++) {
                dead.offer(filled(8, i), 0, 8);
            }
            int index = dead.tryClaim(8);
            dead.buffer().put(index, filled(8, 99)); // payload written, never committed
            dead.detach();
            assertThat(consumer.poll(this::record, 100)).isEqualTo(3);
            try (RingProducer next = RingProducer.open(path)) {
                assertThat(next.nextSequence()).isEqualTo(3);
                assertThat(next.tail()).isEqualTo(3 * 16);
                next.offer(filled(8, 3), 0, 8);
            }
            assertThat(consumer.receive(this::record, 100, IdleStrategy.defaults()))
                    .isEqualTo(1);
            assertThat(consumer.receive(this::record, 100, IdleStrategy.defaults()))
                    .isEqualTo(ChannelConsumer.END_OF_STREAM);
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L);
        assertThat(firstBytes).doesNotContain((byte) 99).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3);
    }

    @Test
    void shouldRecoverTailFromUnreadRecordsAfterProducerDied() {
        Path path = dir.resolve("r.shm");
        RingProducer dead = RingProducer.open(path, ChannelOptions.ring().withCapacity(CAPACITY));
        for (int i = 0; i < 30; i++) { // wraps: 30 x 48 bytes > 1024 once consumed in part
            while (!dead.offer(filled(40, i), 0, 40)) {
                try (RingConsumer consumer = RingConsumer.open(path)) {
                    consumer.poll(this::record, 5);
                }
            }
        }
        long tail = dead.tail();
        dead.detach();
        try (RingProducer next = RingProducer.open(path)) {
            assertThat(next.tail()).isEqualTo(tail);
            assertThat(next.nextSequence()).isEqualTo(30);
            while (!next.offer(filled(40, 30), 0, 40)) {
                try (RingConsumer consumer = RingConsumer.open(path)) {
                    consumer.poll(this::record, 5);
                }
            }
        }
        try (RingConsumer consumer = RingConsumer.open(path)) {
            while (consumer.receive(this::record, 100, IdleStrategy.defaults()) != ChannelConsumer.END_OF_STREAM) {
                // drain
            }
        }
        for (int i = 0; i <= 30; i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
            assertThat(firstBytes.get(i)).isEqualTo((byte) i);
        }
        assertThat(sequences).hasSize(31);
    }

    @Test
    void shouldSeeEndOfStreamOnlyAfterDrainingTheLastRecord() {
        RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        producer.offer(filled(8, 1), 0, 8);
        producer.close();
        assertThat(consumer.isEndOfStream()).as("a record is still waiting").isFalse();
        assertThat(consumer.receive(this::record, 10, IdleStrategy.defaults())).isEqualTo(1);
        assertThat(consumer.isEndOfStream()).isTrue();
        assertThat(consumer.receive(this::record, 10, IdleStrategy.defaults()))
                .isEqualTo(ChannelConsumer.END_OF_STREAM);
    }

    @Test
    void shouldRejectCapacityMismatchOnAttach() {
        Path path = dir.resolve("r.shm");
        RingProducer.open(path, ChannelOptions.ring().withCapacity(4096)).detach();
        assertThatThrownBy(() -> RingConsumer.open(path, ChannelOptions.ring().withCapacity(2048)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("was created with capacity 4096, not 2048")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(ChannelException.Reason.CAPACITY_MISMATCH);
        try (RingConsumer anyCapacity = RingConsumer.open(path)) {
            assertThat(anyCapacity.file().capacity()).isEqualTo(4096);
        }
    }

    @Test
    void shouldRejectCorruptRecordWithClearError() {
        RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);
        buffer.putInt(DATA_OFFSET + RingDescriptor.TAG_OFFSET, 77);
        buffer.putInt(DATA_OFFSET + RingDescriptor.LENGTH_OFFSET, 40);
        assertThatThrownBy(() -> consumer.poll(this::record, 1))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("is corrupt at position 0")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(ChannelException.Reason.CORRUPT);
    }

    /**
     * Two threads through a small ring with random sizes: every wrap, padding and full-buffer path
     * runs many times. Each payload carries its sequence and a CRC32C, so a torn or stale record fails.
     */
    @Test
    void shouldDeliverRandomSizedMessagesIntactBetweenTwoThreads() throws Exception {
        ByteBuffer shared = ChannelBuffers.allocate(ChannelKind.RING, 4096);
        int count = 300_000;
        long seed = System.nanoTime();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producerThread = new Thread(() -> {
            RingProducer producer = RingProducer.wrap(shared, 4096);
            SplittableRandom random = new SplittableRandom(seed);
            byte[] message = new byte[512];
            ByteBuffer view = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
            CRC32C crc = new CRC32C();
            try {
                for (long i = 0; i < count; i++) {
                    int length = random.nextInt(12, 513);
                    view.putLong(0, i);
                    for (int b = 8; b < length - 4; b++) {
                        message[b] = (byte) (i + b);
                    }
                    crc.reset();
                    crc.update(message, 0, length - 4);
                    view.putInt(length - 4, (int) crc.getValue());
                    producer.send(message, 0, length, IdleStrategy.defaults());
                }
                producer.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        producerThread.setDaemon(true); // a hung producer must not keep the test JVM alive
        producerThread.start();
        RingConsumer consumer = RingConsumer.wrap(shared, 4096);
        long[] expected = {0};
        CRC32C crc = new CRC32C();
        byte[] copy = new byte[512];
        while (consumer.receive(
                        (sequence, b, index, length) -> {
                            b.get(index, copy, 0, length);
                            crc.reset();
                            crc.update(copy, 0, length - 4);
                            assertThat(b.getInt(index + length - 4))
                                    .as("checksum of message %d (seed %d)", sequence, seed)
                                    .isEqualTo((int) crc.getValue());
                            assertThat(sequence).isEqualTo(expected[0]);
                            assertThat(b.getLong(index)).isEqualTo(sequence);
                            expected[0]++;
                        },
                        64,
                        IdleStrategy.defaults())
                != ChannelConsumer.END_OF_STREAM) {
            // until the end of stream
        }
        producerThread.join();
        assertThat(failure.get()).isNull();
        assertThat(expected[0]).isEqualTo(count);
    }
}
