package io.shmlane.cli;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Channels;
import io.shmlane.PeerStatus;
import io.shmlane.mailbox.MailboxDescriptor;
import io.shmlane.ring.RingDescriptor;
import io.shmlane.ring.RingProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The corruption fuzzer: a ring or mailbox file in one of its interesting states (fresh, mid-stream,
 * ended, producer dead, wrapped), one field or byte range of it corrupted (every header and slot
 * field set to 0, -1, +1, -1 off, a huge or a random value; record headers, sequences, payload
 * bytes, padding; random bytes anywhere), then the library's {@code inspect} view, consumer and
 * (after a dead producer) producer recovery run on it in-process, each step bounded.
 *
 * <p>The property: the run delivers exactly the committed messages and sees the end of the stream,
 * or it ends with a {@link ChannelException}, having delivered a prefix of them; it never hangs,
 * never delivers a message that was not produced, never sees the end of the stream with less than
 * was committed, and never throws anything else. Messages are told apart by their payload (each
 * carries a unique id). Two allowances, both things no checksum-free protocol can tell: a record
 * whose own bytes were corrupted may be delivered damaged (the command line's checksum reports it as
 * torn; a flag or header set over a stale slot delivers a message made of it), and messages consumed before the corruption may be delivered again first, as after a
 * consumer crash (the documented redelivery).
 *
 * <p>Tries per property: jqwik's default, 1000 (about 10 s per property here); a long run, e.g. for
 * the hunt: {@code ./mvnw -pl protocol test -Dtest=CorruptionFuzzTest -Dshmlane.properties.tries=10000}.
 * A failure prints the case and jqwik's seed, and jqwik shrinks it; keep a shrunk failure as a plain
 * test in {@code HostileFileTest}.
 */
class CorruptionFuzzTest {
    private static final int RING_CAPACITY = 1024;
    private static final int MAILBOX_CAPACITY = 64;
    /** Poll rounds without progress before a stalled consumer is looked at (producer alive or not). */
    private static final int MAX_ROUNDS = 100_000;

    private static final Path DIR = tempDir();
    private static final AtomicLong FILES = new AtomicLong();

    /** The state the file is left in before the corruption. */
    enum State {
        FRESH,
        MID_STREAM,
        ENDED,
        PRODUCER_DEAD,
        WRAPPED
    }

    /** How a field is changed. */
    enum Mutation {
        ZERO,
        MINUS_ONE,
        PLUS_ONE,
        OFF_BY_MINUS_ONE,
        OFF_BY_PLUS_ONE,
        HUGE,
        RANDOM
    }

    /** A field of the file: an offset and a width (4 or 8); records are addressed by their number. */
    record Field(String name, int offset, int width, int record) {
        static Field header(final String name, final int offset, final int width) {
            return new Field(name, offset, width, -1);
        }
    }

    /** One fuzz case. */
    record Case(ChannelKind kind, State state, Field field, Mutation mutation, int rangeLength, long seed) {
        @Override
        public String toString() {
            return kind.label() + " " + state + ": " + field.name + (field.record >= 0 ? "#" + field.record : "")
                    + (field.width > 0 ? " " + mutation : " " + rangeLength + " random bytes") + ", seed " + seed;
        }
    }

    private static final Field[] HEADER_FIELDS = {
        Field.header("magic", ChannelHeaderDescriptor.MAGIC_OFFSET, 8),
        Field.header("version", ChannelHeaderDescriptor.VERSION_OFFSET, 4),
        Field.header("kind", ChannelHeaderDescriptor.KIND_OFFSET, 4),
        Field.header("capacity", ChannelHeaderDescriptor.CAPACITY_OFFSET, 4),
        Field.header("maxMessageLength", ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET, 4),
        Field.header("dataOffset", ChannelHeaderDescriptor.DATA_OFFSET_OFFSET, 4),
        Field.header("creationTime", ChannelHeaderDescriptor.CREATION_TIME_OFFSET, 8),
        Field.header("creatorPid", ChannelHeaderDescriptor.CREATOR_PID_OFFSET, 8),
        Field.header("producerState", ChannelHeaderDescriptor.PRODUCER_STATE_OFFSET, 4),
        Field.header("producerAttaches", ChannelHeaderDescriptor.PRODUCER_ATTACH_COUNT_OFFSET, 4),
        Field.header("producerPid", ChannelHeaderDescriptor.PRODUCER_PID_OFFSET, 8),
        Field.header("producerPosition", ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET, 8),
        Field.header("consumerState", ChannelHeaderDescriptor.CONSUMER_STATE_OFFSET, 4),
        Field.header("consumerAttaches", ChannelHeaderDescriptor.CONSUMER_ATTACH_COUNT_OFFSET, 4),
        Field.header("consumerPid", ChannelHeaderDescriptor.CONSUMER_PID_OFFSET, 8),
        Field.header("consumerPosition", ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET, 8),
        Field.header("nextSequence", ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET, 8),
    };

