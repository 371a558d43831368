package io.shmlane.jcstress.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.MessageHandler;
import io.shmlane.idle.BusySpinIdleStrategy;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.jcstress.Payloads;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingDescriptor;
import io.shmlane.ring.RingProducer;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIL_Result;
import org.openjdk.jcstress.infra.results.I_Result;
import org.openjdk.jcstress.infra.results.J_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The ring's hand-off on the real {@link RingProducer} and {@link RingConsumer}, over a direct buffer
 * laid out like a ring file of 1024 bytes ({@link ChannelBuffers#allocate}). The rules under test (see
 * {@code RingDescriptor}): a header word (length, type and the sequence's low bits) with a positive
 * length, stored with release, commits the payload written before it; the consumer acquire-reads the header
 * word; the message is committed before
 * the padding record that wraps to it; the producer zeroes the next header before committing; the
 * consumer releases its head once per batch, after reading, and the producer acquire-reads it before
 * reusing space.
 *
 * <p>Each state is moved to its starting position single-threaded in its constructor (records offered
 * and polled one by one), so the bytes at and behind the position are committed records of an earlier
 * lap: a reader that took stale bytes for new ones would see a wrong sequence or a torn payload, not
 * zeros.
 *
 * <p>What the hardware contributes, per architecture. x86 (TSO) never reorders a store with an older
 * store, nor a load with an older load: there, only the JIT could move a payload store after the
 * length or a payload load before it, and the release/acquire accesses forbid it to, so on x86 these
 * tests check the JIT and the ring's logic (positions, padding, the space left free). AArch64 (ARM) and
 * POWER reorder in hardware: there the {@code stlr}/{@code ldar} of the release/acquire accesses keep
 * the FORBIDDEN rows empty, and only a run on such a machine checks them.
 *
 * <p>Run one variant alone (the driver, see the module's README):
 *
 * <pre>
 *   ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.Offer'
 * </pre>
 */
public final class RingHandOff {
    /** Capacity of the ring under test, the smallest allowed; its largest message is 128 bytes. */
    static final int CAPACITY = 1024;

    static final int ID_A = 1;
    static final int LENGTH_A = 24;
    static final byte[] MESSAGE_A = Payloads.message(ID_A, LENGTH_A);

    static final int ID_B = 2;
    static final byte[] MESSAGE_B = Payloads.message(ID_B, LENGTH_A);

    /** A message that needs the space of the first two records of a full ring. */
    static final int ID_Y = 3;

    static final int LENGTH_Y = 128;
    static final byte[] MESSAGE_Y = Payloads.message(ID_Y, LENGTH_Y);

    /** Payload id of the records that move a ring to its start position; never checked. */
    static final int FILLER_ID = 50;

    static final byte[] FILLER = Payloads.message(FILLER_ID, 120);

    /** Payload id of record k of a full ring: FULL_ID + k. */
    static final int FULL_ID = 100;

    /**
     * Records of a full ring: seven of 128 bytes and one of 120, 1016 bytes; not even an empty message
     * (8 bytes) more fits, as 8 bytes stay free.
     */
    static final int FULL_RECORDS = 8;

    private static final byte[][] FULL_PAYLOADS = fullPayloads();

    static final IdleStrategy SPIN = new BusySpinIdleStrategy();

    private static final MessageHandler IGNORE = (sequence, b, index, length) -> {};

    private RingHandOff() {}

    /** Payload length of record {@code k} of a full ring. */
    static int fullLength(final int k) {
        return k < FULL_RECORDS - 1 ? 128 - RingDescriptor.HEADER_LENGTH : 120 - RingDescriptor.HEADER_LENGTH;
    }

    private static byte[][] fullPayloads() {
        byte[][] payloads = new byte[FULL_RECORDS][];
        for (int k = 0; k < FULL_RECORDS; k++) {
            payloads[k] = Payloads.message(FULL_ID + k, fullLength(k));
        }
        return payloads;
    }

    /** A ring, its producer and its consumer. */
    abstract static class Ring {
        final ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.RING, CAPACITY);
        final RingProducer producer = RingProducer.wrap(buffer, CAPACITY);
        final RingConsumer consumer = RingConsumer.wrap(buffer, CAPACITY);

        /**
         * Moves tail and head to {@code position} (a multiple of 16) by offering and polling records
         * of at most 128 bytes that never need padding.
         */
        final void advanceTo(final long position) {
            while (producer.tail() < position) {
                long remaining = position - producer.tail();
                int toEnd = CAPACITY - (int) (producer.tail() & (CAPACITY - 1));
                int record = (int) Math.min(Math.min(128, remaining), toEnd);
                if (!producer.offer(FILLER, 0, record - RingDescriptor.HEADER_LENGTH)
                        || consumer.poll(IGNORE, 1) != 1) {
                    throw new IllegalStateException("could not advance " + producer + " to " + position);
                }
            }
            if (producer.tail() != position || consumer.head() != position) {
                throw new IllegalStateException("advanced past " + position + ": " + producer + ", " + consumer);
            }
        }

        /**
         * Offers records 0 to 7 (payload {@code FULL_ID + k}) without polling, until the ring is full:
         * from there any offer fails until the consumer releases space.
         *
         * @return the sequence of record 0
         */
        final long fill() {
            long first = producer.nextSequence();
            for (int k = 0; k < FULL_RECORDS; k++) {
                if (!producer.offer(FULL_PAYLOADS[k], 0, fullLength(k))) {
                    throw new IllegalStateException("ring full early, at record " + k + ": " + producer);
                }
            }
            if (producer.offer(MESSAGE_A, 0, 0)) {
                throw new IllegalStateException("ring not full after " + FULL_RECORDS + " records: " + producer);
            }
            return first;
        }
    }

    /**
     * A ring of 1024 bytes whose tail and head are at lap 2, index 512, where an earlier lap left
     * committed records; the consumer reports the length, the sequence (relative to the expected one)
     * and the payload of what it polled.
     */
    abstract static class Publication extends Ring implements MessageHandler {
        final long expectedSequence;
        private IIL_Result result;

        Publication() {
            advanceTo(CAPACITY + 512);
            expectedSequence = producer.nextSequence();
        }

        final void poll(final IIL_Result r) {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = Payloads.NONE;
            result = r;
            consumer.poll(this, 1);
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer b, final int index, final int length) {
            result.r1 = length;
            result.r2 = (int) (sequence - expectedSequence);
            result.r3 = Payloads.classify(b, index, length, LENGTH_A, ID_A, "A");
        }
    }

    /**
     * A committed record is fully visible: the producer offers message A (24 bytes) while the consumer
     * polls once. The header word (length, type and sequence bits) is the commit marker: a consumer that
     * sees it sees the payload.
     *
     * <p>Expected: x86 and ARM, the two ACCEPTABLE rows only. On x86 a FORBIDDEN row needs the JIT to
     * reorder around the release/acquire pair, which it must not; on ARM the hardware would do it
     * without them.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT               JDK 17         JDK 25  EXPECT
     *   -1, -1, NONE        410,290        293,486  ACCEPTABLE
     *   24, 0, A            896,372        441,765  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.Offer'}
     */
    @JCStressTest
    @Description("Ring: a consumer that sees a record's length sees its whole payload (offer)")
    @Outcome(id = "-1, -1, NONE", expect = ACCEPTABLE, desc = "consumer polled before the commit: nothing yet")
    @Outcome(id = "24, 0, A", expect = ACCEPTABLE, desc = "consumer saw the commit and the whole message A")
    @Outcome(id = ".*, TORN", expect = FORBIDDEN, desc = "length seen before the payload: stale or partial bytes")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a stale record, a wrong sequence or length")
    @State
    public static class Offer extends Publication {
        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IIL_Result r) {
            poll(r);
        }
    }

    /**
     * As {@link Offer}, with the zero-copy path: {@code tryClaim}, the payload written in place byte by
     * byte with plain stores, then {@code commit}. The commit's release store of the header word is all that
     * orders those stores.
     *
     * <p>Expected: as {@link Offer}.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT               JDK 17         JDK 25  EXPECT
     *   -1, -1, NONE      1,102,006        246,912  ACCEPTABLE
     *   24, 0, A          1,146,736        457,619  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ClaimCommit'}
     */
    @JCStressTest
    @Description("Ring: a record written in place after tryClaim is whole once commit() made it visible")
    @Outcome(id = "-1, -1, NONE", expect = ACCEPTABLE, desc = "consumer polled before the commit: nothing yet")
    @Outcome(id = "24, 0, A", expect = ACCEPTABLE, desc = "consumer saw the commit and the whole message A")
    @Outcome(id = ".*, TORN", expect = FORBIDDEN, desc = "length seen before the payload written in place")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a stale record, a wrong sequence or length")
    @State
    public static class ClaimCommit extends Publication {
        @Actor
        public void producer() {
            int index = producer.tryClaim(LENGTH_A);
            ByteBuffer target = producer.buffer();
            for (int i = 0; i < LENGTH_A; i++) {
                target.put(index + i, MESSAGE_A[i]);
            }
            producer.commit();
        }

        @Actor
        public void consumer(final IIL_Result r) {
            poll(r);
        }
    }

    /**
     * An aborted claim leaves no trace: the producer claims, writes message B in place, aborts, then
     * offers A into the same space with the same sequence. The consumer never sees B, nor a mixture.
     *
     * <p>Expected: as {@link Offer}; B would mean an abort that committed.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT               JDK 17         JDK 25  EXPECT
     *   -1, -1, NONE        997,423        391,262  ACCEPTABLE
     *   24, 0, A            708,599        323,509  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ClaimAbort'}
     */
    @JCStressTest
    @Description("Ring: an aborted claim is never visible; the message offered after it is whole")
    @Outcome(id = "-1, -1, NONE", expect = ACCEPTABLE, desc = "consumer polled before the commit of A: nothing yet")
    @Outcome(id = "24, 0, A", expect = ACCEPTABLE, desc = "consumer saw A whole, with the sequence B did not use")
    @Outcome(id = ".*, TORN", expect = FORBIDDEN, desc = "consumer saw the aborted B, or a mixture of B and A")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a stale record, a wrong sequence or length")
    @State
    public static class ClaimAbort extends Publication {
        @Actor
        public void producer() {
            int index = producer.tryClaim(LENGTH_A);
            producer.buffer().put(index, MESSAGE_B, 0, LENGTH_A);
            producer.abort();
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IIL_Result r) {
            poll(r);
        }
    }

    /**
     * Wrap with padding: tail and head sit at index 1008 of lap 2, 16 bytes before the end, so message
     * A (a 32-byte record) does not fit: the producer commits A at index 0 of lap 3, then a 16-byte
     * padding record at 1008. The consumer polls once (padding does not count against the limit) and
     * reports the sequence, how far its head moved and the payload. Index 0 holds a committed record
     * of lap 2 until A overwrites it.
     *
     * <p>Expected: x86 and ARM, the two ACCEPTABLE rows. "-1, 16, NONE" is a consumer that skipped the
     * padding and found no message behind it: padding published before its message (a logic bug on
     * any machine, or on ARM a missing release between the two commits).
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT              JDK 17         JDK 25  EXPECT
     *   -1, 0, NONE        427,152        369,113  ACCEPTABLE
     *   0, 48, A           797,590        489,018  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.WrapWithPadding'}
     */
    @JCStressTest
    @Description("Ring: at the wrap, the message is committed before its padding; the consumer finds it whole")
    @Outcome(id = "-1, 0, NONE", expect = ACCEPTABLE, desc = "consumer polled before the padding was committed")
    @Outcome(
            id = "0, 48, A",
            expect = ACCEPTABLE,
            desc = "consumer skipped the 16-byte padding and read A whole at index 0 (head +48)")
    @Outcome(id = "-1, 16, NONE", expect = FORBIDDEN, desc = "padding visible before the message it wraps for")
    @Outcome(id = ".*, TORN", expect = FORBIDDEN, desc = "the record of lap 2 at index 0, or part of A, read as A")
    @Outcome(
            id = ".*, CORRUPT",
            expect = FORBIDDEN,
            desc = "the record of lap 2 at index 0 refused by the sequence bits: padding visible before its message")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a wrong sequence, head or length")
    @State
    public static class WrapWithPadding extends Ring implements MessageHandler {
        private static final long START = 2 * CAPACITY - 16;
        private final long expectedSequence;
        private IIL_Result result;

        public WrapWithPadding() {
            advanceTo(START);
            expectedSequence = producer.nextSequence();
        }

        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IIL_Result r) {
            r.r1 = -1;
            r.r3 = Payloads.NONE;
            result = r;
            try {
                consumer.poll(this, 1);
            } catch (ChannelException corrupt) {
                r.r3 = "CORRUPT"; // a stale record where the message should be: its sequence does not follow
            }
            r.r2 = (int) (consumer.head() - START);
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer b, final int index, final int length) {
            result.r1 = (int) (sequence - expectedSequence);
            result.r3 = Payloads.classify(b, index, length, LENGTH_A, ID_A, "A");
        }
    }

    /**
     * A full ring (records 0 to 7, 1016 bytes, at lap 2 index 0) and the checks of what a consumer
     * reads from it: every record in order, each payload whole; and, behind record 7, the producer's
     * new message if it got in.
     */
    abstract static class FullRing extends Ring implements MessageHandler {
        final long first;
        private int next;
        private boolean bad;
        private int newId;
        private int newLength;
        private boolean newSeen;

        FullRing() {
            advanceTo(CAPACITY);
            first = fill();
        }

        /** Reads up to {@code limit} records and says what was read: "R0-R1", "R1-R7+X", ... or BAD. */
        final String read(final int limit, final int newMessageId, final int newMessageLength, final String newName) {
            int from = next;
            newId = newMessageId;
            newLength = newMessageLength;
            newSeen = false;
            consumer.poll(this, limit);
            if (bad || next == from) {
                return bad ? "BAD" : Payloads.NONE;
            }
            return "R" + from + "-R" + (next - 1) + (newSeen ? "+" + newName : "");
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer b, final int index, final int length) {
            long k = sequence - first;
            if (newSeen || k != next) {
                bad = true;
            } else if (k < FULL_RECORDS) {
                bad |= length != fullLength((int) k) || !Payloads.isMessage(b, index, length, FULL_ID + (int) k);
                next++;
            } else {
                bad |= length != newLength || !Payloads.isMessage(b, index, length, newId);
                newSeen = true;
            }
        }
    }

    /**
     * Full buffer: the ring is full, so the producer's offer of A (an 8-byte padding to the end and a
     * 32-byte record at index 0: record 0's space) fails until the consumer released record 0; nothing it refused is written anywhere.
     * The consumer polls record 0 while the producer offers A once; the arbiter drains the ring.
     *
     * <p>Expected: x86 and ARM, both ACCEPTABLE rows. A torn record 0 is the producer writing before
     * the consumer's release (on ARM, also a release that does not order the consumer's reads).
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT                          JDK 17         JDK 25  EXPECT
     *   OFFERED, R0-R0, R1-R7+A        107,362         62,796  ACCEPTABLE
     *   REFUSED, R0-R0, R1-R7        1,035,460        457,415  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.Full$'}
     */
    @JCStressTest
    @Description("Ring: a full ring refuses an offer until the consumer releases; nothing unread is overwritten")
    @Outcome(
            id = "REFUSED, R0-R0, R1-R7",
            expect = ACCEPTABLE,
            desc = "offer before the release: refused; every record read whole, in order")
    @Outcome(
            id = "OFFERED, R0-R0, R1-R7\\+A",
            expect = ACCEPTABLE,
            desc = "offer after the release of record 0: A lands behind record 7 (padding, then index 0)")
    @Outcome(id = ".*BAD.*", expect = FORBIDDEN, desc = "a record torn, lost, duplicated or out of order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state no rule explains")
    @State
    public static class Full extends FullRing {
        @Actor
        public void producer(final LLL_Result r) {
            r.r1 = producer.offer(MESSAGE_A, 0, LENGTH_A) ? "OFFERED" : "REFUSED";
        }

        @Actor
        public void consumer(final LLL_Result r) {
            r.r2 = read(1, ID_A, LENGTH_A, "A");
        }

        @Arbiter
        public void arbiter(final LLL_Result r) {
            r.r3 = read(Integer.MAX_VALUE, ID_A, LENGTH_A, "A");
        }
    }

    /**
     * The consumer's head release never lets the producer overwrite an unread record: the ring is
     * full, the consumer reads and releases record 0 only, and the producer offers Y, a 136-byte record
     * (after an 8-byte padding) that would need records 0 and 1 freed. Y must be refused whatever the timing: record 1 is unread.
     *
     * <p>Expected: x86 and ARM, the single ACCEPTABLE row; OFFERED at all is a head released past what
     * was read.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT                        JDK 17         JDK 25  EXPECT
     *   REFUSED, R0-R0, R1-R7      1,460,262        591,891  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.NoOverwriteOfUnread'}
     */
    @JCStressTest
    @Description("Ring: space of a record not yet read is never handed to the producer")
    @Outcome(
            id = "REFUSED, R0-R0, R1-R7",
            expect = ACCEPTABLE,
            desc = "Y refused (record 1 unread); every record read whole, in order")
    @Outcome(id = "OFFERED, .*", expect = FORBIDDEN, desc = "Y accepted: it overwrote record 1 before it was read")
    @Outcome(id = ".*BAD.*", expect = FORBIDDEN, desc = "a record torn, lost, duplicated or out of order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state no rule explains")
    @State
    public static class NoOverwriteOfUnread extends FullRing {
        @Actor
        public void producer(final LLL_Result r) {
            r.r1 = producer.offer(MESSAGE_Y, 0, LENGTH_Y) ? "OFFERED" : "REFUSED";
        }

        @Actor
        public void consumer(final LLL_Result r) {
            r.r2 = read(1, ID_Y, LENGTH_Y, "Y");
        }

        @Arbiter
        public void arbiter(final LLL_Result r) {
            r.r3 = read(Integer.MAX_VALUE, ID_Y, LENGTH_Y, "Y");
        }
    }

    /**
     * Batch head release: the consumer reads records 0 and 1 in one poll and releases the head once,
     * after both; the producer offers Y, which needs the space of both. Y gets in only after the whole
     * batch was read, and neither record of the batch is torn.
     *
     * <p>Expected: x86 and ARM, both ACCEPTABLE rows. On ARM a torn record would also show a release
     * that does not order the handler's reads before it.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT                          JDK 17         JDK 25  EXPECT
     *   OFFERED, R0-R1, R2-R7+Y         49,197         52,096  ACCEPTABLE
     *   REFUSED, R0-R1, R2-R7        1,892,345        416,915  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.BatchRelease'}
     */
    @JCStressTest
    @Description("Ring: the head is released once per batch, after every record of the batch was read")
    @Outcome(
            id = "REFUSED, R0-R1, R2-R7",
            expect = ACCEPTABLE,
            desc = "offer before the batch's release: refused; every record read whole, in order")
    @Outcome(
            id = "OFFERED, R0-R1, R2-R7\\+Y",
            expect = ACCEPTABLE,
            desc = "offer after the batch's release: Y lands behind record 7")
    @Outcome(id = ".*BAD.*", expect = FORBIDDEN, desc = "a record torn, lost, duplicated or out of order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state no rule explains")
    @State
    public static class BatchRelease extends FullRing {
        @Actor
        public void producer(final LLL_Result r) {
            r.r1 = producer.offer(MESSAGE_Y, 0, LENGTH_Y) ? "OFFERED" : "REFUSED";
        }

        @Actor
        public void consumer(final LLL_Result r) {
            r.r2 = read(2, ID_Y, LENGTH_Y, "Y");
        }

        @Arbiter
        public void arbiter(final LLL_Result r) {
            r.r3 = read(Integer.MAX_VALUE, ID_Y, LENGTH_Y, "Y");
        }
    }

    /**
     * A producer that restarts while the consumer reads: the ring is full (records 0 to 7 unread) when
     * the producer dies; a new producer recovers (walks the records from the shared head) while the
     * consumer reads and releases record 0, then offers A. The recovery's acquire load of the head
     * pairs with the consumer's release: A may take only space the consumer has finished reading.
     *
     * <p>Expected: x86 and ARM, both ACCEPTABLE rows.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ProducerRestart'}
     */
    @JCStressTest
    @Description("Ring: a producer recovering next to a live consumer never overwrites what it reads")
    @Outcome(
            id = "REFUSED, R0-R0, R1-R7",
            expect = ACCEPTABLE,
            desc = "recovered before the release: full, A refused; every record read whole, in order")
    @Outcome(
            id = "OFFERED, R0-R0, R1-R7\\+A",
            expect = ACCEPTABLE,
            desc = "recovered after the release: A lands behind record 7 with the next sequence")
    @Outcome(id = ".*BAD.*", expect = FORBIDDEN, desc = "a record torn, lost, duplicated or out of order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state no rule explains")
    @State
    public static class ProducerRestart extends FullRing {
        @Actor
        public void producer(final LLL_Result r) {
            RingProducer recovered = RingProducer.wrap(buffer, CAPACITY);
            r.r1 = recovered.offer(MESSAGE_A, 0, LENGTH_A) ? "OFFERED" : "REFUSED";
        }

        @Actor
        public void consumer(final LLL_Result r) {
            r.r2 = read(1, ID_A, LENGTH_A, "A");
        }

        @Arbiter
        public void arbiter(final LLL_Result r) {
            r.r3 = read(Integer.MAX_VALUE, ID_A, LENGTH_A, "A");
        }
    }

    /**
     * A consumer that restarts while the producer writes: the consumer dies at lap 2, index 512, with
     * nothing unread; a new consumer attaches (it walks and validates the records from the shared
     * head) while the producer offers A, then polls once. The walk acquire-loads each header word, which
     * carries the record's sequence bits, so A is either not seen yet or seen whole, with its sequence.
     *
     * <p>Expected: x86 and ARM, the two ACCEPTABLE rows.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ConsumerRestart'}
     */
    @JCStressTest
    @Description("Ring: a consumer attaching next to a live producer reads a record whole or not at all")
    @Outcome(id = "-1, -1, NONE", expect = ACCEPTABLE, desc = "attached and polled before the commit: nothing yet")
    @Outcome(id = "24, 0, A", expect = ACCEPTABLE, desc = "A whole, with the sequence that follows")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a header seen before its sequence or payload")
    @State
    public static class ConsumerRestart extends Publication {
        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IIL_Result r) {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = Payloads.NONE;
            RingConsumer restarted = RingConsumer.wrap(buffer, CAPACITY);
            restarted.poll(
                    (sequence, b, index, length) -> {
                        r.r1 = length;
                        r.r2 = (int) (sequence - expectedSequence);
                        r.r3 = Payloads.classify(b, index, length, LENGTH_A, ID_A, "A");
                    },
                    1);
        }
    }

    /**
     * End of stream never comes before the last message: the producer offers A and closes; a consumer
     * that has not read A never takes the stream for ended. CLOSED is a release store after A's commit;
     * {@code isEndOfStream} acquire-loads it, then looks for a record at the head. The ring is at lap 2,
     * so a stale header there is the zero the producer stored before its last commit.
     *
     * <p>Expected: x86 and ARM, the ACCEPTABLE row only; 1 would lose A at the end of every stream.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.EndOfStream'}
     */
    @JCStressTest
    @Description("Ring: end of stream is never seen while the last committed message waits unread")
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "not ended: A, or the producer's next commit, still to come")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "ended while A waits unread: CLOSED seen before A's commit")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class EndOfStream extends Ring {
        public EndOfStream() {
            advanceTo(CAPACITY + 512);
        }

        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
            producer.close();
        }

        @Actor
        public void consumer(final I_Result r) {
            r.r1 = consumer.isEndOfStream() ? 1 : 0;
        }
    }

    /**
     * The consumer's {@code nextSequence()} (what {@code inspect} and a resuming reader see) is the
     * consumer's own count (layout version 2: records carry only the sequence's low bits): it never
     * moves while a producer commits, and never takes the sequence of a stale record of the last lap.
     *
     * <p>Expected: x86 and ARM, 0 only.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.NextSequence'}
     */
    @JCStressTest
    @Description("Ring: nextSequence() never returns the sequence of an old record")
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "A's sequence, counted by the consumer")
    @Outcome(expect = FORBIDDEN, desc = "another sequence: moved by the producer's commit, or a stale lap's")
    @State
    public static class NextSequence extends Ring {
        private final long expected;

        public NextSequence() {
            advanceTo(CAPACITY + 512);
            expected = producer.nextSequence();
        }

        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final J_Result r) {
            r.r1 = consumer.nextSequence() - expected;
        }
    }

    /**
     * Progress of the consumer's wait loop: {@code RingConsumer.receive} returns once the producer
     * committed a record. The actor waits with a busy spin; the signal offers A.
     *
     * <p>Expected: TERMINATED everywhere; STALE would be an acquire load hoisted out of the loop, which
     * the JIT must not do. Each STALE costs at least 30 s.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          3,465          2,387  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ConsumerWaitLoop'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Ring: the consumer's wait loop (receive) sees the commit and returns")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "receive() saw the record and returned")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "receive() spun forever: the length load was hoisted")
    @Outcome(expect = FORBIDDEN, desc = "anything else: receive() threw")
    @State
    public static class ConsumerWaitLoop extends Ring {
        public ConsumerWaitLoop() {
            advanceTo(CAPACITY + 512);
        }

        @Actor
        public void consumer() {
            consumer.receive(IGNORE, 1, SPIN);
        }

        @Signal
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }
    }

    /**
     * Progress of the producer's wait loop: on a full ring, {@code RingProducer.send} returns once the
     * consumer released space. The actor sends A; the signal drains the ring.
     *
     * <p>Expected: TERMINATED everywhere; STALE would be the head's acquire load hoisted out of the
     * loop (or a cached head never refreshed).
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          4,649          2,176  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='RingHandOff.ProducerWaitLoop'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Ring: the producer's wait loop (send) sees the consumer's release and returns")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "send() saw the released space and wrote A")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "send() spun forever: the head was never re-read")
    @Outcome(expect = FORBIDDEN, desc = "anything else: send() threw")
    @State
    public static class ProducerWaitLoop extends Ring {
        public ProducerWaitLoop() {
            advanceTo(CAPACITY);
            fill();
        }

        @Actor
        public void producer() {
            producer.send(MESSAGE_A, 0, LENGTH_A, SPIN);
        }

        @Signal
        public void consumer() {
            consumer.poll(IGNORE, Integer.MAX_VALUE);
        }
    }
}
