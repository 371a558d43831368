package io.shmlane.jcstress.ring;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.jcstress.Grading;
import io.shmlane.ring.RingDescriptor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.results.IIL_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The ring jcstress tests run single-threaded: each order of the actors gives an ACCEPTABLE outcome,
 * and the breakage each test is there to catch, made by hand, gives a FORBIDDEN one.
 */
class RingHandOffSequentialTest {
    private static final int PUBLICATION_INDEX = DATA_OFFSET + 512;

    private static void assertPublicationOrders(final Supplier<? extends RingHandOff.Publication> states) {
        RingHandOff.Publication first = states.get();
        IIL_Result before = new IIL_Result();
        first.poll(before);
        produce(first);
        RingHandOff.Publication second = states.get();
        IIL_Result after = new IIL_Result();
        produce(second);
        second.poll(after);

        assertThat(before).hasToString("-1, -1, NONE");
        assertThat(after).hasToString("24, 0, A");
        assertThat(Grading.expectOf(first.getClass(), before)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(first.getClass(), after)).isEqualTo(ACCEPTABLE);
    }

    private static void produce(final RingHandOff.Publication state) {
        if (state instanceof RingHandOff.Offer offer) {
            offer.producer();
        } else if (state instanceof RingHandOff.ClaimCommit claim) {
            claim.producer();
        } else {
            ((RingHandOff.ClaimAbort) state).producer();
        }
    }

    @Test
    void shouldAcceptPublicationInEitherOrder() {
        assertPublicationOrders(RingHandOff.Offer::new);
        assertPublicationOrders(RingHandOff.ClaimCommit::new);
        assertPublicationOrders(RingHandOff.ClaimAbort::new);
    }

