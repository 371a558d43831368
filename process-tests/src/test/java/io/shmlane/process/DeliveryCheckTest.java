package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checker the process tests rely on must catch every kind of delivery failure. */
class DeliveryCheckTest {
    @Test
    void shouldAcceptEveryMessageOnceInOrder() {
        DeliveryReport report = DeliveryCheck.expectingRange(5)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .run();

        assertThat(report.exactlyOnceInOrder()).as(report.toString()).isTrue();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void shouldNameTheFirstLostMessage() {
        DeliveryReport report = DeliveryCheck.expectingRange(6)
                .delivered("c1", LongList.of(0, 1, 3, 5))
                .run();

        assertThat(report.lost).isEqualTo(2);
        assertThat(report.firstLost).isEqualTo(2);
        assertThat(report.problems())
                .containsExactly("first lost: Msg-2 never consumed (expected after Msg-1); 2 lost in all");
    }

    @Test
    void shouldCountDuplicatesAndReorderings() {
        DeliveryReport report = DeliveryCheck.expectingRange(4)
                .delivered("c1", LongList.of(0, 2, 1, 2, 3))
                .run();

        assertThat(report.duplicated).isEqualTo(1);
        assertThat(report.reordered).isEqualTo(1);
        assertThat(report.lost).isZero();
        assertThat(report.problems())
                .containsExactly(
                        "first reordering: Msg-1 after Msg-2 (c1 message line 3)",
                        "first duplicate: Msg-2 delivered again (c1 message line 4)");
    }

    @Test
    void shouldCountRedeliveryAtTheKillPointWithinTheWindow() {
        DeliveryReport report = DeliveryCheck.expectingRange(8)
                .redeliveryWindow(3)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .delivered("c2", LongList.of(2, 3, 4, 5, 6, 7), true)
                .run();

        assertThat(report.exactlyOnceInOrder()).as(report.toString()).isTrue();
        assertThat(report.redelivered).isEqualTo(3);
    }

    @Test
    void shouldTreatRedeliveryBeyondTheWindowAsDuplicates() {
        DeliveryReport report = DeliveryCheck.expectingRange(8)
                .redeliveryWindow(2)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .delivered("c2", LongList.of(2, 3, 4, 5, 6, 7), true)
                .run();

        assertThat(report.redelivered).isEqualTo(2);
        assertThat(report.duplicated).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.contains("beyond the unacknowledged window of 2"));
    }

    @Test
    void shouldNotAllowRedeliveryWithoutAKill() {
        DeliveryReport report = DeliveryCheck.expectingRange(4)
                .redeliveryWindow(8)
                .delivered("c1", LongList.of(0, 1, 2))
                .delivered("c2", LongList.of(2, 3), false)
                .run();

        assertThat(report.duplicated).isEqualTo(1);
        assertThat(report.redelivered).isZero();
    }

