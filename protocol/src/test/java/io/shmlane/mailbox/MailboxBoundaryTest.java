package io.shmlane.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.MessageHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits of the mailbox's calls that PIT found unpinned: a zero batch, a ByteBuffer offer, wrap, capacities. */
class MailboxBoundaryTest {
    private static final int CAPACITY = 64;

    private final ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, CAPACITY);
    private final List<Long> delivered = new ArrayList<>();
    private final MessageHandler record = (sequence, b, index, length) -> delivered.add(sequence);

    @Test
    void shouldDeliverNothingAndKeepTheMessageForAPollOfZeroOrLess() {
        MailboxProducer producer = MailboxProducer.wrap(buffer, CAPACITY);
        MailboxConsumer consumer = MailboxConsumer.wrap(buffer, CAPACITY);
        assertThat(producer.offer(new byte[] {1, 2, 3}, 0, 3)).isTrue();

        assertThat(consumer.poll(record, 0)).isZero();
        assertThat(consumer.poll(record, -1)).isZero();
        assertThat(delivered).isEmpty();
        assertThat(consumer.poll(record, 1)).isEqualTo(1);
        assertThat(delivered).containsExactly(0L);
        assertThat(consumer.toString()).isEqualTo("MailboxConsumer[buffer, nextSequence=1]");
    }

    @Test
    void shouldCheckTheLengthOfAByteBufferOfferAndRefuseItWhileTheSlotIsFull() {
        MailboxProducer producer = MailboxProducer.wrap(buffer, CAPACITY);

        assertThatThrownBy(() -> producer.offer(ByteBuffer.allocate(CAPACITY + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message length must be from 0 to 64: length=65");
        assertThat(producer.offer(ByteBuffer.allocate(CAPACITY))).isTrue();
        assertThat(producer.offer(ByteBuffer.allocate(1))).isFalse();
        assertThat(producer.offer(new byte[1], 0, 1)).isFalse();
        assertThat(producer.toString()).isEqualTo("MailboxProducer[buffer, nextSequence=1]");
        assertThat(producer.nextSequence()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToWrapABufferThatIsNotADirectMailboxOfThatCapacity() {
        ByteBuffer heap = ByteBuffer.allocate(ChannelBuffers.fileLength(ChannelKind.MAILBOX, CAPACITY));

        assertThatThrownBy(() -> MailboxProducer.wrap(heap, CAPACITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConsumer.wrap(heap, CAPACITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxProducer.wrap(buffer, 2 * CAPACITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConsumer.wrap(buffer, 2 * CAPACITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAcceptMailboxCapacitiesFromOneToTheMaximumOnly() {
        assertThatCode(() -> ChannelOptions.checkCapacity(ChannelKind.MAILBOX, 1))
                .doesNotThrowAnyException();
        assertThatCode(() -> ChannelOptions.checkCapacity(ChannelKind.MAILBOX, ChannelOptions.MAX_MAILBOX_CAPACITY))
                .doesNotThrowAnyException();
        for (int bad : new int[] {0, -1, ChannelOptions.MAX_MAILBOX_CAPACITY + 1}) {
            assertThatThrownBy(() -> ChannelOptions.checkCapacity(ChannelKind.MAILBOX, bad))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageEndingWith("capacity=" + bad);
        }
    }

    /**
     * A file truncated to less than a page keeps its slot mapped, reading and writing zeros without a fault: only the
     * size check, every 256 messages, notices. Both sides make it within 256 messages, not later, not never.
     */
    @Test
    void shouldNoticeWithin256MessagesThatTheFileWasTruncatedUnderTheMapping(@TempDir final Path dir)
            throws IOException {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer =
                MailboxProducer.open(path, ChannelOptions.mailbox().withCapacity(CAPACITY))) {
            truncate(path);
            for (int i = 1; i < 256; i++) {
                assertThat(producer.offer(new byte[] {1}, 0, 1)).isTrue();
                producer.file()
                        .buffer()
                        .putInt(io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET, 0);
            }
            assertThatThrownBy(() -> producer.offer(new byte[] {1}, 0, 1))
                    .isInstanceOf(ChannelException.class)
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(ChannelException.Reason.TRUNCATED);
        }
        Path other = dir.resolve("c.shm");
        try (MailboxConsumer consumer =
                MailboxConsumer.open(other, ChannelOptions.mailbox().withCapacity(CAPACITY))) {
            MailboxProducer writer = MailboxProducer.wrap(consumer.file().buffer(), CAPACITY);
            truncate(other);
            for (int i = 1; i < 256; i++) {
                assertThat(writer.offer(new byte[] {1}, 0, 1)).isTrue();
                assertThat(consumer.poll(record, 1)).isEqualTo(1);
            }
            assertThat(writer.offer(new byte[] {1}, 0, 1)).isTrue();
            assertThatThrownBy(() -> consumer.poll(record, 1))
                    .isInstanceOf(ChannelException.class)
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(ChannelException.Reason.TRUNCATED);
        }
    }

    private static void truncate(final Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
    }

    @Test
    void shouldDescribeOptionsWithWhatWasAskedFor() {
        assertThat(ChannelOptions.mailbox().withCapacity(128).toString())
                .startsWith("mailbox(capacity=128")
                .doesNotContain("allowedOwners");
    }
}
