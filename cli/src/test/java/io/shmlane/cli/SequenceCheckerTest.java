package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.cli.SequenceChecker.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The consumer's own checker against every kind of bad stream: each message counted once, under one name. */
class SequenceCheckerTest {
    private final List<Verdict> verdicts = new ArrayList<>();

    /** Feeds messages whose record sequence equals their N. */
    private SequenceChecker feed(final long expectedFirst, final long... ns) {
        SequenceChecker checker = new SequenceChecker(expectedFirst);
        for (long n : ns) {
            verdicts.add(checker.accept(n, n));
        }
        return checker;
    }

    private static String counts(final SequenceChecker checker) {
        return checker.counts();
    }

    @Test
    void shouldAcceptACleanStream() {
        SequenceChecker checker = feed(0, 0, 1, 2, 3);
        assertThat(checker.clean()).isTrue();
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=0");
        assertThat(checker.firstProblem()).isNull();
        assertThat(checker.summary(1.0)).startsWith("received=4 gaps=0").contains(" first=0 last=3 ");
    }

    @Test
    void shouldResumeFromTheExpectedFirstMessage() {
        assertThat(feed(5, 5, 6, 7).clean()).isTrue();
        SequenceChecker lostFirst = feed(5, 6, 7);
        assertThat(counts(lostFirst)).isEqualTo("gaps=1 duplicates=0 reordered=0 torn=0");
        assertThat(lostFirst.firstProblem()).isEqualTo("gap: Msg-5 missing before Msg-6");
    }

    @Test
    void shouldCountAGapAndNameItsFirstMessage() {
        SequenceChecker checker = feed(0, 0, 1, 4, 5);
        assertThat(counts(checker)).isEqualTo("gaps=2 duplicates=0 reordered=0 torn=0");
        assertThat(checker.firstProblem()).isEqualTo("gap: Msg-2 to Msg-3 missing before Msg-4");
        assertThat(checker.firstMissing()).isEqualTo(2);
        assertThat(verdicts).containsExactly(Verdict.IN_ORDER, Verdict.IN_ORDER, Verdict.AFTER_GAP, Verdict.IN_ORDER);
    }

    @Test
    void shouldCountALostLastMessageAsNothingReceivedAfterIt() {
        // the checker cannot know about a missing tail; the process tests compare with what was produced
        assertThat(feed(0, 0, 1).clean()).isTrue();
    }

    @Test
    void shouldCountAnAdjacentDuplicateOnce() {
        SequenceChecker checker = feed(0, 0, 1, 1, 2);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=1 reordered=0 torn=0");
        assertThat(checker.firstProblem()).isEqualTo("duplicate: Msg-1 arrived again");
    }

    @Test
    void shouldCountADistantDuplicateOnce() {
        SequenceChecker checker = feed(0, 0, 1, 2, 3, 4, 5, 6, 1, 7);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=1 reordered=0 torn=0");
        assertThat(checker.firstProblem()).isEqualTo("duplicate: Msg-1 arrived again");
    }

    @Test
    void shouldCountASwapAsOneReorderingNotAGapAndADuplicate() {
        SequenceChecker checker = feed(0, 0, 2, 1, 3);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=1 torn=0");
        assertThat(checker.clean()).isFalse();
        assertThat(checker.firstMissing()).isEqualTo(-1);
        assertThat(verdicts).containsExactly(Verdict.IN_ORDER, Verdict.AFTER_GAP, Verdict.LATE, Verdict.IN_ORDER);
    }

    @Test
    void shouldCountALateMessageThatArrivesTwiceAsLateThenDuplicate() {
        SequenceChecker checker = feed(0, 0, 3, 1, 1, 2);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=1 reordered=2 torn=0");
    }

    @Test
    void shouldCountARestartedSequenceAsDuplicates() {
        SequenceChecker checker = feed(0, 0, 1, 2, 0, 1, 2, 3);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=3 reordered=0 torn=0");
        assertThat(checker.firstProblem()).isEqualTo("duplicate: Msg-0 arrived again");
    }

