package io.shmlane.jcstress.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.jcstress.Grading;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.results.IL_Result;

/** The header handshake tests run single-threaded, and the breakage they catch made by hand. */
class HeaderHandshakeSequentialTest {
    @Test
    void shouldAcceptAttachBeforeOrAfterPublication() {
        HeaderHandshake.ReleaseAcquire early = new HeaderHandshake.ReleaseAcquire();
        IL_Result before = new IL_Result();
        early.attacher(before);
        HeaderHandshake.ReleaseAcquire late = new HeaderHandshake.ReleaseAcquire();
        late.creator();
        IL_Result after = new IL_Result();
        late.attacher(after);

        assertThat(before).hasToString("0, NONE");
        assertThat(after).hasToString("2, WHOLE");
        assertThat(Grading.expectOf(HeaderHandshake.ReleaseAcquire.class, before))
                .isEqualTo(ACCEPTABLE);
        assertThat(Grading.expectOf(HeaderHandshake.ReleaseAcquire.class, after))
                .isEqualTo(ACCEPTABLE);
    }

    @Test
    void shouldForbidVersionWithoutFieldsButOnlyNoteItForThePlainReference() {
        HeaderHandshake.ReleaseAcquire state = new HeaderHandshake.ReleaseAcquire();
        state.header.putInt(ChannelHeaderDescriptor.VERSION_OFFSET, ChannelHeaderDescriptor.LAYOUT_VERSION);
        IL_Result r = new IL_Result();
        state.attacher(r);

        assertThat(r).hasToString("2, MAGIC");
        assertThat(Grading.expectOf(HeaderHandshake.ReleaseAcquire.class, r)).isEqualTo(FORBIDDEN);
        assertThat(Grading.expectOf(HeaderHandshake.PlainVersionRead.class, r)).isEqualTo(ACCEPTABLE_INTERESTING);
    }
}
