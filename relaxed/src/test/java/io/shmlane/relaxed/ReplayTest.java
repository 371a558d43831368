package io.shmlane.relaxed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed is the whole execution: replaying it gives the same outcome and the same trace. */
class ReplayTest {
    private static final RelaxedClassLoader LOADER =
            new RelaxedClassLoader(ReplayTest.class.getClassLoader(), List.of("io.shmlane.litmus."));

    @Test
    void aFailingSeedReplaysTheSameOutcomeAndTrace() throws Exception {
        // MP with release/acquire on the flag, run as if its stale outcome were forbidden: the plain variant
        Class<?> test = LOADER.loadClass("io.shmlane.litmus.MessagePassing$Plain");
        RelaxedResult run = RelaxedRunner.run(test, RelaxedRunner.Settings.of(5_000, 7));
        assertThat(run.passed())
                .as("plain MP races: the run must fail on its first race")
                .isFalse();
        assertThat(run.failureReplayed()).as(run.describe()).isTrue();

        RelaxedRunner.Replay first = RelaxedRunner.replay(test, run.failureSeed(), RelaxedRunner.DEFAULT_STEP_LIMIT);
        RelaxedRunner.Replay second = RelaxedRunner.replay(test, run.failureSeed(), RelaxedRunner.DEFAULT_STEP_LIMIT);
        assertThat(first.outcome()).isEqualTo(run.failureOutcome());
        assertThat(first.failure()).isEqualTo(run.failureReason()).contains("data race");
        assertThat(second.trace()).isEqualTo(first.trace()).isNotEmpty();
    }

    @Test
    void theStaleReadOfMessagePassingIsTracedWithTheNewerStoreItMissed() throws Exception {
        Class<?> test = LOADER.loadClass("io.shmlane.litmus.MessagePassing$Opaque");
        RelaxedResult run =
                RelaxedRunner.run(test, RelaxedRunner.Settings.of(20_000, 3).racesAllowed());
        RelaxedResult.Row stale = run.rows().stream()
                .filter(r -> r.outcome().equals("1, 0"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.describe()));

        RelaxedRunner.Replay replay = RelaxedRunner.replay(test, stale.firstSeed(), RelaxedRunner.DEFAULT_STEP_LIMIT);
        assertThat(replay.outcome()).isEqualTo("1, 0");
        assertThat(String.join("\n", replay.trace()))
                .contains("load  plain")
                .contains("STALE: a newer store exists (store 1 by writer");
    }

    @Test
    void aModelThatForbidsTooLittleIsCaught() throws Exception {
        // release/acquire MP never shows the stale outcome: the forbidden row stays empty
        Class<?> test = LOADER.loadClass("io.shmlane.litmus.MessagePassing$ReleaseAcquire");
        RelaxedResult run =
                RelaxedRunner.run(test, RelaxedRunner.Settings.of(20_000, 5).racesAllowed());
        assertThat(run.count("1, 0")).as(run.describe()).isZero();
        assertThat(run.count("1, 1")).as(run.describe()).isPositive();
    }
}
