package io.shmlane.jcstress.naive;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.jcstress.OutsideRelaxedModel;
import io.shmlane.jcstress.Payloads;
import io.shmlane.jcstress.ReferenceTest;
import io.shmlane.naive.NaiveChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IL_Result;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * The naive reference ({@link NaiveChannel}, the blog post's protocol, kept on purpose): the same
 * properties as the mailbox tests, with the outcomes it is known to allow marked
 * ACCEPTABLE_INTERESTING and explained. The suite does not fail on them; it shows them. Every variant
 * but the fix ({@link SpinOnOpaqueField}) is marked {@link ReferenceTest}.
 *
 * <p>The naive protocol's accesses are all plain and its producer never waits for the consumer. What
 * shows where:
 *
 * <ul>
 *   <li>Overwrite without acknowledgement ({@link OverwriteWithoutAck}): a race in the logic, not in
 *       the memory model. It shows on every machine, x86 included, within seconds.
 *   <li>Flag seen before payload ({@link Publication}): x86 hardware keeps store order and load
 *       order, so only the JIT could reorder the plain accesses; over a direct buffer (Unsafe raw
 *       memory accesses, which C2 keeps in order) it is not expected on x86. AArch64 reorders both in
 *       hardware: stale or partial payloads are expected there.
 *   <li>Spin loops ({@link SpinOnDirectBuffer}, {@link SpinOnHeapBuffer}, {@link SpinOnPlainField}):
 *       a plain load in a loop may be hoisted by the JIT and the loop never ends (STALE), on any
 *       hardware. Measured on x86: the seed's spin over a direct buffer was not hoisted in about 3,400
 *       runs on JDK 17 and 25, while a spin on a plain field was (C2 hoists it as soon as the loop is
 *       compiled). {@link SpinOnOpaqueField} is the fix: an opaque load may not be hoisted. Each STALE
 *       costs at least 30 s of the run (jcstress waits that long before it gives up on the actor).
 * </ul>
 *
 * <p>Run one variant alone (the driver, see the module's README):
 *
 * <pre>
 *   ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.OverwriteWithoutAck'
 * </pre>
 */
public final class NaiveReference {
    static final int ID_A = 1;
    static final int LENGTH_A = 24;
    static final byte[] MESSAGE_A = Payloads.message(ID_A, LENGTH_A);

    static final int ID_B = 2;
    static final int LENGTH_B = 17;
    static final byte[] MESSAGE_B = Payloads.message(ID_B, LENGTH_B);

    private NaiveReference() {}

    /** The naive channel over a new 1024-byte direct buffer in big-endian order, as the seed mapped it. */
    abstract static class Naive {
        final NaiveChannel channel = NaiveChannel.wrap(ByteBuffer.allocateDirect(NaiveChannel.REGION_SIZE));
        final byte[] received = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];

        /** One look of the seed's consumer: what it copied, by name. */
        final String pollOnce() {
            int length = channel.poll(received);
            if (length < 0) {
                return Payloads.NONE;
            }
            return Payloads.classify(received, length, LENGTH_A, ID_A, "A", LENGTH_B, ID_B, "B");
        }
    }

    /**
     * Flag seen implies payload seen, on the naive code: the producer sends A into an empty region
     * while the consumer looks once. The consumer reports the length it read and what it copied.
     *
     * <p>Expected on x86: "-1, NONE" and "24, A" only (measured: no stale row; the JIT keeps the
     * direct buffer's plain accesses in order). On ARM: the INTERESTING rows too, the hardware makes
     * the flag visible before the length or the payload.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT           JDK 17         JDK 25  EXPECT
     *   -1, NONE        939,238        176,506  ACCEPTABLE
     *   24, A         1,381,184        589,465  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.Publication'}
     */
    @JCStressTest
    @Description("Naive (reference): the plain flag may be seen before the length and payload it publishes")
    @Outcome(id = "-1, NONE", expect = ACCEPTABLE, desc = "consumer looked before the flag: nothing yet")
    @Outcome(id = "24, A", expect = ACCEPTABLE, desc = "consumer saw the flag and the whole message A")
    @Outcome(
            id = "0, ZERO",
            expect = ACCEPTABLE_INTERESTING,
            desc = "flag seen before the length (stale 0): the known bug, plain stores reordered")
    @Outcome(
            id = "24, (ZERO|TORN)",
            expect = ACCEPTABLE_INTERESTING,
            desc = "flag and length seen before the payload: the known bug, plain stores reordered")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state even the naive code cannot produce")
    @State
    @ReferenceTest("plain stores and loads: nothing orders the payload before the flag")
    public static class Publication extends Naive {
        @Actor
        public void producer() {
            channel.send(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void consumer(final IL_Result r) {
            int length = channel.poll(received);
            r.r1 = length;
            r.r2 = length < 0 ? Payloads.NONE : Payloads.classify(received, length, LENGTH_A, ID_A, "A");
        }
    }

    /**
     * No overwrite before the acknowledgement, on the naive code, which never waits for one: A is
     * unread in the region when the producer sends B; the consumer looks once, the arbiter once more.
     *
     * <p>Expected on x86 and ARM alike: every row, the INTERESTING ones within seconds. The race is
     * in the protocol's logic (no acknowledgement), not in the memory model.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   A, B              394,653         88,195  ACCEPTABLE
     *   A, NONE             9,853            699  ACCEPTABLE_INTERESTING
     *   B, B                   95            127  ACCEPTABLE_INTERESTING
     *   B, NONE         3,305,134        727,435  ACCEPTABLE_INTERESTING
     *   TORN, B               101             34  ACCEPTABLE_INTERESTING
     *   TORN, NONE          3,226            681  ACCEPTABLE_INTERESTING
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.OverwriteWithoutAck'}
     */
    @JCStressTest
    @Description("Naive (reference): the producer overwrites an unread message; messages are lost, torn, duplicated")
    @Outcome(id = "A, B", expect = ACCEPTABLE, desc = "lucky: A read before B was written, then B")
    @Outcome(id = "B, NONE", expect = ACCEPTABLE_INTERESTING, desc = "A lost: B overwrote it before it was read")
    @Outcome(
            id = "A, NONE",
            expect = ACCEPTABLE_INTERESTING,
            desc = "B lost: written while A was read, then the consumer's 0 erased B's flag")
    @Outcome(
            id = "B, B",
            expect = ACCEPTABLE_INTERESTING,
            desc = "A lost and B read twice: B's payload read under A's flag, then B's own flag")
    @Outcome(
            id = "TORN, (NONE|B)",
            expect = ACCEPTABLE_INTERESTING,
            desc = "A read while B overwrote it: a mixture of both, or a length of one with bytes of the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a state even the naive code cannot produce")
    @State
    @ReferenceTest("the producer never waits for the consumer's acknowledgement")
    public static class OverwriteWithoutAck extends Naive {
        public OverwriteWithoutAck() {
            channel.send(MESSAGE_A, 0, LENGTH_A);
        }

        @Actor
        public void producer() {
            channel.send(MESSAGE_B, 0, LENGTH_B);
        }

        @Actor
        public void consumer(final LL_Result r) {
            r.r1 = pollOnce();
        }

        @Arbiter
        public void arbiter(final LL_Result r) {
            r.r2 = pollOnce();
        }
    }

    /**
     * The seed's consumer loop, {@link NaiveChannel#receive}: a plain load of the flag in an empty spin,
     * over a direct buffer (as over the seed's mapped file). The signal sends A.
     *
     * <p>Expected on x86: TERMINATED (measured: not hoisted in about 3,400 runs on JDK 17 and 25; C2
     * does not hoist the raw memory load of a direct buffer). STALE is allowed by the memory model and
     * would appear with a JIT that hoists it, on any hardware.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          4,805          2,465  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.SpinOnDirectBuffer'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Naive (reference): the seed's spin on a plain load of a direct buffer")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spin saw the flag")
    @Outcome(
            id = "STALE",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the JIT hoisted the plain flag load out of the spin: it never ends")
    @Outcome(expect = FORBIDDEN, desc = "anything else: receive() threw")
    @State
    @ReferenceTest("a spin on a plain load, which the JIT may hoist")
    public static class SpinOnDirectBuffer extends Naive {
        @Actor
        public void consumer() {
            channel.receive(received);
        }

        @Signal
        public void producer() {
            channel.send(MESSAGE_A, 0, LENGTH_A);
        }
    }

    /**
     * The same loop over a heap buffer: the flag load is a plain load from a Java array, which C2 may
     * treat like any field load.
     *
     * <p>Expected on x86 and ARM: TERMINATED while the loop runs interpreted or in C1, STALE once C2
     * compiled it with the array load hoisted.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   STALE                   2              1  ACCEPTABLE_INTERESTING
     *   TERMINATED              8              7  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.SpinOnHeapBuffer'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Naive (reference): the seed's spin over a heap buffer, where the JIT may hoist the load")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spin saw the flag")
    @Outcome(
            id = "STALE",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the JIT hoisted the plain array load out of the spin: it never ends")
    @Outcome(expect = FORBIDDEN, desc = "anything else: receive() threw")
    @State
    @ReferenceTest("a spin on a plain array load, which the JIT may hoist")
    @OutsideRelaxedModel("a heap buffer: the relaxed model simulates direct buffers only")
    public static class SpinOnHeapBuffer {
        final NaiveChannel channel = NaiveChannel.wrap(ByteBuffer.allocate(NaiveChannel.REGION_SIZE));
        final byte[] received = new byte[NaiveChannel.MAX_MESSAGE_LENGTH];

        @Actor
        public void consumer() {
            channel.receive(received);
        }

        @Signal
        public void producer() {
            channel.send(MESSAGE_A, 0, LENGTH_A);
        }
    }

    /**
     * The seed's spin written on a plain Java field: {@code while (!ready) {}}.
     *
     * <p>Expected on x86 and ARM: STALE as soon as C2 compiles the loop (it hoists the load and spins
     * on a register); TERMINATED before that.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   STALE                   2              1  ACCEPTABLE_INTERESTING
     *   TERMINATED              8              2  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.SpinOnPlainField'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Naive (reference): a spin on a plain field, which the JIT hoists into an endless loop")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spin saw the field change")
    @Outcome(
            id = "STALE",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the JIT hoisted the plain field load out of the spin: it never ends")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the actor threw")
    @State
    @ReferenceTest("a spin on a plain field load, which the JIT hoists")
    @OutsideRelaxedModel("a plain field: the relaxed model simulates direct buffers only")
    public static class SpinOnPlainField {
        boolean ready;

        @Actor
        public void consumer() {
            while (!ready) {
                // the seed's empty spin
            }
        }

        @Signal
        public void producer() {
            ready = true;
        }
    }

    /**
     * The fix of {@link SpinOnPlainField}: the same loop with an opaque load, which the JIT must
     * perform on every iteration (and the hardware eventually makes the store visible).
     *
     * <p>Expected on x86 and ARM: TERMINATED only.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT             JDK 17         JDK 25  EXPECT
     *   TERMINATED          4,685          2,443  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='NaiveReference.SpinOnOpaqueField'}
     */
    @JCStressTest(Mode.Termination)
    @Description("Naive (fix): the same spin with an opaque load always sees the field change")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spin saw the field change")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "an opaque load was hoisted: a JIT bug")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the actor threw")
    @State
    @OutsideRelaxedModel("an opaque field: the relaxed model simulates direct buffers only")
    public static class SpinOnOpaqueField {
        private static final VarHandle READY;

        static {
            try {
                READY = MethodHandles.lookup().findVarHandle(SpinOnOpaqueField.class, "ready", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        boolean ready;

        @Actor
        public void consumer() {
            while (!(boolean) READY.getOpaque(this)) {
                // spin
            }
        }

        @Signal
        public void producer() {
            READY.setOpaque(this, true);
        }
    }
}
