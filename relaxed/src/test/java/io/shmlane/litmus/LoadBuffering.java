package io.shmlane.litmus;

import static io.shmlane.litmus.Litmus.X;
import static io.shmlane.litmus.Litmus.Y;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.litmus.Litmus.Kind;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * LB: r1 = x; y = 1 || r2 = y; x = 1. The model never lets a load read a store that is later than
 * it in another thread's causal past, so 1, 1 is never produced: stronger than the JMM for plain and
 * opaque (see the README); the race check reports the plain variant instead.
 */
public final class LoadBuffering {
    private LoadBuffering() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void first(final II_Result r) {
            r.r1 = Litmus.load(kind(), m, X);
            Litmus.store(kind(), m, Y, 1);
        }

        @Actor
        public void second(final II_Result r) {
            r.r2 = Litmus.load(kind(), m, Y);
            Litmus.store(kind(), m, X, 1);
        }
    }

    @JCStressTest
    @Outcome(
            id = {"0, 0", "0, 1", "1, 0"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(
            id = "1, 1",
            expect = FORBIDDEN,
            desc =
                    "load buffering: allowed by the JMM for plain and opaque, never produced by the model (README: limits)")
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
            id = {"0, 0", "0, 1", "1, 0"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(
            id = "1, 1",
            expect = FORBIDDEN,
            desc =
                    "load buffering: allowed by the JMM for plain and opaque, never produced by the model (README: limits)")
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
            id = {"0, 0", "0, 1", "1, 0"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "load buffering: forbidden for this mode")
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
            id = {"0, 0", "0, 1", "1, 0"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "load buffering: forbidden for this mode")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
