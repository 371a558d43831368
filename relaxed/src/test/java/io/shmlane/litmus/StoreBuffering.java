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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * SB: x = 1; r1 = y || y = 1; r2 = x. Both reading 0 is allowed for every mode but volatile.
 */
public final class StoreBuffering {
    private StoreBuffering() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void first(final II_Result r) {
            Litmus.store(kind(), m, X, 1);
            r.r1 = Litmus.load(kind(), m, Y);
        }

        @Actor
        public void second(final II_Result r) {
            Litmus.store(kind(), m, Y, 1);
            r.r2 = Litmus.load(kind(), m, X);
        }
    }

    @JCStressTest
    @Outcome(
            id = {"0, 1", "1, 0", "1, 1"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(
            id = "0, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "both loads before the other store is visible: store buffering")
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
            id = {"0, 1", "1, 0", "1, 1"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(
            id = "0, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "both loads before the other store is visible: store buffering")
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
            id = {"0, 1", "1, 0", "1, 1"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(
            id = "0, 0",
            expect = ACCEPTABLE_INTERESTING,
            desc = "both loads before the other store is visible: store buffering")
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
            id = {"0, 1", "1, 0", "1, 1"},
            expect = ACCEPTABLE,
            desc = "an interleaving explains it")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "volatile accesses are totally ordered")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
