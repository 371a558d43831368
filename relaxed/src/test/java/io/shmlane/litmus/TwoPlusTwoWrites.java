package io.shmlane.litmus;

import static io.shmlane.litmus.Litmus.X;
import static io.shmlane.litmus.Litmus.Y;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.litmus.Litmus.Kind;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * 2+2W: x = 1; y = 2 || y = 1; x = 2, final values read after both. The model's modification
 * order is the order stores execute in, so 1, 1 is never produced (see the README).
 */
public final class TwoPlusTwoWrites {
    private TwoPlusTwoWrites() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void first() {
            Litmus.store(kind(), m, X, 1);
            Litmus.store(kind(), m, Y, 2);
        }

        @Actor
        public void second() {
            Litmus.store(kind(), m, Y, 1);
            Litmus.store(kind(), m, X, 2);
        }

        @Arbiter
        public void arbiter(final II_Result r) {
            r.r1 = Litmus.load(Kind.VOLATILE, m, X);
            r.r2 = Litmus.load(Kind.VOLATILE, m, Y);
        }
    }

    @JCStressTest
    @Outcome(
            id = {"1, 2", "2, 1", "2, 2"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains the final values")
    @Outcome(
            id = "1, 1",
            expect = FORBIDDEN,
            desc = "2+2W: allowed by the JMM except for volatile, never produced by the model (README: limits)")
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
            id = {"1, 2", "2, 1", "2, 2"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains the final values")
    @Outcome(
            id = "1, 1",
            expect = FORBIDDEN,
            desc = "2+2W: allowed by the JMM except for volatile, never produced by the model (README: limits)")
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
            id = {"1, 2", "2, 1", "2, 2"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains the final values")
    @Outcome(
            id = "1, 1",
            expect = FORBIDDEN,
            desc = "2+2W: allowed by the JMM except for volatile, never produced by the model (README: limits)")
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
            id = {"1, 2", "2, 1", "2, 2"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains the final values")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "2+2W: forbidden for volatile")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