    @Test
    void shouldForbidCommittedLengthWithStalePayload() {
        RingHandOff.Offer state = new RingHandOff.Offer();
        state.producer();
        // the payload of the record of lap 1 still there under the new length
        state.buffer.put(PUBLICATION_INDEX + RingDescriptor.HEADER_LENGTH, RingHandOff.FILLER, 0, 8);
        IIL_Result r = new IIL_Result();
        state.consumer(r);

        assertThat(r).hasToString("24, 0, TORN");
        assertThat(Grading.expectOf(RingHandOff.Offer.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldForbidAbortedClaimBecomingVisible() {
        RingHandOff.ClaimAbort state = new RingHandOff.ClaimAbort();
        int index = state.producer.tryClaim(RingHandOff.LENGTH_A);
        state.producer.buffer().put(index, RingHandOff.MESSAGE_B, 0, RingHandOff.LENGTH_A);
        state.producer.commit(); // what an abort that commits would do
        IIL_Result r = new IIL_Result();
        state.consumer(r);

        assertThat(r).hasToString("24, 0, TORN");
        assertThat(Grading.expectOf(RingHandOff.ClaimAbort.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldAcceptWrapInEitherOrder() {
        RingHandOff.WrapWithPadding first = new RingHandOff.WrapWithPadding();
        IIL_Result before = new IIL_Result();
        first.consumer(before);
        RingHandOff.WrapWithPadding second = new RingHandOff.WrapWithPadding();
        second.producer();
        IIL_Result after = new IIL_Result();
        second.consumer(after);

        assertThat(before).hasToString("-1, 0, NONE");
        assertThat(after).hasToString("0, 48, A");
        assertThat(Grading.expectOf(RingHandOff.WrapWithPadding.class, before)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(RingHandOff.WrapWithPadding.class, after)).isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidPaddingVisibleBeforeItsMessage() {
        RingHandOff.WrapWithPadding state = new RingHandOff.WrapWithPadding();
        // padding committed, message at index 0 not: the consumer finds lap 2's record there, whose
        // sequence does not follow, and refuses it
        int padding = DATA_OFFSET + RingHandOff.CAPACITY - 16;
        state.buffer.putInt(padding + RingDescriptor.TAG_OFFSET, RingDescriptor.TYPE_PADDING);
        state.buffer.putInt(padding + RingDescriptor.LENGTH_OFFSET, 16);
        IIL_Result r = new IIL_Result();
        state.consumer(r);

        assertThat(r.r3).isEqualTo("CORRUPT");
        assertThat(Grading.expectOf(RingHandOff.WrapWithPadding.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldAcceptFullRingOfferBeforeOrAfterRelease() {
        RingHandOff.Full refused = new RingHandOff.Full();
        LLL_Result r1 = new LLL_Result();
        refused.producer(r1);
        refused.consumer(r1);
        refused.arbiter(r1);
        RingHandOff.Full offered = new RingHandOff.Full();
        LLL_Result r2 = new LLL_Result();
        offered.consumer(r2);
        offered.producer(r2);
        offered.arbiter(r2);

        assertThat(r1).hasToString("REFUSED, R0-R0, R1-R7");
        assertThat(r2).hasToString("OFFERED, R0-R0, R1-R7+A");
        assertThat(Grading.expectOf(RingHandOff.Full.class, r1)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(RingHandOff.Full.class, r2)).isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidTornRecordInFullRing() {
        RingHandOff.Full state = new RingHandOff.Full();
        state.buffer.put(DATA_OFFSET + 3 * 128 + RingDescriptor.HEADER_LENGTH + 5, (byte) 0); // record 3
        LLL_Result r = new LLL_Result();
        state.producer(r);
        state.consumer(r);
        state.arbiter(r);

        assertThat(r).hasToString("REFUSED, R0-R0, BAD");
        assertThat(Grading.expectOf(RingHandOff.Full.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldRefuseMessageNeedingUnreadSpaceInEitherOrder() {
        for (boolean producerFirst : new boolean[] {true, false}) {
            RingHandOff.NoOverwriteOfUnread state = new RingHandOff.NoOverwriteOfUnread();
            LLL_Result r = new LLL_Result();
            if (producerFirst) {
                state.producer(r);
                state.consumer(r);
            } else {
                state.consumer(r);
                state.producer(r);
            }
            state.arbiter(r);

            assertThat(r).hasToString("REFUSED, R0-R0, R1-R7");
            assertThat(Grading.expectOf(RingHandOff.NoOverwriteOfUnread.class, r))
                    .isEqualTo(ACCEPTABLE);
        }
        LLL_Result overwritten = new LLL_Result();
        overwritten.r1 = "OFFERED";
        overwritten.r2 = "R0-R0";
        overwritten.r3 = "R1-R7+Y";
        assertThat(Grading.expectOf(RingHandOff.NoOverwriteOfUnread.class, overwritten))
                .isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldAcceptBatchReleaseInEitherOrder() {
        RingHandOff.BatchRelease refused = new RingHandOff.BatchRelease();
        LLL_Result r1 = new LLL_Result();
        refused.producer(r1);
        refused.consumer(r1);
        refused.arbiter(r1);
        RingHandOff.BatchRelease offered = new RingHandOff.BatchRelease();
        LLL_Result r2 = new LLL_Result();
        offered.consumer(r2);
        offered.producer(r2);
        offered.arbiter(r2);

        assertThat(r1).hasToString("REFUSED, R0-R1, R2-R7");
        assertThat(r2).hasToString("OFFERED, R0-R1, R2-R7+Y");
        assertThat(Grading.expectOf(RingHandOff.BatchRelease.class, r1)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(RingHandOff.BatchRelease.class, r2)).isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidRecordOfBatchOverwrittenWhileRead() {
        RingHandOff.BatchRelease state = new RingHandOff.BatchRelease();
        // Y written over record 1 before the batch was read: what an early head release allows
        state.buffer.put(DATA_OFFSET + 128 + RingDescriptor.HEADER_LENGTH, RingHandOff.MESSAGE_Y, 0, 64);
        LLL_Result r = new LLL_Result();
        state.consumer(r);

        assertThat(r.r2).isEqualTo("BAD");
        assertThat(Grading.expectOf(RingHandOff.BatchRelease.class, r)).isEqualTo(FORBIDDEN);
    }
}