    @Test
    void shouldReportMessagesThatWereNeverProduced() {
        DeliveryReport report = DeliveryCheck.expecting(LongList.of(10, 11, 12))
                .delivered("c1", LongList.of(10, 11, 99, 12))
                .run();

        assertThat(report.unexpected).isEqualTo(1);
        assertThat(report.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void shouldFailOnTornPayloads() {
        DeliveryReport report = DeliveryCheck.expectingRange(2)
                .delivered("c1", LongList.of(0, 1))
                .torn(1)
                .run();

        assertThat(report.exactlyOnceInOrder()).isFalse();
        assertThat(report.problems()).containsExactly("first torn: 1 payloads failed their checksum");
    }

    @Test
    void shouldNotTakeARedeliveryThatSkipsToNewMessagesForTheUnacknowledgedBatch() {
        // a restarted consumer resumes at the shared head: it cannot deliver 1 and 2 again and skip 3 and 4
        DeliveryReport report = DeliveryCheck.expectingRange(7)
                .redeliveryWindow(8)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .delivered("c2", LongList.of(1, 2, 5, 6), true)
                .run();

        assertThat(report.redelivered).isZero();
        assertThat(report.duplicated).isEqualTo(2);
        assertThat(report.exactlyOnceInOrder()).isFalse();
        assertThat(report.problems()).containsExactly("first duplicate: Msg-1 delivered again (c2 message line 1)");
    }

    @Test
    void shouldCountTheOldestOfATooLongRedeliveryAsDuplicates() {
        DeliveryReport report = DeliveryCheck.expectingRange(6)
                .redeliveryWindow(3)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .delivered("c2", LongList.of(0, 1, 2, 3, 4, 5), true)
                .run();

        assertThat(report.redelivered).isEqualTo(3);
        assertThat(report.duplicated).isEqualTo(2);
        assertThat(report.problems())
                .containsExactly(
                        "first duplicate: Msg-0 redelivered after the kill beyond the unacknowledged window of 3"
                                + " (c2 message line 1)");
    }

    @Test
    void shouldCountAnAdjacentDuplicate() {
        DeliveryReport report = DeliveryCheck.expectingRange(3)
                .delivered("c1", LongList.of(0, 1, 1, 2))
                .run();

        assertThat(report.duplicated).isEqualTo(1);
        assertThat(report.reordered).isZero();
        assertThat(report.lost).isZero();
        assertThat(report.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void shouldCountADistantDuplicate() {
        DeliveryReport report = DeliveryCheck.expectingRange(6)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4, 0, 5))
                .run();

        assertThat(report.duplicated).isEqualTo(1);
        assertThat(report.problems()).containsExactly("first duplicate: Msg-0 delivered again (c1 message line 6)");
    }

    @Test
    void shouldCountASwapAsOneReorderingOnly() {
        DeliveryReport report = DeliveryCheck.expectingRange(4)
                .delivered("c1", LongList.of(0, 2, 1, 3))
                .run();

        assertThat(report.reordered).isEqualTo(1);
        assertThat(report.duplicated).isZero();
        assertThat(report.lost).isZero();
        assertThat(report.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void shouldCountARestartedSequenceAsDuplicates() {
        DeliveryReport report = DeliveryCheck.expectingRange(4)
                .delivered("c1", LongList.of(0, 1, 2, 0, 1, 2, 3))
                .run();

        assertThat(report.duplicated).isEqualTo(3);
        assertThat(report.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void shouldCountALostLastMessageAndAnEmptyDelivery() {
        DeliveryReport lastLost = DeliveryCheck.expectingRange(3)
                .delivered("c1", LongList.of(0, 1))
                .run();
        assertThat(lastLost.lost).isEqualTo(1);
        assertThat(lastLost.firstLost).isEqualTo(2);

        DeliveryReport nothing =
                DeliveryCheck.expectingRange(3).delivered("c1", LongList.of()).run();
        assertThat(nothing.lost).isEqualTo(3);
        assertThat(nothing.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void shouldCheckAnExpectedListThatIsNotARange() {
        DeliveryReport report = DeliveryCheck.expecting(LongList.of(3, 7, 5))
                .delivered("c1", LongList.of(3, 5, 7))
                .run();

        assertThat(report.reordered).isEqualTo(1);
        assertThat(report.problems()).containsExactly("first reordering: Msg-7 after Msg-5 (c1 message line 3)");
    }

    @Test
    void shouldTakeAConsumerKilledAgainDuringItsRedeliveryForARedeliveryAndNotADuplicate() {
        // consumer 2 printed only the start of its redelivery of 3..4 before it was killed too; consumer 3
        // redelivers 3..4 again and goes on (seen in ConsumerCrashIT: 54 lines of a 175-line redelivery)
        DeliveryReport r = DeliveryCheck.expectingRange(8)
                .redeliveryWindow(2)
                .delivered("c1", LongList.of(0, 1, 2, 3, 4))
                .delivered("c2", LongList.of(3), true)
                .delivered("c3", LongList.of(3, 4, 5, 6, 7), true)
                .run();
        assertThat(r.duplicated).isZero();
        assertThat(r.redelivered).isEqualTo(3);
        assertThat(r.lost).isZero();
    }

    @Test
    void shouldCountACutShortRedeliveryFromBeyondTheWindowAsADuplicate() {
        // shrunk by DeliveryCheckPropertiesTest: with a window of 1 only Msg-1 was unacknowledged at the
        // kill, so a consumer that printed Msg-0 (and was killed again) restarted from an older position
        DeliveryReport r = DeliveryCheck.expectingRange(4)
                .redeliveryWindow(1)
                .delivered("c1", LongList.of(0, 1))
                .delivered("c2", LongList.of(0), true)
                .delivered("c3", LongList.of(1, 2, 3), true)
                .run();
        assertThat(r.duplicated).isEqualTo(1);
        assertThat(r.redelivered).isEqualTo(1);
        assertThat(r.problems())
                .containsExactly("first duplicate: Msg-0 redelivered after the kill beyond the unacknowledged window"
                        + " of 1 (c2 message line 1)");
    }
}
