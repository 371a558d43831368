package io.shmlane.relaxed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.Outcome;

/**
 * The model against the litmus table (README): for every shape and access mode, every outcome the
 * test marks ACCEPTABLE or ACCEPTABLE_INTERESTING is produced within a bounded number of executions,
 * and no FORBIDDEN one ever. A model that allows too little fails here as surely as one that allows
 * too much.
 */
class LitmusTest {
    /** The bound: every allowed outcome must show within this many executions. */
    private static final int EXECUTIONS = Integer.getInteger("relaxed.litmus.executions", 20_000);
    /** Executions run at least, in rounds of this size, so that a forbidden outcome has its chances. */
    private static final int ROUND = 2_000;

    private static final RelaxedClassLoader LOADER =
            new RelaxedClassLoader(LitmusTest.class.getClassLoader(), List.of("io.shmlane.litmus."));

    static Stream<String> litmusTests() {
        List<String> shapes = List.of(
                "MessagePassing",
                "StoreBuffering",
                "LoadBuffering",
                "TwoPlusTwoWrites",
                "CoherenceReadRead",
                "CoherenceWriteWrite",
                "IndependentReads");
        List<String> modes = List.of("Plain", "Opaque", "ReleaseAcquire", "Volatile");
        return shapes.stream().flatMap(s -> modes.stream().map(m -> "io.shmlane.litmus." + s + "$" + m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("litmusTests")
    void everyAllowedOutcomeIsProducedAndNoForbiddenOne(final String name) throws Exception {
        Class<?> test = LOADER.loadClass(name);
        Set<String> allowed = new TreeSet<>();
        for (Outcome o : test.getAnnotationsByType(Outcome.class)) {
            if (o.expect() == Expect.ACCEPTABLE || o.expect() == Expect.ACCEPTABLE_INTERESTING) {
                allowed.addAll(List.of(o.id()));
            }
        }
        Set<String> seen = new TreeSet<>();
        StringBuilder tables = new StringBuilder();
        for (int round = 0; round * ROUND < EXECUTIONS && !seen.containsAll(allowed); round++) {
            RelaxedResult result = RelaxedRunner.run(
                    test, RelaxedRunner.Settings.of(ROUND, 42 + round).racesAllowed());
            tables.append(result.describe());
            assertThat(result.passed()).as(result.describe()).isTrue();
            seen.addAll(result.rows().stream()
                    .filter(r -> r.count() > 0)
                    .map(RelaxedResult.Row::outcome)
                    .collect(Collectors.toList()));
        }
        assertThat(seen).as(tables.toString()).containsExactlyInAnyOrderElementsOf(allowed);
    }
}
