package io.shmlane;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.idle.BusySpinIdleStrategy;
import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxDescriptor;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingDescriptor;
import io.shmlane.ring.RingProducer;
import io.shmlane.ring.RingScan;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values read from shared memory that no shmlane producer or consumer can have written are refused
 * as {@link ChannelException.Reason#CORRUPT}, never read as "nothing more" or used as an index; a
 * mailbox notices a shrunk file under steady traffic; the blocking calls stop on request.
 */
class HostileFileTest {
    private static final int RING = 1024;
    private static final int MAILBOX = 64;

    @TempDir
    Path dir;

    private final List<Long> sequences = new ArrayList<>();

    private void record(final long sequence, final ByteBuffer b, final int index, final int length) {
        sequences.add(sequence);
    }

    /** A closed ring with {@code count} messages of 8 bytes (16-byte records), none consumed. */
    private static ByteBuffer closedRing(final int count) {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        for (int i = 0; i < count; i++) {
            assertThat(producer.offer(new byte[8], 0, 8)).isTrue();
        }
        producer.close();
        return buffer;
    }

    private static void assertCorrupt(final Runnable run, final String expected) {
        assertThatThrownBy(run::run)
                .isInstanceOfSatisfying(
                        ChannelException.class, e -> assertThat(e.reason()).isEqualTo(ChannelException.Reason.CORRUPT))
                .hasMessageContaining(expected);
    }

    private int drain(final RingConsumer consumer) {
        int total = 0;
        int n;
        while ((n = consumer.receive(this::record, 16, new BusySpinIdleStrategy())) != ChannelConsumer.END_OF_STREAM) {
            total += n;
        }
        return total;
    }

    @Test
    void shouldRefuseAConsumerHeadThatIsNotAMultipleOfEight() {
        ByteBuffer buffer = closedRing(3);
        buffer.putLong(CONSUMER_POSITION_OFFSET, 3);
        assertCorrupt(() -> RingConsumer.wrap(buffer, RING), "not a multiple of 8");
        assertCorrupt(() -> RingScan.of(buffer, RING), "not a multiple of 8");
        ByteBuffer live = ChannelBuffers.allocate(ChannelKind.RING, RING);
        live.putLong(CONSUMER_POSITION_OFFSET, 12);
        assertCorrupt(() -> RingProducer.wrap(live, RING), "not a multiple of 8");
    }

    @Test
    void shouldRefuseAPaddingOfTheWholeRing() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        buffer.putLong(DATA_OFFSET, RingDescriptor.headerWord(RING, RingDescriptor.TYPE_PADDING));
        assertCorrupt(() -> RingConsumer.wrap(buffer, RING), "padding of 1024 bytes at index 0");
        assertCorrupt(() -> RingProducer.wrap(buffer, RING), "padding of 1024 bytes at index 0");
    }

    @Test
    void shouldRefuseAPaddingLongerThanTheLargestRecordInTheMiddleOfTheRing() {
        ByteBuffer buffer = closedRing(3);
        // after three records of 16 bytes, a padding to the end: 976 bytes, more than a 136-byte record
        buffer.putLong(DATA_OFFSET + 48, RingDescriptor.headerWord(RING - 48, RingDescriptor.TYPE_PADDING));
        assertCorrupt(() -> RingConsumer.wrap(buffer, RING), "padding of 976 bytes at index 48");
    }

    @Test
    void shouldRefuseARecordHeaderWithANegativeLength() {
        ByteBuffer buffer = closedRing(5);
        buffer.putLong(DATA_OFFSET + 48, RingDescriptor.headerWord(-1, RingDescriptor.TYPE_MESSAGE));
        assertCorrupt(() -> RingConsumer.wrap(buffer, RING), "length -1");
    }

    @Test
    void shouldReportAStreamThatEndsBeforeTheProducersFinalTail() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        RingConsumer consumer = RingConsumer.wrap(buffer, RING);
        for (int i = 0; i < 5; i++) {
            producer.offer(new byte[8], 0, 8);
        }
        producer.close();
        buffer.putLong(DATA_OFFSET + 32, 0L); // record 2's header zeroed: the chain seems to end there
        assertCorrupt(() -> drain(consumer), "the producer ended the stream at 80");
        assertThat(sequences).containsExactly(0L, 1L);
    }

    @Test
    void shouldRefuseAHeadMovedForwardByOneRecord() {
        ByteBuffer buffer = closedRing(5);
        buffer.putLong(CONSUMER_POSITION_OFFSET, 16);
        // message 1 at the head cannot be the consumer's next (0), nor a batch before it
        assertCorrupt(() -> RingConsumer.wrap(buffer, RING), "before the consumer's next sequence 0");
    }

    /**
     * A message header with the sequence bits due, written under a live consumer, whose length no
     * producer writes: shorter than a header, longer than the largest message, or running past the
     * ring's end. Only the length can refuse it, and {@code poll} must, before the handler sees it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "0, 4, length 4 at index 0",
        "0, -8, length -8 at index 0",
        "0, 137, length 137 at index 0",
        "1008, 24, length 24 at index 1008",
        "1000, 32, length 32 at index 1000"
    })
    void shouldRefuseInPollAMessageWhoseLengthNoProducerWrites(
            final int index, final int length, final String expected) {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        RingConsumer consumer = RingConsumer.wrap(buffer, RING);
        // messages of 8 bytes (16-byte records) consumed up to the index of the forged record
        for (int i = 0; i < index / 16; i++) {
            assertThat(producer.offer(new byte[8], 0, 8)).isTrue();
            assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
        }
        if (index % 16 != 0) {
            assertThat(producer.offer(new byte[0], 0, 0)).isTrue(); // an 8-byte record
            assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
        }
        assertThat(consumer.head()).isEqualTo(index);
        sequences.clear();
        long due = consumer.nextSequence();
        buffer.putLong(DATA_OFFSET + index, RingDescriptor.headerWord(length, RingDescriptor.messageTag(due)));
        assertCorrupt(() -> consumer.poll(this::record, 10), "record of type 1 and " + expected);
        assertThat(sequences).isEmpty();
        assertThat(consumer.head()).isEqualTo(index);
    }

    @Test
    void shouldRefuseARecordWhoseSequenceDoesNotContinue() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        RingConsumer consumer = RingConsumer.wrap(buffer, RING);
        for (int i = 0; i < 3; i++) {
            producer.offer(new byte[8], 0, 8);
        }
        buffer.putInt(DATA_OFFSET + 16 + RingDescriptor.TAG_OFFSET, RingDescriptor.messageTag(7));
        assertCorrupt(() -> consumer.poll(this::record, 10), "sequence bits 7 where those of 1 were due");
        assertThat(sequences).containsExactly(0L);
    }

    @Test
    void shouldRefuseAConsumerHeadThatTheProducerCannotHaveLeft() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        RingConsumer consumer = RingConsumer.wrap(buffer, RING);
        producer.offer(new byte[8], 0, 8);
        consumer.poll(this::record, 10);
        buffer.putLong(CONSUMER_POSITION_OFFSET, 4096); // past the tail: room everywhere, unread records overwritten
        assertCorrupt(
                () -> {
                    for (int i = 0; i < 100; i++) {
                        producer.offer(new byte[64], 0, 64);
                    }
                },
                "the consumer's head 4096");
    }

    @Test
    void shouldRefuseAMailboxFlagThatIsNeitherEmptyNorFull() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, MAILBOX);
        MailboxProducer producer = MailboxProducer.wrap(buffer, MAILBOX);
        MailboxConsumer consumer = MailboxConsumer.wrap(buffer, MAILBOX);
        buffer.putInt(DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET, 7);
        assertCorrupt(() -> consumer.poll(this::record, 1), "mailbox flag 7");
        assertCorrupt(() -> producer.offer(new byte[1], 0, 1), "mailbox flag 7");
        assertCorrupt(() -> MailboxConsumer.wrap(buffer, MAILBOX), "mailbox flag 7");
        assertCorrupt(() -> MailboxProducer.wrap(buffer, MAILBOX), "mailbox flag 7");
        producer.close();
        assertCorrupt(consumer::isEndOfStream, "mailbox flag 7");
    }

    @Test
    void shouldReportAMailboxStreamThatEndsBeforeTheProducersLastSequence() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, MAILBOX);
        MailboxProducer producer = MailboxProducer.wrap(buffer, MAILBOX);
        MailboxConsumer consumer = MailboxConsumer.wrap(buffer, MAILBOX);
        producer.offer(new byte[1], 0, 1);
        assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
        producer.offer(new byte[1], 0, 1);
        producer.close();
        buffer.putInt(DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET, MailboxDescriptor.EMPTY); // message 1 lost
        assertCorrupt(consumer::isEndOfStream, "the stream ended with next sequence 2 but the consumer is at 1");
    }

    @Test
    void shouldRefuseAMailboxSequenceThatDoesNotContinue() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, MAILBOX);
        MailboxProducer producer = MailboxProducer.wrap(buffer, MAILBOX);
        MailboxConsumer consumer = MailboxConsumer.wrap(buffer, MAILBOX);
        producer.offer(new byte[1], 0, 1);
        buffer.putLong(DATA_OFFSET + MailboxDescriptor.SEQUENCE_OFFSET, 7);
        assertCorrupt(() -> consumer.poll(this::record, 1), "sequence 7 where 0 was due");
    }

    @Test
    void shouldNoticeAMailboxFileShrunkUnderSteadyTraffic() throws IOException {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer =
                        MailboxProducer.open(path, ChannelOptions.mailbox().withCapacity(MAILBOX));
                MailboxConsumer consumer = MailboxConsumer.open(path, ChannelOptions.mailbox())) {
            byte[] message = new byte[8];
            for (int i = 0; i < 10; i++) {
                assertThat(producer.offer(message, 0, 8)).isTrue();
                assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
            }
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                file.setLength(100); // the slot's page stays mapped and reads zeros: no access faults
            }
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 1000; i++) {
                            producer.offer(message, 0, 8);
                            consumer.poll(this::record, 1);
                        }
                    })
                    .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.reason())
                            .isEqualTo(ChannelException.Reason.TRUNCATED));
        }
    }

    @Test
    void shouldStopAWaitingSendAndReceiveOnRequestWithoutAnInterrupt() {
        ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, RING);
        RingProducer producer = RingProducer.wrap(buffer, RING);
        RingConsumer consumer = RingConsumer.wrap(buffer, RING);
        AtomicBoolean stop = new AtomicBoolean(true);
        assertThat(consumer.receive(this::record, 1, new BusySpinIdleStrategy(), stop::get))
                .isZero();
        while (producer.offer(new byte[64], 0, 64)) {
            // fill the ring
        }
        assertThat(producer.send(new byte[64], 0, 64, new BusySpinIdleStrategy(), stop::get))
                .isFalse();
        assertThat(consumer.receive(this::record, 100, new BusySpinIdleStrategy(), stop::get))
                .isPositive();
        assertThat(producer.send(new byte[64], 0, 64, new BusySpinIdleStrategy(), stop::get))
                .isTrue();
    }

    private static void writeLong(final Path path, final int offset, final long value) throws IOException {
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(
                    ByteBuffer.allocate(8)
                            .order(java.nio.ByteOrder.nativeOrder())
                            .putLong(0, value),
                    offset);
        }
    }

    @Test
    void shouldReportRecordsLostBehindAZeroedHeaderInsteadOfADeadProducer() throws IOException {
        Path path = dir.resolve("lost.shm");
        ChannelOptions options = ChannelOptions.ring().withCapacity(RING);
        RingProducer producer = RingProducer.open(path, options);
        for (int i = 0; i < 5; i++) {
            producer.offer(new byte[8], 0, 8);
        }
        producer.detach(); // as a crash would leave it, with its tail published now and then
        try (RingConsumer consumer = RingConsumer.open(path, options)) {
            writeLong(path, DATA_OFFSET + 32, 0L); // record 2's header: the chain seems to end there
            assertCorrupt(() -> drain(consumer), "before position 80 which the producer reached");
            assertThat(sequences).containsExactly(0L, 1L);
        }
        assertCorrupt(() -> RingProducer.open(path, options), "before position 80 which the producer reached");
        assertCorrupt(() -> RingConsumer.open(path, options), "before position 80 which the producer reached");
    }

    @Test
    void shouldRefuseToReuseSequencesAMailboxProducerAlreadySent() throws IOException {
        Path path = dir.resolve("reuse.shm");
        ChannelOptions options = ChannelOptions.mailbox().withCapacity(MAILBOX);
        MailboxProducer producer = MailboxProducer.open(path, options);
        try (MailboxConsumer consumer = MailboxConsumer.open(path, options)) {
            for (int i = 0; i < 3; i++) {
                producer.offer(new byte[1], 0, 1);
                consumer.poll(this::record, 1);
            }
        }
        producer.detach();
        writeLong(path, ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET, 1);
        assertCorrupt(() -> MailboxProducer.open(path, options), "a producer already reached 3");
    }
}
