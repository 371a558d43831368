package io.shmlane.process;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;

import io.shmlane.ChannelOptions;
import io.shmlane.mailbox.MailboxDescriptor;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingDescriptor;
import io.shmlane.ring.RingProducer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A producer that stops itself at a {@link CrashPoint}, for the crash matrix: it drives the library's
 * public API ({@code tryClaim}/{@code commit}/{@code offer}/{@code close}) with the command line's
 * checked messages, and at the point prints {@code Paused: ...} and sleeps until the test kills it with
 * {@code kill -9}. The library has no test hook: every point is between two calls of its API, except
 * the two that a call does in one go, done here with the same stores into the mapping: the mailbox's
 * claim (what {@code offer} writes before its release of the flag) and the first store of {@code close()}
 * (the final position).
 *
 * <ol>
 *   <li>Warm-up: sends {@code --warmup} bytes (ring) or messages (mailbox), printing {@code Produced:
 *       Msg-N}; a ring goes on until its tail is in the second quarter of a lap.
 *   <li>Waits until the consumer has released everything (ring head at the tail, mailbox slot empty), prints
 *       {@code Ready: ...} and waits for the file {@code arm-producer} in its working directory (the test
 *       stops the consumer with {@code SIGSTOP} first, so from here it lags).
 *   <li>Ring: sends until the consumer lags by three quarters of the ring, across the wrap, then stops at
 *       the point ({@code after-padding}: sizes chosen so the record at the end of the lap does not fit).
 *       Mailbox: one message into the empty slot (none for {@code mid-claim}), then the point.
 * </ol>
 *
 * <pre>
 *   CrashPointProducer --file F --channel ring|mailbox --capacity C --max-size B --warmup W --limit N --seed S --point P
 * </pre>
 *
 * The message numbers continue the channel's sequence ({@code Msg-N} has sequence N). Exits 2 when
 * the stream would reach {@code --limit} before the point (the test sized it wrong).
 */
public final class CrashPointProducer {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** The file whose appearance (in the working directory) lets the producer go on to its point. */
    static final String ARM_FILE = "arm-producer";

    private final PrintStream out;
    private final Path file;
    private final int capacity;
    private final int maxSize;
    private final long warmup;
    private final long limit;
    private final CrashPoint point;
    private final SplittableRandom random;
    private final CheckedMessages messages;
    private final byte[] message;

    private CrashPointProducer(final Map<String, String> options, final PrintStream out) {
        this.out = out;
        this.file = Paths.get(options.get("file"));
        this.capacity = Integer.parseInt(options.get("capacity"));
        this.maxSize = Integer.parseInt(options.get("max-size"));
        this.warmup = Long.parseLong(options.get("warmup"));
        this.limit = Long.parseLong(options.get("limit"));
        this.point = CrashPoint.parse(options.get("point"));
        this.random = new SplittableRandom(Long.parseLong(options.get("seed")));
        this.messages = new CheckedMessages(maxSize);
        this.message = new byte[maxSize];
        if (!point.isProducerPoint()) {
            throw new IllegalArgumentException("not a producer point: " + point);
        }
    }

