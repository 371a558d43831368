package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.idle.IdleStrategy;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller's mistakes get a clear exception at the call, never a hang, a leak or a wrong default. */
class ApiMisuseTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shouldRefuseAReceiveThatCouldNeverHandAMessageOver(final ChannelKind kind) {
        Path path = dir.resolve("c.shm");
        try (ChannelProducer producer = Channels.openProducer(path, ChannelOptions.of(kind));
                ChannelConsumer consumer = Channels.openConsumer(path, ChannelOptions.of(kind))) {
            assertThat(producer.offer(new byte[8], 0, 8)).isTrue();
            for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
                assertThatThrownBy(() -> consumer.receive(
                                (sequence, buffer, index, length) -> {}, limit, IdleStrategy.named("spin")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("limit of at least 1");
            }
            // the waiting message is still there for a valid call
            assertThat(consumer.receive((sequence, buffer, index, length) -> {}, 1, IdleStrategy.named("spin")))
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"of", "maxMessageLength", "dataLength", "checkCapacity"})
    void shouldRefuseANullKindInsteadOfTakingItForAMailbox(final String call) {
        assertThatThrownBy(() -> {
                    switch (call) {
                        case "of" -> ChannelOptions.of(null);
                        case "maxMessageLength" -> ChannelOptions.maxMessageLength(null, 4096);
                        case "dataLength" -> ChannelOptions.dataLength(null, 4096);
                        default -> ChannelOptions.checkCapacity(null, 4096);
                    }
                })
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("kind is null")
                .satisfies(e ->
                        assertThat(((ChannelException) e).reason()).isEqualTo(ChannelException.Reason.BAD_ARGUMENT));
    }

    /** An Error in a side's set-up (a SIGBUS in the recovery walk is an InternalError) lets go of the file and the role. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void shouldReleaseTheRoleWhenTheSideFailsToOpenWithAnError(final Role role) {
        Path path = dir.resolve("c.shm");
        ChannelOptions options = ChannelOptions.ring();
        assertThatThrownBy(() -> ChannelFile.openRole(path, options, ChannelKind.RING, role, file -> {
                    throw new InternalError("a fault during the recovery walk");
                }))
                .isInstanceOf(InternalError.class);

        String opened = ChannelFile.openRole(path, options, ChannelKind.RING, role, file -> {
            try (file) {
                return "taken";
            }
        });
        assertThat(opened).isEqualTo("taken");
    }

    /** A source that does not hold the message is refused before anything is claimed: the producer goes on. */
    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shouldRefuseABadSourceArrayAndStayUsable(final ChannelKind kind) {
        Path path = dir.resolve("c.shm");
        try (ChannelProducer producer = Channels.openProducer(path, ChannelOptions.of(kind));
                ChannelConsumer consumer = Channels.openConsumer(path, ChannelOptions.of(kind))) {
            assertThatThrownBy(() -> producer.offer(null, 0, 8)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> producer.offer(new byte[4], 0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> producer.offer(new byte[8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> producer.offer(new byte[8], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            // a bad length is the documented IllegalArgumentException, whatever the array
            assertThatThrownBy(() -> producer.offer(new byte[8], 0, -1)).isInstanceOf(IllegalArgumentException.class);
            int tooLong = producer.maxMessageLength() + 1;
            assertThatThrownBy(() -> producer.offer(new byte[4], 0, tooLong))
                    .isInstanceOf(IllegalArgumentException.class);

            byte[] message = {1, 2, 3};
            assertThat(producer.offer(message, 0, 3)).isTrue();
            byte[][] received = new byte[1][];
            long[] sequence = new long[1];
            assertThat(consumer.receive(
                            (seq, buffer, index, length) -> {
                                received[0] = new byte[length];
                                buffer.get(index, received[0]);
                                sequence[0] = seq;
                            },
                            16,
                            IdleStrategy.named("spin")))
                    .isEqualTo(1);
            assertThat(received[0]).containsExactly(message);
            assertThat(sequence[0]).isZero();
        }
    }
}
