package io.shmlane.mailbox;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.EMPTY;
import static io.shmlane.mailbox.MailboxDescriptor.FLAG_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.FULL;
import static io.shmlane.mailbox.MailboxDescriptor.LENGTH_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.PAYLOAD_OFFSET;
import static io.shmlane.mailbox.MailboxDescriptor.SEQUENCE_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A mailbox producer and consumer over a wrapped buffer or a real file, driven one action at a time
 * and checked after each against a plain model: the message in the slot (committed, not acknowledged),
 * the next sequence, whether the stream ended, and whether a crashed consumer already handled the
 * message in the slot (then it may come once more, as the README allows). See {@code RingSystem}.
 */
final class MailboxSystem {
    static final int CAPACITY = 256;

    private final boolean overFile;
    private final Path dir;
    private final Path path;
    private final ByteBuffer view;
    private final ChannelFile viewFile;
    private MailboxProducer producer;
    private MailboxConsumer consumer;

    // the model
    private long slotSequence = -1;
    private int slotLength;
    private long nextSequence;
    private boolean ended;
    private boolean redeliverable;
    private long highestDelivered = -1;

    MailboxSystem(final boolean overFile) {
        this.overFile = overFile;
        if (overFile) {
            try {
                dir = Files.createTempDirectory("shmlane-mailbox-model");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            path = dir.resolve("mailbox.shm");
            producer = MailboxProducer.open(path, options());
            consumer = MailboxConsumer.open(path, options());
            viewFile = ChannelFile.openExisting(path, Duration.ofSeconds(5));
            view = viewFile.buffer();
        } else {
            dir = null;
            path = null;
            viewFile = null;
            view = ChannelBuffers.allocate(ChannelKind.MAILBOX, CAPACITY);
            producer = MailboxProducer.wrap(view, CAPACITY);
            consumer = MailboxConsumer.wrap(view, CAPACITY);
        }
    }

    private static ChannelOptions options() {
        return ChannelOptions.mailbox().withCapacity(CAPACITY);
    }

    static byte payloadByte(final long sequence, final int length, final int i) {
        return (byte) (sequence * 131 + length * 3 + i * 7 + 1);
    }

    private static byte[] payload(final long sequence, final int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = payloadByte(sequence, length, i);
        }
        return bytes;
    }

    boolean producerOpen() {
        return producer != null;
    }

    private boolean slotFull() {
        return slotSequence >= 0;
    }

    /** A mapping this test may write: the producer's or the consumer's (the view of a file is read-only). */
    private ByteBuffer writable() {
        ByteBuffer b = overFile ? consumer.file().buffer() : view;
        return b.duplicate().order(ByteOrder.nativeOrder());
    }

    void offer(final int length) {
        boolean offered = producer.offer(payload(nextSequence, length), 0, length);
        assertThat(offered)
                .as("offer with the slot %s", slotFull() ? "full" : "empty")
                .isEqualTo(!slotFull());
        if (offered) {
            slotSequence = nextSequence++;
            slotLength = length;
        }
    }

    void closeProducer() {
        producer.close();
        producer = null;
        ended = true;
    }

    /**
     * Drops the producer without close (its lock goes) and opens a new one. {@code partialBytes} &gt;
     * 0: it died inside an offer that found the slot empty, after writing that many payload bytes and
     * the length and sequence, before the release store of FULL.
     */
    void crashProducer(final int partialBytes) {
        if (partialBytes > 0 && !slotFull()) {
            ByteBuffer mem = writable();
            byte[] bytes = payload(nextSequence, CAPACITY);
            mem.put(DATA_OFFSET + PAYLOAD_OFFSET, bytes, 0, Math.min(partialBytes, CAPACITY));
            mem.putInt(DATA_OFFSET + LENGTH_OFFSET, CAPACITY);
            mem.putLong(DATA_OFFSET + SEQUENCE_OFFSET, nextSequence);
        }
        if (overFile) {
            producer.file().close();
            producer = MailboxProducer.open(path, options());
        } else {
            producer = MailboxProducer.wrap(view, CAPACITY);
        }
        assertThat(producer.nextSequence()).as("recovered next sequence").isEqualTo(nextSequence);
    }

