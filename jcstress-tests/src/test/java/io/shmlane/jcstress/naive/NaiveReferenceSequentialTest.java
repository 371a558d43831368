package io.shmlane.jcstress.naive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import io.shmlane.jcstress.Grading;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.results.IL_Result;
import org.openjdk.jcstress.infra.results.LL_Result;

/** The naive reference tests run single-threaded: their outcomes land on the rows that explain them. */
class NaiveReferenceSequentialTest {
    @Test
    void shouldSeeWholeMessageOrNothingInOrder() {
        NaiveReference.Publication early = new NaiveReference.Publication();
        IL_Result before = new IL_Result();
        early.consumer(before);
        NaiveReference.Publication late = new NaiveReference.Publication();
        late.producer();
        IL_Result after = new IL_Result();
        late.consumer(after);

        assertThat(before).hasToString("-1, NONE");
        assertThat(after).hasToString("24, A");
        assertThat(Grading.expectOf(NaiveReference.Publication.class, before)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(NaiveReference.Publication.class, after)).isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldLoseMessageWhenProducerDoesNotWait() {
        NaiveReference.OverwriteWithoutAck lost = new NaiveReference.OverwriteWithoutAck();
        LL_Result r1 = new LL_Result();
        lost.producer();
        lost.consumer(r1);
        lost.arbiter(r1);
        NaiveReference.OverwriteWithoutAck lucky = new NaiveReference.OverwriteWithoutAck();
        LL_Result r2 = new LL_Result();
        lucky.consumer(r2);
        lucky.producer();
        lucky.arbiter(r2);

        assertThat(r1).hasToString("B, NONE");
        assertThat(r2).hasToString("A, B");
        assertThat(Grading.expectOf(NaiveReference.OverwriteWithoutAck.class, r1))
                .isEqualTo(ACCEPTABLE_INTERESTING);
        assertThat(Grading.expectOf(NaiveReference.OverwriteWithoutAck.class, r2))
                .isEqualTo(ACCEPTABLE);
    }
}