    private static final Field[] RING_FIELDS = {
        new Field("record.length", RingDescriptor.LENGTH_OFFSET, 4, 0),
        new Field("record.tag", RingDescriptor.TAG_OFFSET, 4, 0),
        new Field("record.headerWord", RingDescriptor.HEADER_WORD_OFFSET, 8, 0),
        new Field("record.payload", RingDescriptor.HEADER_LENGTH, 0, 0),
        new Field("padding.length", RingDescriptor.LENGTH_OFFSET, 4, -3),
        new Field("padding.tag", RingDescriptor.TAG_OFFSET, 4, -3),
        new Field("padding.headerWord", RingDescriptor.HEADER_WORD_OFFSET, 8, -3),
        new Field("data", 0, 0, -2),
    };

    private static final Field[] MAILBOX_FIELDS = {
        Field.header("slot.flag", DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET, 4),
        Field.header("slot.length", DATA_OFFSET + MailboxDescriptor.LENGTH_OFFSET, 4),
        Field.header("slot.sequence", DATA_OFFSET + MailboxDescriptor.SEQUENCE_OFFSET, 8),
        new Field("slot.payload", DATA_OFFSET + MailboxDescriptor.PAYLOAD_OFFSET, 0, -1),
        new Field("data", 0, 0, -2),
    };

    @Provide
    Arbitrary<Case> ringCases() {
        return cases(ChannelKind.RING, concat(HEADER_FIELDS, RING_FIELDS), 24);
    }

    @Provide
    Arbitrary<Case> mailboxCases() {
        return cases(ChannelKind.MAILBOX, concat(HEADER_FIELDS, MAILBOX_FIELDS), 1);
    }

    private static Arbitrary<Case> cases(final ChannelKind kind, final Field[] fields, final int records) {
        Arbitrary<Field> field = Arbitraries.of(fields)
                .flatMap(f -> f.record >= 0
                        ? Arbitraries.integers()
                                .between(0, records - 1)
                                .map(r -> new Field(f.name, f.offset, f.width, r))
                        : Arbitraries.just(f));
        return Combinators.combine(
                        Arbitraries.just(kind),
                        Arbitraries.of(State.class),
                        field,
                        Arbitraries.of(Mutation.class),
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.longs())
                .as(Case::new);
    }

    @Property
    void ringCorruptionIsDeliveredWholeOrReportedAsCorrupt(@ForAll("ringCases") final Case c) {
        run(c);
    }

    @Property
    void mailboxCorruptionIsDeliveredWholeOrReportedAsCorrupt(@ForAll("mailboxCases") final Case c) {
        run(c);
    }

    /** A message as the producer committed it. */
    private static final class Sent {
        final byte[] payload;
        final int recordIndex;
        final int recordLength;
        boolean touched;

        Sent(final byte[] payload, final int recordIndex, final int recordLength) {
            this.payload = payload;
            this.recordIndex = recordIndex;
            this.recordLength = recordLength;
        }
    }

    /** What the test knows of the channel while it builds the state and runs the sides. */
    private static final class Run {
        final Case c;
        final Path path;
        final SplittableRandom random;
        final ChannelOptions options;
        final List<Sent> consumed = new ArrayList<>();
        final List<Sent> unread = new ArrayList<>();
        /** Absolute indices of the padding records the producer wrote, the last one last. */
        final List<Integer> paddings = new ArrayList<>();

        final List<byte[]> delivered = new ArrayList<>();
        /** Per delivered message: whether its record's bytes overlap the corrupted range. */
        final List<Boolean> damaged = new ArrayList<>();

        int corruptedFrom;
        int corruptedTo;
        /** Whether the corruption was applied (a change that writes what was there is none). */
        boolean corrupted;

        long nextId;

