package io.shmlane.litmus;

import static io.shmlane.litmus.Litmus.X;
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
 * CoWW: x = 1; x = 2 || r1 = x, final value read after both. Stores of one thread to one location
 * take their program order, in every mode.
 */
public final class CoherenceWriteWrite {
    private CoherenceWriteWrite() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void writer() {
            Litmus.store(kind(), m, X, 1);
            Litmus.store(kind(), m, X, 2);
        }

        @Actor
        public void reader(final II_Result r) {
            r.r1 = Litmus.load(kind(), m, X);
        }

        @Arbiter
        public void arbiter(final II_Result r) {
            r.r2 = Litmus.load(Kind.VOLATILE, m, X);
        }
    }

    @JCStressTest
    @Outcome(
            id = {"0, 2", "1, 2", "2, 2"},
            expect = ACCEPTABLE,
            desc = "the later store of one thread is the final value")
    @Outcome(
            id = {".*, 1", ".*, 0"},
            expect = FORBIDDEN,
            desc = "coherence: two stores of one thread ordered against program order")
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
            id = {"0, 2", "1, 2", "2, 2"},
            expect = ACCEPTABLE,
            desc = "the later store of one thread is the final value")
    @Outcome(
            id = {".*, 1", ".*, 0"},
            expect = FORBIDDEN,
            desc = "coherence: two stores of one thread ordered against program order")
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
            id = {"0, 2", "1, 2", "2, 2"},
            expect = ACCEPTABLE,
            desc = "the later store of one thread is the final value")
    @Outcome(
            id = {".*, 1", ".*, 0"},
            expect = FORBIDDEN,
            desc = "coherence: two stores of one thread ordered against program order")
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
            id = {"0, 2", "1, 2", "2, 2"},
            expect = ACCEPTABLE,
            desc = "the later store of one thread is the final value")
    @Outcome(
            id = {".*, 1", ".*, 0"},
            expect = FORBIDDEN,
            desc = "coherence: two stores of one thread ordered against program order")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