    void poll(final int limit, final boolean throwing) {
        int[] handled = {0};
        RuntimeException thrown = new RuntimeException("handler failure");
        int count;
        try {
            count = consumer.poll(
                    (sequence, buffer, index, length) -> {
                        check(sequence, buffer, index, length);
                        handled[0]++;
                        if (throwing) {
                            throw thrown;
                        }
                    },
                    limit);
        } catch (RuntimeException e) {
            assertThat(e).isSameAs(thrown);
            count = handled[0];
        }
        assertThat(count).isEqualTo(handled[0]).isEqualTo(slotFull() ? 1 : 0);
        if (count > 0) {
            slotSequence = -1;
            redeliverable = false;
        }
    }

    /** The consumer handled the message and died before acknowledging it; a new consumer is opened. */
    void crashConsumer(final boolean keepNextSequence) {
        ByteBuffer mem = writable();
        long sharedNext = mem.getLong(NEXT_SEQUENCE_OFFSET);
        int flag = mem.getInt(DATA_OFFSET + FLAG_OFFSET);
        int count = consumer.poll(this::check, 1);
        assertThat(count).isEqualTo(slotFull() ? 1 : 0);
        mem.putInt(DATA_OFFSET + FLAG_OFFSET, flag);
        if (!keepNextSequence) {
            mem.putLong(NEXT_SEQUENCE_OFFSET, sharedNext);
        }
        redeliverable |= count > 0;
        reopenConsumer(false);
    }

    void reopenConsumer(final boolean close) {
        if (close) {
            consumer.close();
        } else if (overFile) {
            consumer.file().close();
        }
        consumer = overFile ? MailboxConsumer.open(path, options()) : MailboxConsumer.wrap(view, CAPACITY);
    }

    private void check(final long sequence, final ByteBuffer buffer, final int index, final int length) {
        assertThat(slotFull())
                .as("message %d delivered from an empty slot", sequence)
                .isTrue();
        assertThat(sequence).as("sequence").isEqualTo(slotSequence);
        assertThat(length).as("length of %d", sequence).isEqualTo(slotLength);
        for (int b = 0; b < length; b++) {
            assertThat(buffer.get(index + b))
                    .as("byte %d of %d", b, sequence)
                    .isEqualTo(payloadByte(sequence, length, b));
        }
        if (sequence <= highestDelivered) {
            assertThat(redeliverable)
                    .as("%d delivered again though no consumer died holding it", sequence)
                    .isTrue();
        }
        highestDelivered = Math.max(highestDelivered, sequence);
    }

    void checkInvariants() {
        ByteBuffer mem = view.duplicate().order(ByteOrder.nativeOrder());
        assertThat(mem.getInt(DATA_OFFSET + FLAG_OFFSET)).as("flag").isEqualTo(slotFull() ? FULL : EMPTY);
        if (slotFull()) {
            assertThat(mem.getInt(DATA_OFFSET + LENGTH_OFFSET))
                    .as("length in the slot")
                    .isEqualTo(slotLength);
            assertThat(mem.getLong(DATA_OFFSET + SEQUENCE_OFFSET))
                    .as("sequence in the slot")
                    .isEqualTo(slotSequence);
            for (int b = 0; b < slotLength; b++) {
                assertThat(mem.get(DATA_OFFSET + PAYLOAD_OFFSET + b))
                        .as("byte %d of the unread message", b)
                        .isEqualTo(payloadByte(slotSequence, slotLength, b));
            }
        }
        assertThat(consumer.nextSequence())
                .as("consumer next sequence")
                .isEqualTo(slotFull() ? slotSequence : nextSequence);
        assertThat(consumer.isEndOfStream()).as("end of stream").isEqualTo(ended && !slotFull());
        if (producer != null) {
            assertThat(producer.nextSequence()).as("producer next sequence").isEqualTo(nextSequence);
        }
    }

    void dispose() {
        if (producer != null) {
            producer.detach();
        }
        consumer.close();
        if (viewFile != null) {
            viewFile.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return (overFile ? "file" : "buffer") + " slot=" + (slotFull() ? "Msg " + slotSequence : "empty") + " next="
                + nextSequence + (ended ? " ended" : "");
    }
}