        Run(final Case c) {
            this.c = c;
            this.path = DIR.resolve("c" + FILES.incrementAndGet() + ".shm");
            this.random = new SplittableRandom(c.seed);
            this.options = c.kind == ChannelKind.RING
                    ? ChannelOptions.ring().withCapacity(RING_CAPACITY).withAttachTimeout(Duration.ZERO)
                    : ChannelOptions.mailbox().withCapacity(MAILBOX_CAPACITY).withAttachTimeout(Duration.ZERO);
        }

        byte[] nextPayload() {
            int max = c.kind == ChannelKind.RING ? 40 : MAILBOX_CAPACITY;
            byte[] payload = new byte[8 + random.nextInt(max - 8 + 1)];
            ByteBuffer.wrap(payload).putLong(0, nextId++);
            for (int i = 8; i < payload.length; i++) {
                payload[i] = (byte) random.nextInt();
            }
            return payload;
        }

        /** Offers one message; false when full. */
        boolean offer(final ChannelProducer producer) {
            byte[] payload = nextPayload();
            if (producer instanceof RingProducer) {
                RingProducer ring = (RingProducer) producer;
                int tailIndex = (int) (ring.tail() & (ring.capacity() - 1));
                int index = ring.tryClaim(payload.length);
                if (index < 0) {
                    nextId--;
                    return false;
                }
                ring.buffer().put(index, payload);
                ring.commit();
                int recordIndex = index - RingDescriptor.HEADER_LENGTH;
                if (recordIndex == DATA_OFFSET && tailIndex != 0) {
                    paddings.add(DATA_OFFSET + tailIndex);
                }
                written(recordIndex, RingDescriptor.HEADER_LENGTH + payload.length);
                // the bytes that matter: header and payload, not the alignment slack after them
                unread.add(new Sent(payload, recordIndex, RingDescriptor.HEADER_LENGTH + payload.length));
                return true;
            }
            if (!producer.offer(payload, 0, payload.length)) {
                nextId--;
                return false;
            }
            written(DATA_OFFSET, MailboxDescriptor.PAYLOAD_OFFSET + payload.length);
            unread.add(new Sent(payload, DATA_OFFSET, MailboxDescriptor.PAYLOAD_OFFSET + payload.length));
            return true;
        }

        /** A record written over the corrupted bytes after the corruption repairs them. */
        void written(final int from, final int length) {
            if (corrupted && from < corruptedTo && corruptedFrom < from + length) {
                corruptedFrom = 0;
                corruptedTo = 0;
            }
        }

        /** Polls once with {@code consumer} into the consumed list (building the state). */
        int consume(final ChannelConsumer consumer, final int limit) {
            return consumer.poll(
                    (sequence, buffer, index, length) -> {
                        consumed.add(unread.remove(0));
                    },
                    limit);
        }
    }

    private static void run(final Case c) {
        Run r = new Run(c);
        try {
            ChannelProducer live = build(r);
            corrupt(r);
            String outcome = exercise(r, live);
            check(r, outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(r.path);
            } catch (IOException ignored) {
                // the temporary directory goes with the JVM's temp cleaning
            }
        }
    }

