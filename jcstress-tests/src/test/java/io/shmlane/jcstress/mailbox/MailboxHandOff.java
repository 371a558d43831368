package io.shmlane.jcstress.mailbox;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelKind;
import io.shmlane.MessageHandler;
import io.shmlane.idle.BusySpinIdleStrategy;
import io.shmlane.idle.IdleStrategy;
import io.shmlane.jcstress.Payloads;
import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
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
 * The mailbox hand-off on the real {@link MailboxProducer} and {@link MailboxConsumer}, over a direct
 * buffer laid out like a mailbox file ({@link ChannelBuffers#allocate}): the code is the one that runs
 * over a mapped file. The rule under test (see {@code MailboxDescriptor}): the producer writes payload,
 * length and sequence, then FULL with a release store; the consumer reads them after an acquire load
 * of FULL, and hands the slot back with a release store of EMPTY, which the producer acquire-reads
 * before it writes again.
 *
 * <p>What the hardware contributes, per architecture. x86 (TSO) never reorders a store with an older
 * store, nor a load with an older load: there, only the JIT could move a payload store after the flag
 * or a payload load before it, and the release/acquire accesses forbid it to, so on x86 these tests
 * check the JIT and the code's logic. AArch64 (ARM) and POWER reorder both in hardware: there the
 * {@code stlr}/{@code ldar} that the release/acquire accesses compile to are what keeps the FORBIDDEN
 * rows empty, and only a run on such a machine checks them.
 *
 * <p>Run one variant alone (the driver, see the module's README):
 *
 * <pre>
 *   ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.Publication'
 * </pre>
 */
public final class MailboxHandOff {
    /** Payload capacity of the mailbox under test. */
    static final int CAPACITY = 32;

    static final int ID_A = 1;
    static final int LENGTH_A = 24;
    static final byte[] MESSAGE_A = Payloads.message(ID_A, LENGTH_A);

    static final int ID_B = 2;
    static final int LENGTH_B = 17;
    static final byte[] MESSAGE_B = Payloads.message(ID_B, LENGTH_B);

    /** The spin of the real wait loops; stateless, so shared. */
    static final IdleStrategy SPIN = new BusySpinIdleStrategy();

    private MailboxHandOff() {}

    /** A fresh mailbox, its producer and its consumer. */
    abstract static class Mailbox {
        final ByteBuffer buffer = ChannelBuffers.allocate(ChannelKind.MAILBOX, CAPACITY);
        final MailboxProducer producer = MailboxProducer.wrap(buffer, CAPACITY);
        final MailboxConsumer consumer = MailboxConsumer.wrap(buffer, CAPACITY);
    }

    /**
     * Publication: a consumer that sees the flag FULL sees the whole payload, its length and its
     * sequence. The producer offers message A (24 bytes, sequence 0) into an empty mailbox while the
     * consumer polls once; the consumer reports the length, the sequence and what the payload bytes
     * are.
     *
     * <p>Expected: x86, both ACCEPTABLE rows, nothing else (only the JIT could reorder, and the
     * release/acquire pair forbids it). ARM: the same; a FORBIDDEN row there means a missing
     * release or acquire, which the hardware would expose even where the JIT does not.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT               JDK 17         JDK 25  EXPECT
     *   -1, -1, NONE      1,574,547        664,894  ACCEPTABLE
     *   24, 0, A          2,773,395      1,135,317  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.Publication'}
     */
    @JCStressTest
    @Description("Mailbox: a consumer that sees FULL sees the whole payload, length and sequence")
    @Outcome(id = "-1, -1, NONE", expect = ACCEPTABLE, desc = "consumer polled before the FULL store: nothing yet")
    @Outcome(
            id = "24, 0, A",
            expect = ACCEPTABLE,
            desc = "consumer saw FULL and the whole message A, length 24, sequence 0")
    @Outcome(
            id = "0, .*",
            expect = FORBIDDEN,
            desc = "FULL seen before the length: stale length 0 (release/acquire missing or reordered)")
    @Outcome(id = ".*, ZERO", expect = FORBIDDEN, desc = "FULL seen before the payload: stale zero payload")
    @Outcome(id = ".*, TORN", expect = FORBIDDEN, desc = "FULL seen with only part of the payload")
    @Outcome(expect = FORBIDDEN, desc = "anything else: wrong sequence or length, or a state no rule explains")
    @State
    public static class Publication extends Mailbox implements MessageHandler {
        private IIL_Result result;

        @Actor
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IIL_Result r) {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = Payloads.NONE;
            result = r;
            consumer.poll(this, 1);
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer b, final int index, final int length) {
            result.r1 = length;
            result.r2 = (int) sequence;
            result.r3 = Payloads.classify(b, index, length, LENGTH_A, ID_A, "A");
        }
    }

    /**
     * A producer that restarts while the consumer reads: message A (sequence 0) waits in the slot when
     * the producer dies; a new producer recovers its next sequence while the consumer reads A and hands
     * the slot back. The recovery's acquire load of the flag pairs with the consumer's release of
     * EMPTY, which published the consumer's next sequence: the new producer continues at 1 either way.
     *
     * <p>Expected: x86 and ARM, 1 only; 0 would send a second message with A's sequence.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.ProducerRestart'}
     */
    @JCStressTest
    @Description("Mailbox: a producer recovering next to a live consumer continues the sequence")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "after A: from A in the slot, or from the consumer's count")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "EMPTY seen before the consumer's count: A's sequence reused")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class ProducerRestart extends Mailbox {
        public ProducerRestart() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void producer(final J_Result r) {
            r.r1 = MailboxProducer.wrap(buffer, CAPACITY).nextSequence();
        }

        @Actor
        public void consumer() {
            consumer.poll((sequence, b, index, length) -> {}, 1);
        }
    }

    /**
     * End of stream never comes before the last message: the producer offers A and closes; a consumer
     * that has not read A never takes the stream for ended. CLOSED is a release store after the FULL of
     * A; {@code isEndOfStream} acquire-loads it, then the flag.
     *
     * <p>Expected: x86 and ARM, the ACCEPTABLE row only.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.EndOfStream'}
     */
    @JCStressTest
    @Description("Mailbox: end of stream is never seen while the last message waits in the slot")
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "not ended: A, or the producer's close, still to come")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "ended while A waits unread: CLOSED seen before FULL")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class EndOfStream extends Mailbox {
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
     * The consumer's {@code nextSequence()} is the sequence of the message in the slot when the flag is
     * FULL, else the consumer's count: never the sequence left in the slot by the message before. The
     * state has passed message A (sequence 0) through the slot; the producer offers B (sequence 1).
     *
     * <p>Expected: x86 and ARM, 1 only.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.NextSequence'}
     */
    @JCStressTest
    @Description("Mailbox: nextSequence() never returns the sequence of the message before")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "B's sequence, from the slot or from the consumer's count")
    @Outcome(expect = FORBIDDEN, desc = "another sequence: FULL seen before B's sequence")
    @State
    public static class NextSequence extends Mailbox {
        public NextSequence() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
            consumer.poll((sequence, b, index, length) -> {}, 1);
        }

        @Actor
        public void producer() {
            producer.offer(MESSAGE_B, 0, LENGTH_B);
        }

        @Actor
        public void consumer(final J_Result r) {
            r.r1 = consumer.nextSequence();
        }
    }

    /**
     * No overwrite before the acknowledgement: while message A waits in the slot, the producer's offer
     * of B is refused until the consumer has read A and stored EMPTY; the consumer never reads B or a
     * mixture of A and B. The state starts with A offered (FULL). The producer offers B once, the
     * consumer polls once, and the arbiter polls once more after both.
     *
     * <p>Expected: x86 and ARM, both ACCEPTABLE rows. On x86 a torn A would need the JIT to move the
     * consumer's payload loads after its EMPTY store or the producer's payload stores before its
     * acquire load of the flag; on ARM the hardware could do both without the release/acquire pair.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT                   JDK 17         JDK 25  EXPECT
     *   OFFERED, A, B         1,158,636        574,940  ACCEPTABLE
     *   REFUSED, A, NONE      3,711,546      1,624,631  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.NoOverwriteBeforeAck'}
     */
    @JCStressTest
    @Description("Mailbox: the producer never overwrites a message before the consumer acknowledged it")
    @Outcome(
            id = "REFUSED, A, NONE",
            expect = ACCEPTABLE,
            desc = "producer looked before the acknowledgement: B refused, A read whole, slot empty after")
    @Outcome(
            id = "OFFERED, A, B",
            expect = ACCEPTABLE,
            desc = "producer looked after the acknowledgement: A read whole, then B in the slot")
    @Outcome(id = ".*, TORN, .*", expect = FORBIDDEN, desc = "the consumer read A while B overwrote it")
    @Outcome(id = ".*, B, .*", expect = FORBIDDEN, desc = "B overwrote A before it was read: A lost")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated message, or a state no rule explains")
    @State
    public static class NoOverwriteBeforeAck extends Mailbox implements MessageHandler {
        private String seen;

        public NoOverwriteBeforeAck() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void producer(final LLL_Result r) {
            r.r1 = producer.offer(MESSAGE_B, 0, LENGTH_B) ? "OFFERED" : "REFUSED";
        }

        @Actor
        public void consumer(final LLL_Result r) {
            seen = Payloads.NONE;
            consumer.poll(this, 1);
            r.r2 = seen;
        }

        @Arbiter
        public void arbiter(final LLL_Result r) {
            seen = Payloads.NONE;
            consumer.poll(this, 1);
            r.r3 = seen;
        }

        @Override
        public void onMessage(final long sequence, final ByteBuffer b, final int index, final int length) {
            String what = Payloads.classify(b, index, length, LENGTH_A, ID_A, "A", LENGTH_B, ID_B, "B");
            // the sequence must follow the payload: A is 0, B is 1
            long expectedSequence = "A".equals(what) ? 0 : 1;
            seen = sequence == expectedSequence ? what : Payloads.TORN;
        }
    }

    /**
     * Progress of the consumer's wait loop: {@code MailboxConsumer.receive} (poll, spin, poll ...)
     * returns once the producer offered a message. The actor waits in {@code receive} with a busy spin;
     * the signal offers A.
     *
     * <p>Expected: TERMINATED everywhere. STALE would mean the JIT hoisted the flag load out of the
     * loop (an acquire load cannot be hoisted); each STALE costs at least 30 s of the run.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          4,750          2,292  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.ConsumerWaitLoop'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Mailbox: the consumer's wait loop (receive) sees the FULL flag and returns")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "receive() saw the message and returned")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "receive() spun forever: the flag load was hoisted")
    @Outcome(expect = FORBIDDEN, desc = "anything else: receive() threw")
    @State
    public static class ConsumerWaitLoop extends Mailbox {
        private static final MessageHandler IGNORE = (sequence, b, index, length) -> {};

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
     * Progress of a user's own polling loop: {@code while (consumer.poll(handler, 1) == 0) {}} with
     * nothing else in the loop. {@code receive} also reads the producer's state with an acquire load on
     * every turn, which alone keeps its loop live; this bare loop relies only on the flag load inside
     * {@code poll} being an acquire load (the JIT may hoist a plain one out of the loop). Targets the
     * hunt mutant {@code mailbox-consumer-plain-flag}.
     *
     * <p>Expected: TERMINATED everywhere with the real code. With a plain flag load, STALE is possible
     * wherever the JIT hoists it; over a direct buffer C2 has not been seen to (see
     * {@code NaiveReference.SpinOnDirectBuffer}), so on x86 this is weak evidence for that mutant and
     * the ARM runs (where a plain load is also unordered with the payload reads) matter.
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.BarePollLoop'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Mailbox: a bare poll() loop sees the FULL flag and returns")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the poll loop saw the message and returned")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the poll loop spun forever: the flag load was hoisted")
    @Outcome(expect = FORBIDDEN, desc = "anything else: poll() threw")
    @State
    public static class BarePollLoop extends Mailbox {
        private static final MessageHandler IGNORE = (sequence, b, index, length) -> {};

        @Actor
        public void consumer() {
            while (consumer.poll(IGNORE, 1) == 0) {
                // a user's own loop: nothing but poll
            }
        }

        @Signal
        public void producer() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }
    }

    /**
     * Progress of the producer's wait loop: {@code MailboxProducer.send} (offer, spin, offer ...)
     * returns once the consumer acknowledged the message in the slot. The state starts with A in the
     * slot; the actor sends B; the signal polls A, which stores EMPTY.
     *
     * <p>Expected: TERMINATED everywhere, as for the consumer's loop.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          4,544          1,740  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='MailboxHandOff.ProducerWaitLoop'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Mailbox: the producer's wait loop (send) sees the EMPTY acknowledgement and returns")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "send() saw the acknowledgement and wrote B")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "send() spun forever: the flag load was hoisted")
    @Outcome(expect = FORBIDDEN, desc = "anything else: send() threw")
    @State
    public static class ProducerWaitLoop extends Mailbox {
        private static final MessageHandler IGNORE = (sequence, b, index, length) -> {};

        public ProducerWaitLoop() {
            producer.offer(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void producer() {
            producer.send(MESSAGE_B, 0, LENGTH_B, SPIN);
        }

        @Signal
        public void consumer() {
            consumer.poll(IGNORE, 1);
        }
    }
}
