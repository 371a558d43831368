package io.shmlane.jcstress;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * How jcstress grades an outcome of a test, from the compiled test list, as its {@code TestGrading}
 * does: an outcome id equal to the outcome first, then the first id whose pattern matches, then the
 * catch-all. For the single-threaded checks that the tests' outcome strings and ids agree.
 */
public final class Grading {
    private Grading() {}

    /** The expectation jcstress gives {@code outcome} (a result's {@code toString()}) of {@code test}. */
    public static Expect expectOf(final Class<?> test, final Object outcome) {
        String state = String.valueOf(outcome);
        TestInfo info = TestList.getInfo(test.getCanonicalName());
        for (StateCase c : info.cases()) {
            if (c.matchesExactly(state)) {
                return c.expect();
            }
        }
        for (StateCase c : info.cases()) {
            if (c.matches(state)) {
                return c.expect();
            }
        }
        return info.unmatched().expect();
    }
}
