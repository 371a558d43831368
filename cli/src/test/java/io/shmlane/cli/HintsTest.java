package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every library error reason gets its command-line hint: a new reason without one fails here. */
class HintsTest {
    @ParameterizedTest
    @EnumSource(Reason.class)
    void shouldGiveEveryReasonAHintThatNamesAnOptionOrACommand(final Reason reason) {
        String hint = Hints.of(reason);

        assertThat(hint).isNotBlank().doesNotContain("\n");
        if (reason != Reason.TRUNCATED && reason != Reason.INTERRUPTED) {
            assertThat(hint).matches(".*(--[a-z]|shmlane inspect).*");
        }
    }

    @Test
    void shouldGiveEachReasonItsOwnHint() {
        Set<String> hints = new HashSet<>();
        for (Reason reason : EnumSet.allOf(Reason.class)) {
            hints.add(Hints.of(reason));
        }

        assertThat(hints).hasSize(Reason.values().length);
    }

    @Test
    void shouldPutTheHintAfterTheLibraryMessage() {
        ChannelException e = new ChannelException(Reason.WRONG_KIND, "/tmp/x holds a mailbox channel, not a ring");

        assertThat(Hints.message(e))
                .isEqualTo("/tmp/x holds a mailbox channel, not a ring (" + Hints.of(Reason.WRONG_KIND) + ")")
                .contains("--channel");
    }
}
