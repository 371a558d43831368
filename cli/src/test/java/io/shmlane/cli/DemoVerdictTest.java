package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The demo passes a run exactly when the consumer's own checker found the stream whole, and says why not. */
class DemoVerdictTest {
    @Test
    void shouldPassACleanRunOfTheRealConsumerSummary() {
        SequenceChecker checker = new SequenceChecker(0);
        for (long n = 0; n < 1000; n++) {
            checker.accept(n, n);
        }
        assertThat(DemoVerdict.problem(1000, 0, 0, checker.summary(0.5) + " channel=ring end=eos"))
                .isEmpty();
    }

    /** Any stream of N values (clean, or with losses, repeats and swaps) fed to the consumer's real checker. */
    @Property(tries = 300)
    void shouldPassExactlyTheStreamsTheCheckerFindsWhole(
            @ForAll("streams") final List<Long> stream, @ForAll @IntRange(min = 1, max = 40) final int sent) {
        SequenceChecker checker = new SequenceChecker(0);
        for (long n : stream) {
            checker.accept(n, n);
        }
        boolean whole = checker.clean() && checker.received() == sent;

        assertThat(DemoVerdict.problem(sent, 0, 0, checker.summary(1.0) + " channel=ring end=eos")
                        .isEmpty())
                .as("stream %s of %d sent, summary %s", stream, sent, checker.summary(1.0))
                .isEqualTo(whole);
    }

    @Provide
    Arbitrary<List<Long>> streams() {
        Arbitrary<List<Long>> clean = Arbitraries.integers().between(0, 40).map(DemoVerdictTest::upTo);
        Arbitrary<List<Long>> damaged = Arbitraries.integers()
                .between(0, 40)
                .map(DemoVerdictTest::upTo)
                .flatMap(list -> Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers()
                        .between(0, Math.max(0, list.size() - 1))
                        .map(at -> damage(list, kind, at))));
        return Arbitraries.oneOf(clean, damaged);
    }

    private static List<Long> upTo(final int count) {
        List<Long> list = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            list.add(n);
        }
        return list;
    }

    private static List<Long> damage(final List<Long> clean, final int kind, final int at) {
        List<Long> list = new ArrayList<>(clean);
        if (list.isEmpty()) {
            return list;
        }
        switch (kind) {
            case 0 -> list.remove(at); // lost
            case 1 -> list.add(at, list.get(at)); // adjacent duplicate
            case 2 -> list.add(list.get(at)); // distant duplicate
            default -> {
                if (at + 1 < list.size()) { // swap
                    Long swapped = list.set(at, list.get(at + 1));
                    list.set(at + 1, swapped);
                }
            }
        }
        return list;
    }

    @Test
    void shouldBlameEitherChildThatFailed() {
        String clean = "received=3 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=2";
        assertThat(DemoVerdict.problem(3, 0, 6, clean)).contains("consumer exit 6");
        assertThat(DemoVerdict.problem(3, 3, 0, clean)).contains("producer exit 3");
    }

    @Test
    void shouldFailASummaryThatLacksACount() {
        assertThat(DemoVerdict.problem(3, 0, 0, "received=3 gaps=0 duplicates=0 torn=0"))
                .hasValueSatisfying(why -> assertThat(why).contains("reordered"));
        assertThat(DemoVerdict.problem(3, 0, 0, "(could not read output: java.io.IOException)"))
                .isPresent();
    }

    @Test
    void shouldFailARunThatEndedEarlyWithoutAGap() {
        assertThat(DemoVerdict.problem(5, 0, 0, "received=3 gaps=0 duplicates=0 reordered=0 torn=0"))
                .contains("received=3 of 5 sent");
    }
}
