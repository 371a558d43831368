package io.shmlane.jcstress.mailbox;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.jcstress.Grading;
import io.shmlane.mailbox.MailboxDescriptor;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.results.IIL_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The mailbox jcstress tests run single-threaded: each order of the actors gives an ACCEPTABLE outcome,
 * and the breakage each test is there to catch, made by hand, gives a FORBIDDEN one. So the tests can
 * fail, and their outcome strings agree with their {@code @Outcome} ids.
 */
class MailboxHandOffSequentialTest {
    private static final int FLAG_INDEX = DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET;
    private static final int PAYLOAD_INDEX = DATA_OFFSET + MailboxDescriptor.PAYLOAD_OFFSET;

    @Test
    void shouldAcceptPublicationInEitherOrder() {
        MailboxHandOff.Publication first = new MailboxHandOff.Publication();
        IIL_Result before = new IIL_Result();
        first.consumer(before);
        first.producer();
        MailboxHandOff.Publication second = new MailboxHandOff.Publication();
        IIL_Result after = new IIL_Result();
        second.producer();
        second.consumer(after);

        assertThat(before).hasToString("-1, -1, NONE");
        assertThat(after).hasToString("24, 0, A");
        assertThat(Grading.expectOf(MailboxHandOff.Publication.class, before)).isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(MailboxHandOff.Publication.class, after)).isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidFlagSeenBeforeLengthAndPayload() {
        MailboxHandOff.Publication state = new MailboxHandOff.Publication();
        state.buffer.putInt(FLAG_INDEX, MailboxDescriptor.FULL); // the flag without what it publishes
        IIL_Result r = new IIL_Result();
        state.consumer(r);

        assertThat(r).hasToString("0, 0, ZERO");
        assertThat(Grading.expectOf(MailboxHandOff.Publication.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldForbidPartialPayload() {
        MailboxHandOff.Publication state = new MailboxHandOff.Publication();
        state.producer();
        state.buffer.put(PAYLOAD_INDEX + 23, (byte) 0); // last byte not yet visible
        IIL_Result r = new IIL_Result();
        state.consumer(r);

        assertThat(Grading.expectOf(MailboxHandOff.Publication.class, r)).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldAcceptOfferBeforeOrAfterAcknowledgement() {
        MailboxHandOff.NoOverwriteBeforeAck refused = new MailboxHandOff.NoOverwriteBeforeAck();
        LLL_Result r1 = new LLL_Result();
        refused.producer(r1);
        refused.consumer(r1);
        refused.arbiter(r1);
        MailboxHandOff.NoOverwriteBeforeAck offered = new MailboxHandOff.NoOverwriteBeforeAck();
        LLL_Result r2 = new LLL_Result();
        offered.consumer(r2);
        offered.producer(r2);
        offered.arbiter(r2);

        assertThat(r1).hasToString("REFUSED, A, NONE");
        assertThat(r2).hasToString("OFFERED, A, B");
        assertThat(Grading.expectOf(MailboxHandOff.NoOverwriteBeforeAck.class, r1))
                .isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(MailboxHandOff.NoOverwriteBeforeAck.class, r2))
                .isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidOverwriteBeforeAcknowledgement() {
        MailboxHandOff.NoOverwriteBeforeAck state = new MailboxHandOff.NoOverwriteBeforeAck();
        // a producer that did not wait: B's payload over A's, A's length and flag still there
        state.buffer.put(PAYLOAD_INDEX, MailboxHandOff.MESSAGE_B, 0, MailboxHandOff.LENGTH_B);
        LLL_Result r = new LLL_Result();
        r.r1 = "OFFERED";
        state.consumer(r);
        state.arbiter(r);

        assertThat(r).hasToString("OFFERED, TORN, NONE");
        assertThat(Grading.expectOf(MailboxHandOff.NoOverwriteBeforeAck.class, r))
                .isEqualTo(FORBIDDEN);
    }
}
