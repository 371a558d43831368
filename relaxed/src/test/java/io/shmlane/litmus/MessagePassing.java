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
 * MP: x = 1 (plain); y = 1 || r1 = y; r2 = x (plain), the flag y accessed in the variant's mode.
 * Seeing the flag and not the data is allowed without release/acquire.
 */
public final class MessagePassing {
    private MessagePassing() {}

    abstract static class Base {
        final ByteBuffer m = Litmus.memory();

        abstract Kind kind();

        @Actor
        public void writer() {
            Litmus.store(Kind.PLAIN, m, X, 1);
            Litmus.store(kind(), m, Y, 1);
        }

        @Actor
        public void reader(final II_Result r) {
            r.r1 = Litmus.load(kind(), m, Y);
            r.r2 = Litmus.load(Kind.PLAIN, m, X);
        }
    }

    @JCStressTest
    @Outcome(
            id = {"0, 0", "0, 1", "1, 1"},
            expect = ACCEPTABLE,
            desc = "flag not seen, or flag and data seen")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "flag seen, data stale: nothing orders them")
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
            id = {"0, 0", "0, 1", "1, 1"},
            expect = ACCEPTABLE,
            desc = "flag not seen, or flag and data seen")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "flag seen, data stale: nothing orders them")
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
            id = {"0, 0", "0, 1", "1, 1"},
            expect = ACCEPTABLE,
            desc = "flag not seen, or flag and data seen")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen, data stale: the release/acquire pair forbids it")
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
            id = {"0, 0", "0, 1", "1, 1"},
            expect = ACCEPTABLE,
            desc = "flag not seen, or flag and data seen")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen, data stale: the release/acquire pair forbids it")
    @Outcome(expect = FORBIDDEN, desc = "no execution of the model gives this")
    @State
    public static class Volatile extends Base {
        @Override
        Kind kind() {
            return Kind.VOLATILE;
        }
    }
}
