package io.shmlane.litmus;

import static io.shmlane.litmus.Litmus.X;
import static io.shmlane.litmus.Litmus.Y;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.litmus.Litmus.Kind;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * IRIW: x = 1 || y = 1 || r1 = x; r2 = y || r3 = y; r4 = x. Two readers that disagree on the
 * order of two independent stores is allowed for every mode but volatile.
 */
public final class IndependentReads {
    private IndependentReads() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void writeX() {
            Litmus.store(kind(), m, X, 1);
        }

        @Actor
        public void writeY() {
            Litmus.store(kind(), m, Y, 1);
        }

        @Actor
        public void readXY(final IIII_Result r) {
            r.r1 = Litmus.load(kind(), m, X);
            r.r2 = Litmus.load(kind(), m, Y);
        }

        @Actor
        public void readYX(final IIII_Result r) {
            r.r3 = Litmus.load(kind(), m, Y);
            r.r4 = Litmus.load(kind(), m, X);
        }
    }

    @JCStressTest
    @Outcome(
            id = {
                "0, 0, 0, 0",
                "0, 0, 0, 1",
                "0, 0, 1, 0",
                "0, 0, 1, 1",
                "0, 1, 0, 0",
                "0, 1, 0, 1",
                "0, 1, 1, 0",
                "0, 1, 1, 1",
                "1, 0, 0, 0",
                "1, 0, 0, 1",
                "1, 0, 1, 1",
                "1, 1, 0, 0",
                "1, 1, 0, 1",
                "1, 1, 1, 0",
                "1, 1, 1, 1"
            },
            expect = ACCEPTABLE,
            desc = "the readers agree on an order of the two stores")
    @Outcome(
            id = "1, 0, 1, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the readers disagree on the order of independent stores")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Plain extends Base {
        @Override
        Kind kind() {
            return Kind.PLAIN;
        }
    }

    @JCStressTest
    @Outcome(
            id = {
                "0, 0, 0, 0",
                "0, 0, 0, 1",
                "0, 0, 1, 0",
                "0, 0, 1, 1",
                "0, 1, 0, 0",
                "0, 1, 0, 1",
                "0, 1, 1, 0",
                "0, 1, 1, 1",
                "1, 0, 0, 0",
                "1, 0, 0, 1",
                "1, 0, 1, 1",
                "1, 1, 0, 0",
                "1, 1, 0, 1",
                "1, 1, 1, 0",
                "1, 1, 1, 1"
            },
            expect = ACCEPTABLE,
            desc = "the readers agree on an order of the two stores")
    @Outcome(
            id = "1, 0, 1, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the readers disagree on the order of independent stores")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Opaque extends Base {
        @Override
        Kind kind() {
            return Kind.OPAQUE;
        }
    }

    @JCStressTest
    @Outcome(
            id = {
                "0, 0, 0, 0",
                "0, 0, 0, 1",
                "0, 0, 1, 0",
                "0, 0, 1, 1",
                "0, 1, 0, 0",
                "0, 1, 0, 1",
                "0, 1, 1, 0",
                "0, 1, 1, 1",
                "1, 0, 0, 0",
                "1, 0, 0, 1",
                "1, 0, 1, 1",
                "1, 1, 0, 0",
                "1, 1, 0, 1",
                "1, 1, 1, 0",
                "1, 1, 1, 1"
            },
            expect = ACCEPTABLE,
            desc = "the readers agree on an order of the two stores")
    @Outcome(
            id = "1, 0, 1, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "the readers disagree on the order of independent stores")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class ReleaseAcquire extends Base {
        @Override
        Kind kind() {
            return Kind.RELEASE_ACQUIRE;
        }
    }

    @JCStressTest
    @Outcome(
            id = {
                "0, 0, 0, 0",
                "0, 0, 0, 1",
                "0, 0, 1, 0",
                "0, 0, 1, 1",
                "0, 1, 0, 0",
                "0, 1, 0, 1",
                "0, 1, 1, 0",
                "0, 1, 1, 1",
                "1, 0, 0, 0",
                "1, 0, 0, 1",
                "1, 0, 1, 1",
                "1, 1, 0, 0",
                "1, 1, 0, 1",
                "1, 1, 1, 0",
                "1, 1, 1, 1"
            },
            expect = ACCEPTABLE,
            desc = "the readers agree on an order of the two stores")
    @Outcome(id = "1, 0, 1, 0", expect = FORBIDDEN, desc = "volatile accesses are totally ordered")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
