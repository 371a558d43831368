package io.shmlane.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.ChannelOptions;
import io.shmlane.idle.IdleStrategy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxTest {
    @TempDir
    Path dir;

    private final List<String> received = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();

    private void record(final long sequence, final ByteBuffer buffer, final int index, final int length) {
        byte[] bytes = new byte[length];
        buffer.get(index, bytes);
        received.add(new String(bytes, StandardCharsets.US_ASCII));
        sequences.add(sequence);
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldDeliverMessageWithItsSequenceAndPayload() {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer = MailboxProducer.open(path);
                MailboxConsumer consumer = MailboxConsumer.open(path)) {
            assertThat(consumer.poll(this::record, 10)).isZero();
            byte[] m = ascii("Msg-0");
            assertThat(producer.offer(m, 0, m.length)).isTrue();
            assertThat(consumer.poll(this::record, 10)).isEqualTo(1);
            assertThat(received).containsExactly("Msg-0");
            assertThat(sequences).containsExactly(0L);
        }
    }

    @Test
    void shouldRefuseOfferUntilConsumerAcknowledges() {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer = MailboxProducer.open(path);
                MailboxConsumer consumer = MailboxConsumer.open(path)) {
            byte[] first = ascii("first");
            byte[] second = ascii("second");
            assertThat(producer.offer(first, 0, first.length)).isTrue();
            assertThat(producer.offer(second, 0, second.length))
                    .as("slot still full")
                    .isFalse();
            assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
            assertThat(producer.offer(ByteBuffer.wrap(second))).isTrue();
            assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
            assertThat(received).containsExactly("first", "second");
            assertThat(sequences).containsExactly(0L, 1L);
        }
    }

    @Test
    void shouldRejectMessageLongerThanMaxLength() {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer =
                MailboxProducer.open(path, ChannelOptions.mailbox().withCapacity(64))) {
            assertThat(producer.maxMessageLength()).isEqualTo(64);
            assertThat(producer.offer(new byte[64], 0, 64)).isTrue();
            assertThatThrownBy(() -> producer.offer(new byte[65], 0, 65))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("message length must be from 0 to 64: length=65");
            assertThatThrownBy(() -> producer.offer(new byte[1], 0, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRejectCapacityOutOfRange() {
        assertThatThrownBy(() -> ChannelOptions.mailbox().withCapacity(0))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("capacity=0");
        assertThatThrownBy(() -> ChannelOptions.mailbox().withCapacity(-5))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("capacity=-5");
    }

    @Test
    void shouldSeeEndOfStreamOnlyAfterDrainingTheLastMessage() {
        Path path = dir.resolve("m.shm");
        MailboxConsumer consumer = MailboxConsumer.open(path);
        try (consumer) {
            MailboxProducer producer = MailboxProducer.open(path);
            byte[] m = ascii("last");
            producer.offer(m, 0, m.length);
            producer.close();
            assertThat(consumer.isEndOfStream())
                    .as("a message is still waiting")
                    .isFalse();
            assertThat(consumer.receive(this::record, 1, IdleStrategy.defaults()))
                    .isEqualTo(1);
            assertThat(consumer.receive(this::record, 1, IdleStrategy.defaults()))
                    .isEqualTo(ChannelConsumer.END_OF_STREAM);
            assertThat(received).containsExactly("last");
        }
    }

    @Test
    void shouldRefuseNewProducerAfterEndOfStream() {
        Path path = dir.resolve("m.shm");
        MailboxProducer.open(path).close();
        assertThatThrownBy(() -> MailboxProducer.open(path))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("closed by an earlier producer")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(ChannelException.Reason.CLOSED);
    }

    @Test
    void shouldContinueSequenceAfterProducerDied() {
        Path path = dir.resolve("m.shm");
        try (MailboxConsumer consumer = MailboxConsumer.open(path)) {
            MailboxProducer first = MailboxProducer.open(path);
            for (int i = 0; i < 3; i++) {
                byte[] m = ascii("a" + i);
                first.offer(m, 0, m.length);
                consumer.poll(this::record, 1);
            }
            byte[] unread = ascii("a3");
            first.offer(unread, 0, unread.length);
            first.detach(); // dies with a4 never sent and a3 unread
            try (MailboxProducer second = MailboxProducer.open(path)) {
                assertThat(second.nextSequence()).isEqualTo(4);
                consumer.poll(this::record, 1);
                byte[] m = ascii("b4");
                assertThat(second.offer(m, 0, m.length)).isTrue();
                consumer.poll(this::record, 1);
            }
            assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(received).containsExactly("a0", "a1", "a2", "a3", "b4");
        }
    }

    @Test
    void shouldIgnoreUncommittedSlotOfDeadProducer() {
        Path path = dir.resolve("m.shm");
        try (MailboxConsumer consumer = MailboxConsumer.open(path)) {
            MailboxProducer first = MailboxProducer.open(path);
            byte[] m = ascii("committed");
            first.offer(m, 0, m.length);
            consumer.poll(this::record, 1);
            // the producer dies half-way through the next message: payload, length and sequence
            // written, the flag never set
            ByteBuffer slot = first.file().buffer();
            int data = ChannelHeaderDescriptor.DATA_OFFSET;
            slot.put(data + MailboxDescriptor.PAYLOAD_OFFSET, ascii("half-written"));
            slot.putInt(data + MailboxDescriptor.LENGTH_OFFSET, 12);
            slot.putLong(data + MailboxDescriptor.SEQUENCE_OFFSET, 1);
            first.detach();
            assertThat(consumer.poll(this::record, 1)).as("nothing committed").isZero();
            try (MailboxProducer second = MailboxProducer.open(path)) {
                assertThat(second.nextSequence()).isEqualTo(1);
                byte[] next = ascii("next");
                second.offer(next, 0, next.length);
                consumer.poll(this::record, 1);
            }
            assertThat(received).containsExactly("committed", "next");
            assertThat(sequences).containsExactly(0L, 1L);
        }
    }

    @Test
    void shouldRedeliverUnacknowledgedMessageToNextConsumer() {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer = MailboxProducer.open(path)) {
            byte[] m = ascii("Msg-0");
            producer.offer(m, 0, m.length);
            MailboxConsumer.open(path).close(); // a consumer that went away before reading
            try (MailboxConsumer consumer = MailboxConsumer.open(path)) {
                assertThat(consumer.nextSequence()).isZero();
                assertThat(consumer.poll(this::record, 1)).isEqualTo(1);
            }
            assertThat(received).containsExactly("Msg-0");
        }
    }

    @Test
    void shouldReportDeadProducerOnlyAfterDeliveringWhatItCommitted() {
        Path path = dir.resolve("m.shm");
        try (MailboxConsumer consumer = MailboxConsumer.open(path)) {
            MailboxProducer producer = MailboxProducer.open(path);
            byte[] m = ascii("before death");
            producer.offer(m, 0, m.length);
            producer.detach();
            assertThat(consumer.receive(this::record, 1, IdleStrategy.defaults()))
                    .isEqualTo(1);
            assertThatThrownBy(() -> consumer.receive(this::record, 1, IdleStrategy.defaults()))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageStartingWith("producer died")
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(ChannelException.Reason.PEER_DIED);
            assertThat(received).containsExactly("before death");
        }
    }

    @Test
    void shouldDeliverEveryMessageOnceAndInOrderBetweenTwoThreads() throws Exception {
        Path path = dir.resolve("m.shm");
        int count = 100_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] nextExpected = {0};
        try (MailboxConsumer consumer = MailboxConsumer.open(path)) {
            Thread producerThread = new Thread(() -> {
                try (MailboxProducer producer = MailboxProducer.open(path)) {
                    byte[] m = new byte[8];
                    for (long i = 0; i < count; i++) {
                        ByteBuffer.wrap(m)
                                .order(java.nio.ByteOrder.nativeOrder())
                                .putLong(0, i * 31);
                        producer.send(m, 0, 8, IdleStrategy.defaults());
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            producerThread.setDaemon(true); // a hung producer must not keep the test JVM alive
            producerThread.start();
            IdleStrategy idle = IdleStrategy.defaults();
            while (consumer.receive(
                            (sequence, buffer, index, length) -> {
                                assertThat(sequence).isEqualTo(nextExpected[0]);
                                assertThat(buffer.getLong(index)).isEqualTo(sequence * 31);
                                nextExpected[0]++;
                            },
                            1,
                            idle)
                    != ChannelConsumer.END_OF_STREAM) {
                // loop until the end of stream
            }
            producerThread.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(nextExpected[0]).isEqualTo(count);
    }
}