    /** Builds the state; returns the producer when it stays live (FRESH, MID_STREAM, WRAPPED). */
    private static ChannelProducer build(final Run r) {
        ChannelProducer producer = Channels.openProducer(r.path, r.options);
        try (ChannelConsumer consumer = Channels.openConsumer(r.path, r.options)) {
            boolean ring = r.c.kind == ChannelKind.RING;
            if (r.c.state == State.WRAPPED) {
                // go round the ring at least twice, so records and paddings of earlier laps lie around
                for (int i = 0; i < (ring ? 80 : 5); i++) {
                    if (!r.offer(producer)) {
                        r.consume(consumer, 100);
                        i--;
                    } else if (!ring || r.random.nextInt(3) == 0) {
                        r.consume(consumer, 100);
                    }
                }
            }
            if (r.c.state != State.FRESH) {
                int count = ring ? 1 + r.random.nextInt(20) : 1 + r.random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    if (!r.offer(producer)) {
                        break;
                    }
                    if (!ring || r.random.nextBoolean()) {
                        if (!ring && i < count - 1) {
                            r.consume(consumer, 1);
                        } else if (ring) {
                            r.consume(consumer, 1 + r.random.nextInt(3));
                        }
                    }
                }
            }
        }
        switch (r.c.state) {
            case ENDED:
                producer.close();
                return null;
            case PRODUCER_DEAD:
                producer.detach();
                return null;
            default:
                return producer;
        }
    }

    /** Applies the case's corruption to the file, through a channel of its own. */
    private static void corrupt(final Run r) throws IOException {
        Field f = r.c.field;
        long fileLength = Files.size(r.path);
        try (FileChannel ch = FileChannel.open(r.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int offset;
            if (f.record == -2) {
                // random bytes anywhere in the data area
                offset = DATA_OFFSET + r.random.nextInt((int) fileLength - DATA_OFFSET);
            } else if (f.record == -3) {
                // the last padding record, else a header in the ring
                offset = (r.paddings.isEmpty()
                                ? DATA_OFFSET + r.random.nextInt(RING_CAPACITY / 8) * 8
                                : r.paddings.get(r.paddings.size() - 1))
                        + f.offset;
            } else if (f.record >= 0) {
                if (r.unread.isEmpty()) {
                    // no unread record: the header word at the tail (or a padding) of the ring instead
                    offset = DATA_OFFSET + r.random.nextInt(RING_CAPACITY / 8) * 8 + f.offset;
                } else {
                    Sent sent = r.unread.get(f.record % r.unread.size());
                    offset = sent.recordIndex + f.offset;
                }
            } else {
                offset = f.offset;
            }
            offset = (int) Math.min(offset, fileLength - Math.max(f.width, 1));
            if (f.width == 0) {
                int length = (int) Math.min(r.c.rangeLength, fileLength - offset);
                byte[] bytes = new byte[length];
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) r.random.nextInt();
                }
                ByteBuffer old = ByteBuffer.allocate(length);
                ch.read(old, offset);
                if (Arrays.equals(old.array(), bytes)) {
                    return; // no change, no corruption
                }
                ch.write(ByteBuffer.wrap(bytes), offset);
                touch(r, offset, length);
                return;
            }
            ByteBuffer value = ByteBuffer.allocate(f.width).order(ByteOrder.nativeOrder());
            ch.read(value, offset);
            long old = f.width == 8 ? value.getLong(0) : value.getInt(0);
            long changed = mutate(r, old, f.width);
            if (f.width == 8 ? changed == old : (int) changed == (int) old) {
                return; // no change, no corruption
            }
            if (f.width == 8) {
                value.putLong(0, changed);
            } else {
                value.putInt(0, (int) changed);
            }
            ch.write(value.duplicate().position(0), offset);
            touch(r, offset, f.width);
        }
    }

    private static long mutate(final Run r, final long old, final int width) {
        switch (r.c.mutation) {
            case ZERO:
                return 0;
            case MINUS_ONE:
                return -1;
            case PLUS_ONE:
                return 1;
            case OFF_BY_MINUS_ONE:
                return old - 1;
            case OFF_BY_PLUS_ONE:
                return old + 1;
            case HUGE:
                return width == 8 ? Long.MAX_VALUE - r.random.nextInt(16) : Integer.MAX_VALUE - r.random.nextInt(16);
            default:
                return r.random.nextLong();
        }
    }

    /** Marks the unread messages whose record bytes overlap {@code [offset, offset + length)}. */
    private static void touch(final Run r, final int offset, final int length) {
        r.corrupted = true;
        r.corruptedFrom = offset;
        r.corruptedTo = offset + length;
        for (Sent sent : r.unread) {
            if (offset < sent.recordIndex + sent.recordLength && sent.recordIndex < offset + length) {
                sent.touched = true;
            }
        }
    }

    /**
     * Runs {@code inspect}, then a consumer (and, after a dead producer, a new producer that sends a
     * few more and ends the stream; after a live one, its end of stream); returns "eos", "stalled"
     * or the exception's reason.
     */
    private static String exercise(final Run r, final ChannelProducer live) {
        try (ChannelFile view = ChannelFile.openExisting(r.path, Duration.ZERO)) {
            InspectCommand.describe(view);
        } catch (ChannelException expected) {
            // refusing to describe a corrupt file is fine; throwing anything else is not
        }
        ChannelProducer producer = live;
        try (ChannelConsumer consumer = Channels.openConsumer(r.path, r.options)) {
            String outcome = drain(r, consumer);
            if (!outcome.equals("stalled")) {
                return outcome;
            }
            if (producer == null && consumer.producerStatus() == PeerStatus.DEAD) {
                // what receive() does for a dead producer (after delivering everything committed)
                consumer.checkAllDelivered();
                producer = Channels.openProducer(r.path, r.options);
            }
            if (producer == null) {
                return "stalled";
            }
            for (int i = 0; i < 3; i++) {
                for (int attempt = 0; !r.offer(producer); attempt++) {
                    outcome = drain(r, consumer);
                    if (!outcome.equals("stalled")) {
                        return outcome;
                    }
                    if (attempt >= 3) {
                        return "hung: the producer finds no room and the consumer no message";
                    }
                }
            }
            producer.close();
            producer = null;
            return drain(r, consumer);
        } catch (ChannelException e) {
            return e.reason().name();
        } finally {
            if (producer != null) {
                producer.detach();
            }
        }
    }

    /** Polls until the end of the stream, or until nothing more comes ("stalled"). */
    private static String drain(final Run r, final ChannelConsumer consumer) {
        int idle = 0;
        while (idle < MAX_ROUNDS) {
            int n = consumer.poll(
                    (sequence, buffer, index, length) -> {
                        byte[] payload = new byte[length];
                        buffer.get(index, payload);
                        r.delivered.add(payload);
                        int header = r.c.kind == ChannelKind.RING
                                ? RingDescriptor.HEADER_LENGTH
                                : MailboxDescriptor.PAYLOAD_OFFSET;
                        r.damaged.add(index - header < r.corruptedTo && r.corruptedFrom < index + length);
                    },
                    16);
            if (n > 0) {
                idle = 0;
                if (r.delivered.size() > 100_000) {
                    return "endless";
                }
                continue;
            }
            if (consumer.isEndOfStream()) {
                return "eos";
            }
            idle += 1000; // a stall is a stall: poll() never blocks and nothing runs next to it
        }
        return "stalled";
    }

    private static void check(final Run r, final String outcome) {
        List<byte[]> delivered = new ArrayList<>();
        int damaged = 0;
        for (int i = 0; i < r.delivered.size(); i++) {
            if (r.damaged.get(i)) {
                damaged++; // read from corrupted bytes: may be damaged, or made up from a stale slot
            } else {
                delivered.add(r.delivered.get(i));
            }
        }
        List<byte[]> expected = new ArrayList<>();
        for (Sent sent : r.unread) {
            if (!sent.touched) {
                expected.add(sent.payload);
            }
        }
        // a leading redelivery of messages consumed before the corruption, in order, is allowed
        int skip = 0;
        if (!delivered.isEmpty()) {
            for (int j = 0; j < r.consumed.size(); j++) {
                if (Arrays.equals(r.consumed.get(j).payload, delivered.get(0))) {
                    skip = r.consumed.size() - j;
                    for (int k = 0; k < skip; k++) {
                        if (k >= delivered.size() || !Arrays.equals(r.consumed.get(j + k).payload, delivered.get(k))) {
                            throw violation(r, outcome, "a redelivery that does not end at the last consumed message");
                        }
                    }
                    break;
                }
            }
        }
        int count = delivered.size() - skip;
        if (count > expected.size()) {
            throw violation(r, outcome, "more messages delivered than committed");
        }
        for (int i = 0; i < count; i++) {
            if (!Arrays.equals(expected.get(i), delivered.get(skip + i))) {
                throw violation(r, outcome, "message " + i + " is not the one committed there");
            }
        }
        int all = r.delivered.size() - skip;
        switch (outcome) {
            case "eos":
                if (count != expected.size() || all != r.unread.size()) {
                    throw violation(r, outcome, "end of stream after " + all + " of " + r.unread.size());
                }
                break;
            case "stalled":
                // a producer that is not there (or not dead) and did not end the stream: the consumer
                // waits, as it should, but it must have everything committed so far
                if (count != expected.size()) {
                    throw violation(r, outcome, "stalled after " + count + " of " + expected.size());
                }
                break;
            default:
                try {
                    ChannelException.Reason.valueOf(outcome);
                } catch (IllegalArgumentException notAReason) {
                    throw violation(r, outcome, "neither delivered whole nor a ChannelException");
                }
        }
    }

    private static AssertionError violation(final Run r, final String outcome, final String what) {
        return new AssertionError(r.c + ": " + what + " (outcome " + outcome + ", delivered " + r.delivered.size()
                + " of which " + r.damaged.stream().filter(d -> d).count() + " from corrupted bytes"
                + " after " + r.consumed.size() + " consumed, " + r.unread.size() + " expected)");
    }

    private static Field[] concat(final Field[] a, final Field[] b) {
        Field[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("shmlane-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
