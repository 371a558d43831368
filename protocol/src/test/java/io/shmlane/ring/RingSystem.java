package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ring.RingDescriptor.ALIGNMENT;
import static io.shmlane.ring.RingDescriptor.HEADER_LENGTH;
import static io.shmlane.ring.RingDescriptor.HEADER_WORD_OFFSET;
import static io.shmlane.ring.RingDescriptor.align;
import static io.shmlane.ring.RingDescriptor.headerWord;
import static io.shmlane.ring.RingDescriptor.messageTag;
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
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A ring producer and consumer over a wrapped buffer or a real file, driven one action at a time and
 * checked after each against a plain model: the committed records not yet released by the shared
 * head (their sequence, length and positions), the producer's tail and next sequence, and whether
 * the stream ended. A crash drops an object without its close; a consumer crash also puts back the
 * shared head and next sequence the batch had released, as memory would hold them had the process
 * died before its release store. Payload bytes derive from the sequence and length, so a torn,
 * overwritten or misplaced record is seen.
 */
final class RingSystem {
    static final int CAPACITY = 1024;
    static final int MAX_LENGTH = RingDescriptor.maxMessageLength(CAPACITY);
    private static final int MASK = CAPACITY - 1;

    /** A committed record of the model: payload at {@code start + HEADER_LENGTH}, next record at {@code end}. */
    record Rec(long sequence, int length, long start, long end) {}

    private final boolean overFile;
    private final Path dir;
    private final Path path;
    private final ByteBuffer view;
    private final ChannelFile viewFile;
    private RingProducer producer;
    private RingConsumer consumer;

    // the model
    private final ArrayDeque<Rec> unreleased = new ArrayDeque<>();
    private long head;
    private long tail;
    private long nextSequence;
    private boolean ended;
    /** How many records at the front of {@link #unreleased} a crashed consumer delivered: they may come again. */
    private int redeliverable;
    /** The highest sequence ever handed to a handler. */
    private long highestDelivered = -1;
    /** The open claim's length, or -1. */
    private int claimedLength = -1;

    private int claimedIndex;

