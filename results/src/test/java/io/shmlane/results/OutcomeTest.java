package io.shmlane.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {
    @Test
    void shouldReadEveryNameInAnyCaseAndTheOlderWords() {
        assertThat(Outcome.of("pass")).isEqualTo(Outcome.PASS);
        assertThat(Outcome.of("passed")).isEqualTo(Outcome.PASS);
        assertThat(Outcome.of("failed")).isEqualTo(Outcome.FAIL);
        assertThat(Outcome.of("skipped")).isEqualTo(Outcome.SKIPPED);
        assertThat(Outcome.of("stopped")).isEqualTo(Outcome.STOPPED);
        assertThat(Outcome.of("NOT_RUN")).isEqualTo(Outcome.NOT_RUN);
        assertThat(Outcome.of(" Tolerated ")).isEqualTo(Outcome.TOLERATED);
    }

    @Test
    void shouldRefuseAWordThatIsNoOutcome() {
        assertThatThrownBy(() -> Outcome.of("green")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFailOnlyOnAFailureOrAnErrorAndPassOnlyWhenPassedOrTolerated() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(outcome.failed())
                    .as(outcome.name())
                    .isEqualTo(outcome == Outcome.FAIL || outcome == Outcome.ERROR);
            assertThat(outcome.passes())
                    .as(outcome.name())
                    .isEqualTo(outcome == Outcome.PASS || outcome == Outcome.TOLERATED);
        }
    }
}