    @Test
    void shouldCountATornFirstMessageOnceAsTornNotAlsoAsAGap() {
        // issue 16 item 8: a torn Msg-0 counted as torn=1 and gaps=1
        SequenceChecker checker = new SequenceChecker(0);
        assertThat(checker.accept(0, MessageCodec.BAD_CHECKSUM)).isEqualTo(Verdict.TORN);
        checker.accept(1, 1);
        checker.accept(2, 2);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=1");
        assertThat(checker.firstProblem())
                .isEqualTo("torn: the message at sequence 0 (Msg-0 expected) failed its checksum");
    }

    @Test
    void shouldCountAMalformedMessageAsTorn() {
        SequenceChecker checker = new SequenceChecker(0);
        checker.accept(0, 0);
        assertThat(checker.accept(1, MessageCodec.MALFORMED)).isEqualTo(Verdict.TORN);
        checker.accept(2, 2);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=1");
    }

    @Test
    void shouldCountARecordWhoseSequenceWasChangedOnceAsTorn() {
        // issue 16 item 8: Msg-0 in a record with sequence 7 reported duplicates=6 that never happened
        SequenceChecker checker = new SequenceChecker(0);
        assertThat(checker.accept(7, 0)).isEqualTo(Verdict.TORN);
        for (long n = 1; n < 10; n++) {
            assertThat(checker.accept(n, n)).isEqualTo(Verdict.IN_ORDER);
        }
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=1");
        assertThat(checker.firstProblem()).isEqualTo("torn: Msg-0 arrived in a record with sequence 7");
    }

    @Test
    void shouldNotCheckTheSequenceOfAChannelWithoutOne() {
        SequenceChecker checker = new SequenceChecker(0);
        checker.accept(SequenceChecker.NO_SEQUENCE, 0);
        checker.accept(SequenceChecker.NO_SEQUENCE, MessageCodec.BAD_CHECKSUM);
        checker.accept(SequenceChecker.NO_SEQUENCE, 2);
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=1");
        assertThat(checker.firstProblem()).startsWith("torn: a message (Msg-1 expected)");
    }

    @Test
    void shouldFillGapsInAnyOrderAndKeepTheRestMissing() {
        SequenceChecker checker = feed(0, 0, 10, 5, 3, 7, 11);
        assertThat(counts(checker)).isEqualTo("gaps=6 duplicates=0 reordered=3 torn=0");
        assertThat(checker.firstMissing()).isEqualTo(1);
        assertThat(checker.summary(1)).contains(" first_missing=Msg-1 ");
        SequenceChecker filled = feed(0, 0, 4, 1, 2, 3);
        assertThat(counts(filled)).isEqualTo("gaps=0 duplicates=0 reordered=3 torn=0");
        assertThat(filled.firstMissing()).isEqualTo(-1);
    }

    @Test
    void shouldTakeTheMessageRightAfterAGapArrivingAgainForADuplicateNotAFilledGap() {
        SequenceChecker checker = feed(0, 0, 3, 3);
        assertThat(counts(checker)).isEqualTo("gaps=2 duplicates=1 reordered=0 torn=0");
        assertThat(verdicts).containsExactly(Verdict.IN_ORDER, Verdict.AFTER_GAP, Verdict.DUPLICATE);
    }

    @Test
    void shouldNameAMissingMsg0AndComputeTheRate() {
        SequenceChecker checker = feed(0, 1, 2, 3, 4);
        assertThat(checker.summary(2.0))
                .isEqualTo("received=4 gaps=1 duplicates=0 reordered=0 torn=0 first=1 last=4 first_missing=Msg-0"
                        + " seconds=2.000 rate=2");
        assertThat(feed(0).summary(0.0)).endsWith(" seconds=0.000 rate=0");
    }

    @Test
    void shouldCountATornMessageThatFillsAGapOrRepeatsOneOnlyAsTorn() {
        SequenceChecker checker = new SequenceChecker(0);
        checker.accept(0, 0);
        checker.accept(2, 2);
        assertThat(checker.accept(9, 1)).isEqualTo(Verdict.TORN); // Msg-1, intact, in a record with sequence 9
        assertThat(checker.accept(8, 2)).isEqualTo(Verdict.TORN); // Msg-2 again, in a record with sequence 8
        assertThat(counts(checker)).isEqualTo("gaps=0 duplicates=0 reordered=0 torn=2");
        assertThat(checker.received()).isEqualTo(4);
    }
}