    RingSystem(final boolean overFile) {
        this.overFile = overFile;
        if (overFile) {
            try {
                dir = Files.createTempDirectory("shmlane-ring-model");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            path = dir.resolve("ring.shm");
            producer = RingProducer.open(path, options());
            consumer = RingConsumer.open(path, options());
            viewFile = ChannelFile.openExisting(path, Duration.ofSeconds(5));
            view = viewFile.buffer();
        } else {
            dir = null;
            path = null;
            viewFile = null;
            view = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
            producer = RingProducer.wrap(view, CAPACITY);
            consumer = RingConsumer.wrap(view, CAPACITY);
        }
    }

    private static ChannelOptions options() {
        return ChannelOptions.ring().withCapacity(CAPACITY);
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

    // ---- what the actions may do

    boolean producerOpen() {
        return producer != null;
    }

    boolean claimOpen() {
        return claimedLength >= 0;
    }

    /** Bytes from the tail to the end of the data area. */
    int toEnd() {
        return CAPACITY - (int) (tail & MASK);
    }

    /** Bytes from the tail to the head, a lap later. */
    int free() {
        return (int) (CAPACITY - (tail - head));
    }

    /** The model's answer to "is there room for {@code length} bytes?", and where the record goes. */
    private Rec place(final int length) {
        int aligned = align(HEADER_LENGTH + length);
        int padding = aligned > toEnd() ? toEnd() : 0;
        long start = tail + padding;
        long end = start + aligned;
        // ALIGNMENT bytes stay free for the zeroed header after the last record
        return end + ALIGNMENT - head <= CAPACITY ? new Rec(nextSequence, length, start, end) : null;
    }

    private void append(final Rec rec) {
        unreleased.addLast(rec);
        tail = rec.end();
        nextSequence++;
    }

    // ---- the actions

    void offer(final int length) {
        Rec rec = place(length);
        boolean offered = producer.offer(payload(nextSequence, length), 0, length);
        assertThat(offered)
                .as("offer of %d bytes at tail %d, head %d", length, tail, head)
                .isEqualTo(rec != null);
        if (offered) {
            append(rec);
        }
    }

    void tryClaim(final int length) {
        Rec rec = place(length);
        int index = producer.tryClaim(length);
        assertThat(index >= 0)
                .as("claim of %d bytes at tail %d, head %d", length, tail, head)
                .isEqualTo(rec != null);
        if (index >= 0) {
            assertThat(index).isEqualTo(DATA_OFFSET + (int) (rec.start() & MASK) + HEADER_LENGTH);
            producer.buffer().put(index, payload(nextSequence, length));
            claimedLength = length;
            claimedIndex = index;
        }
    }

    void commit() {
        Rec rec = place(claimedLength);
        producer.commit();
        append(rec);
        claimedLength = -1;
    }

    void abort() {
        producer.abort();
        claimedLength = -1;
    }

    void closeProducer() {
        producer.close();
        producer = null;
        ended = true;
        claimedLength = -1;
    }

    /**
     * Drops the producer without close or detach (its lock goes, as with a killed process) and opens a
     * new one. {@code midCommit}: with a claim that wraps open, the message at index 0 is published and
     * the padding that leads to it is not (a death between the two release stores of commit()).
     */
    void crashProducer(final boolean midCommit) {
        if (midCommit && claimOpen() && place(claimedLength).start() != tail) {
            producer.buffer()
                    .duplicate()
                    .order(ByteOrder.nativeOrder())
                    .putLong(
                            claimedIndex - HEADER_LENGTH + HEADER_WORD_OFFSET,
                            headerWord(HEADER_LENGTH + claimedLength, messageTag(nextSequence)));
        }
        if (overFile) {
            producer.file().close(); // the lock goes; no state is written
            producer = RingProducer.open(path, options());
        } else {
            producer = RingProducer.wrap(view, CAPACITY);
        }
        claimedLength = -1;
        assertThat(producer.tail()).as("recovered tail").isEqualTo(tail);
        assertThat(producer.nextSequence()).as("recovered next sequence").isEqualTo(nextSequence);
    }

    /**
     * Polls with {@code limit}; the handler throws after {@code throwAfter} messages (none when
     * negative). Every message must be the model's next, intact.
     */
    void poll(final int limit, final int throwAfter) {
        int[] handled = {0};
        RuntimeException thrown = new RuntimeException("handler failure");
        int count;
        try {
            count = consumer.poll(
                    (sequence, buffer, index, length) -> {
                        check(handled[0], sequence, buffer, index, length);
                        handled[0]++;
                        if (handled[0] == throwAfter) {
                            throw thrown;
                        }
                    },
                    limit);
        } catch (RuntimeException e) {
            assertThat(e).isSameAs(thrown);
            count = handled[0];
        }
        assertThat(count).isEqualTo(handled[0]);
        assertThat(count).as("messages polled with limit %d", limit).isEqualTo(expectedCount(limit, throwAfter));
        release(count);
    }

    private int expectedCount(final int limit, final int throwAfter) {
        int available = Math.min(limit, unreleased.size());
        return throwAfter > 0 ? Math.min(available, throwAfter) : available;
    }

    /**
     * The consumer dies after its handler saw up to {@code limit} messages and before it released the
     * head: the shared head and next sequence are put back ({@code keepNextSequence}: only the head,
     * a death between the two stores), the object is dropped and a new consumer opened.
     */
    void crashConsumer(final int limit, final boolean keepNextSequence) {
        // the consumer's own mapping (the view of a file is read-only)
        ByteBuffer mem =
                (overFile ? consumer.file().buffer() : view).duplicate().order(ByteOrder.nativeOrder());
        long sharedHead = mem.getLong(CONSUMER_POSITION_OFFSET);
        long sharedNext = mem.getLong(NEXT_SEQUENCE_OFFSET);
        int[] handled = {0};
        int count = consumer.poll(
                (sequence, buffer, index, length) -> {
                    check(handled[0], sequence, buffer, index, length);
                    handled[0]++;
                },
                limit);
        assertThat(count).isEqualTo(expectedCount(limit, -1));
        mem.putLong(CONSUMER_POSITION_OFFSET, sharedHead);
        if (!keepNextSequence) {
            mem.putLong(NEXT_SEQUENCE_OFFSET, sharedNext);
        }
        redeliverable = Math.max(redeliverable, count);
        reopenConsumer(false);
    }

    /** Closes the consumer (or drops it: {@code crash}) and opens a new one. */
    void reopenConsumer(final boolean close) {
        if (close) {
            consumer.close();
        } else if (overFile) {
            consumer.file().close();
        }
        consumer = overFile ? RingConsumer.open(path, options()) : RingConsumer.wrap(view, CAPACITY);
    }

    private void check(final int i, final long sequence, final ByteBuffer buffer, final int index, final int length) {
        Rec expected = unreleased.stream().skip(i).findFirst().orElse(null);
        assertThat(expected)
                .as("message %d delivered with nothing committed there", sequence)
                .isNotNull();
        assertThat(sequence).as("sequence").isEqualTo(expected.sequence());
        assertThat(length).as("length of %d", sequence).isEqualTo(expected.length());
        assertThat(index)
                .as("index of %d", sequence)
                .isEqualTo(DATA_OFFSET + (int) (expected.start() & MASK) + HEADER_LENGTH);
        for (int b = 0; b < length; b++) {
            assertThat(buffer.get(index + b))
                    .as("byte %d of %d", b, sequence)
                    .isEqualTo(payloadByte(sequence, length, b));
        }
        if (sequence <= highestDelivered) {
            assertThat(i)
                    .as("%d delivered again beyond the unreleased batch of a crashed consumer", sequence)
                    .isLessThan(redeliverable);
        }
        highestDelivered = Math.max(highestDelivered, sequence);
    }

    private void release(final int count) {
        for (int k = 0; k < count; k++) {
            head = unreleased.removeFirst().end();
        }
        redeliverable = Math.max(0, redeliverable - count);
    }

    // ---- the invariants

    void checkInvariants() {
        ByteBuffer mem = view.duplicate().order(ByteOrder.nativeOrder());
        // recovery and new records never overwrite an unread record
        for (Rec rec : unreleased) {
            int at = DATA_OFFSET + (int) (rec.start() & MASK);
            assertThat(mem.getLong(at + HEADER_WORD_OFFSET))
                    .as("header of unread record %d", rec.sequence())
                    .isEqualTo(headerWord(HEADER_LENGTH + rec.length(), messageTag(rec.sequence())));
            for (int b = 0; b < rec.length(); b++) {
                assertThat(mem.get(at + HEADER_LENGTH + b))
                        .as("byte %d of unread record %d", b, rec.sequence())
                        .isEqualTo(payloadByte(rec.sequence(), rec.length(), b));
            }
        }
        RingScan scan = RingScan.of(view, CAPACITY);
        assertThat(scan.head()).as("scan head").isEqualTo(head);
        assertThat(scan.tail()).as("scan tail").isEqualTo(tail);
        assertThat(scan.nextSequence()).as("scan next sequence").isEqualTo(nextSequence);
        assertThat(consumer.head()).as("consumer head").isEqualTo(head);
        assertThat(consumer.nextSequence())
                .as("consumer next sequence")
                .isEqualTo(
                        unreleased.isEmpty()
                                ? nextSequence
                                : unreleased.peekFirst().sequence());
        assertThat(consumer.isEndOfStream()).as("end of stream").isEqualTo(ended && unreleased.isEmpty());
        if (producer != null) {
            assertThat(producer.tail()).as("producer tail").isEqualTo(tail);
            assertThat(producer.nextSequence()).as("producer next sequence").isEqualTo(nextSequence);
        }
    }

    /** Lets go of everything (files, locks, the temporary directory). */
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
        return (overFile ? "file" : "buffer") + " head=" + head + " tail=" + tail + " next=" + nextSequence
                + " unreleased=" + unreleased.size() + (ended ? " ended" : "");
    }
}