    public static void main(final String[] args) {
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        Map<String, String> options = ChildArguments.parse(args);
        CrashPointProducer producer = new CrashPointProducer(options, out);
        if ("ring".equals(options.get("channel"))) {
            producer.ring();
        } else {
            producer.mailbox();
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Ring

    private void ring() {
        RingProducer producer = RingProducer.open(file, ChannelOptions.ring().withCapacity(capacity));
        ByteBuffer buffer = producer.buffer();
        out.println("Attached: next=" + producer.nextSequence() + " tail=" + producer.tail());
        long start = producer.tail();
        while (producer.tail() - start < warmup || !inSecondQuarter(producer.tail())) {
            ringSend(producer, nextSize());
        }
        // the consumer has released everything: from here on it lags by what this producer writes
        while ((long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET) != producer.tail()) {
            LockSupport.parkNanos(100_000);
        }
        ready(producer.nextSequence(), "tail=" + producer.tail());
        long head = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
        long threshold = capacity * 3L / 4;
        while (true) {
            int size = point == CrashPoint.AFTER_PADDING ? paddingForcingSize(producer.tail()) : nextSize();
            long newTail = newTail(producer.tail(), size);
            if (newTail + RingDescriptor.ALIGNMENT - head > capacity) {
                fail("the ring filled up before the point " + point + " (head " + head + ", tail " + producer.tail()
                        + ")");
            }
            boolean padded = newTail - producer.tail() > RingDescriptor.align(RingDescriptor.HEADER_LENGTH + size);
            boolean deep = newTail - head >= threshold;
            switch (point) {
                case MID_CLAIM:
                    if (deep) {
                        int index = claim(producer, size);
                        int length = messages.encode(producer.nextSequence(), message, size);
                        buffer.put(index, message, 0, length / 2);
                        pause(
                                producer.nextSequence() - 1,
                                "claimed=Msg-" + producer.nextSequence() + " size=" + size + " written=" + length / 2
                                        + " padded=" + padded);
                    }
                    ringSend(producer, size);
                    break;
                case AFTER_COMMIT:
                    ringSend(producer, size);
                    if (deep) {
                        pause(producer.nextSequence() - 1, "tail=" + producer.tail() + " padded=" + padded);
                    }
                    break;
                case AFTER_PADDING:
                    ringSend(producer, size);
                    if (padded) {
                        pause(producer.nextSequence() - 1, "tail=" + producer.tail() + " lag=" + (newTail - head));
                    }
                    break;
                case CLOSE_BEGAN:
                case CLOSED:
                    if (deep) {
                        if (point == CrashPoint.CLOSED) {
                            producer.close();
                        } else {
                            // what close() stores first: the final position; the end of stream would follow
                            LONG.setOpaque(buffer, PRODUCER_POSITION_OFFSET, producer.tail());
                        }
                        pause(producer.nextSequence() - 1, "tail=" + producer.tail());
                    }
                    ringSend(producer, size);
                    break;
                default:
                    throw new IllegalStateException(point.name());
            }
        }
    }

    private boolean inSecondQuarter(final long tail) {
        long index = tail & (capacity - 1);
        return index >= capacity / 4 && index < capacity / 2;
    }

    /** The tail after a record of {@code size} bytes at {@code tail}, padding included (as {@code tryClaim} does). */
    private long newTail(final long tail, final int size) {
        int aligned = RingDescriptor.align(RingDescriptor.HEADER_LENGTH + size);
        int toEnd = capacity - (int) (tail & (capacity - 1));
        return tail + (aligned > toEnd ? toEnd : 0) + aligned;
    }

    /** Near the end of the lap, a size that does not fit before the end: the claim must pad. */
    private int paddingForcingSize(final long tail) {
        int toEnd = capacity - (int) (tail & (capacity - 1));
        if (toEnd < RingDescriptor.align(RingDescriptor.HEADER_LENGTH + maxSize)) {
            return Math.max(CheckedMessages.MIN_SIZE, toEnd - RingDescriptor.HEADER_LENGTH + 1);
        }
        return nextSize();
    }

    private int claim(final RingProducer producer, final int size) {
        checkLimit(producer.nextSequence());
        int index;
        while ((index = producer.tryClaim(size)) < 0) {
            LockSupport.parkNanos(50_000);
        }
        return index;
    }

    private void ringSend(final RingProducer producer, final int size) {
        long n = producer.nextSequence();
        int index = claim(producer, size);
        int length = messages.encode(n, message, size);
        producer.buffer().put(index, message, 0, length);
        producer.commit();
        out.println("Produced: Msg-" + n);
    }

    // ----------------------------------------------------------------------------------------------
    // Mailbox

    private void mailbox() {
        MailboxProducer producer =
                MailboxProducer.open(file, ChannelOptions.mailbox().withCapacity(capacity));
        ByteBuffer buffer = producer.file().buffer();
        int flagIndex = DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET;
        out.println("Attached: next=" + producer.nextSequence());
        for (long i = 0; i < warmup; i++) {
            mailboxSend(producer, nextSize());
        }
        while ((int) INT.getAcquire(buffer, flagIndex) != MailboxDescriptor.EMPTY) {
            LockSupport.parkNanos(100_000);
        }
        ready(producer.nextSequence(), "slot=empty");
        int size = nextSize();
        switch (point) {
            case MID_CLAIM:
                long n = producer.nextSequence();
                checkLimit(n);
                int length = messages.encode(n, message, size);
                // what offer() writes before its release of the flag, with half the payload
                buffer.put(DATA_OFFSET + MailboxDescriptor.PAYLOAD_OFFSET, message, 0, length / 2);
                INT.set(buffer, DATA_OFFSET + MailboxDescriptor.LENGTH_OFFSET, length);
                LONG.set(buffer, DATA_OFFSET + MailboxDescriptor.SEQUENCE_OFFSET, n);
                pause(n - 1, "claimed=Msg-" + n + " size=" + size + " written=" + length / 2);
                break;
            case AFTER_COMMIT:
                mailboxSend(producer, size);
                pause(producer.nextSequence() - 1, "slot=full");
                break;
            case CLOSE_BEGAN:
                mailboxSend(producer, size);
                // what close() stores first: the final next sequence; the end of stream would follow
                LONG.setOpaque(buffer, PRODUCER_POSITION_OFFSET, producer.nextSequence());
                pause(producer.nextSequence() - 1, "slot=full");
                break;
            case CLOSED:
                mailboxSend(producer, size);
                producer.close();
                pause(producer.nextSequence() - 1, "slot=full");
                break;
            default:
                throw new IllegalArgumentException("no such point on a mailbox: " + point);
        }
    }

    private void mailboxSend(final MailboxProducer producer, final int size) {
        long n = producer.nextSequence();
        checkLimit(n);
        int length = messages.encode(n, message, size);
        while (!producer.offer(message, 0, length)) {
            LockSupport.parkNanos(50_000);
        }
        out.println("Produced: Msg-" + n);
    }

    // ----------------------------------------------------------------------------------------------

    private int nextSize() {
        return random.nextInt(CheckedMessages.MIN_SIZE, maxSize + 1);
    }

    private void checkLimit(final long n) {
        if (n >= limit) {
            fail("Msg-" + n + " reaches --limit " + limit + " before the point " + point);
        }
    }

    /** Prints the ready line and waits for the arm file. */
    private void ready(final long next, final String where) {
        out.println("Ready: next=Msg-" + next + " " + where);
        out.flush();
        Path arm = Paths.get(ARM_FILE);
        while (!Files.exists(arm)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Prints where it stopped and sleeps until killed; {@code last}: the last message committed. */
    private void pause(final long last, final String details) {
        out.println("Paused: " + point.argument() + " last=Msg-" + last + " " + details);
        out.flush();
        while (true) {
            LockSupport.park();
        }
    }

    private void fail(final String what) {
        out.flush();
        System.err.println("crash-point-producer: " + what);
        System.exit(2);
    }
}
