package io.shmlane.hunt;

import io.shmlane.results.PitCheck;
import io.shmlane.results.PitSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the hunt's {@code --pit} requires of a PIT run checked by {@link PitCheck} (the rule shared with the report):
 * every mutant no test killed is justified in its module's {@code pit-equivalents.txt} ({@code protocol/}, {@code cli/}), and the test strength reaches
 * {@link #REQUIRED_TEST_STRENGTH}.
 */
final class PitResults {
    /** The test strength the library and the command line must reach together. */
    static final double REQUIRED_TEST_STRENGTH = 0.90;

    private PitResults() {}

    /** What is wrong with a checked run: unjustified survivors, a test strength below the requirement. */
    static List<String> problems(final PitSummary summary) {
        List<String> problems = new ArrayList<>();
        for (PitSummary.Unkilled m : summary.unkilled()) {
            if (m.equivalent() == null) {
                problems.add(String.format(
                        Locale.ROOT,
                        "unjustified %s mutant %s#%s line %s, %s: %s (kill it with a test, or list it in %s)",
                        m.status(),
                        m.mutatedClass(),
                        m.method(),
                        m.line(),
                        m.mutator(),
                        m.description(),
                        PitCheck.equivalentsLists()));
            }
        }
        Double strength = summary.testStrength();
        if (strength == null || strength < REQUIRED_TEST_STRENGTH) {
            problems.add(String.format(
                    Locale.ROOT,
                    "test strength %s is below %.0f %%",
                    strength == null ? "?" : String.format(Locale.ROOT, "%.1f %%", strength * 100),
                    REQUIRED_TEST_STRENGTH * 100));
        }
        return problems;
    }
}
