package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.idle.IdleStrategy;
import io.shmlane.ring.RingProducer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Sequences of the messages {@code consumer} hands over now, each checked to carry its sequence as payload. */
    private static List<Long> drain(final ChannelConsumer consumer) {
        List<Long> sequences = new ArrayList<>();
        while (consumer.poll(
                        (sequence, buffer, index, length) -> {
                            assertThat(buffer.getLong(index)).isEqualTo(sequence);
                            sequences.add(sequence);
                        },
                        16)
                > 0) {
            // until none waits
        }
        return sequences;
    }

    private static byte[] nativeMessage(final long sequence) {
        byte[] bytes = new byte[8];
        ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder()).putLong(0, sequence);
        return bytes;
    }

    /**
     * A producer kept after {@code detach()} would write beside the producer that holds the role now,
     * and after {@code close()} past the end of the stream: every write is refused, and nothing of it
     * reaches the consumer.
     */
    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shouldRefuseEveryWriteOfADetachedProducerWhileAnotherHoldsTheRole(final ChannelKind kind) {
        Path path = dir.resolve("c.shm");
        ChannelOptions options = ChannelOptions.of(kind);
        try (ChannelConsumer consumer = Channels.openConsumer(path, options)) {
            ChannelProducer stale = Channels.openProducer(path, options);
            assertThat(stale.offer(nativeMessage(0), 0, 8)).isTrue();
            assertThat(drain(consumer)).containsExactly(0L);
            stale.detach();
            try (ChannelProducer current = Channels.openProducer(path, options)) {
                assertStaleWritesRefused(stale, path);
                assertThat(current.offer(nativeMessage(1), 0, 8)).isTrue();
                assertStaleWritesRefused(stale, path);
                assertThat(drain(consumer)).containsExactly(1L);
                stale.detach(); // a second call does nothing: the role stays the current producer's
                stale.close();
                assertThat(current.offer(nativeMessage(2), 0, 8)).isTrue();
                assertThat(drain(consumer)).containsExactly(2L);
                assertThat(consumer.isEndOfStream()).isFalse();
            }
            assertThat(consumer.isEndOfStream()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shouldRefuseEveryWriteAfterTheEndOfTheStream(final ChannelKind kind) {
        Path path = dir.resolve("c.shm");
        ChannelOptions options = ChannelOptions.of(kind);
        try (ChannelConsumer consumer = Channels.openConsumer(path, options)) {
            ChannelProducer producer = Channels.openProducer(path, options);
            assertThat(producer.offer(nativeMessage(0), 0, 8)).isTrue();
            producer.close();
            assertStaleWritesRefused(producer, path);
            assertThat(drain(consumer)).containsExactly(0L);
            assertThat(consumer.isEndOfStream()).isTrue();
        }
    }

    private static void assertStaleWritesRefused(final ChannelProducer stale, final Path path) {
        long before = stale.nextSequence();
        List<Runnable> writes = List.of(
                () -> stale.offer(nativeMessage(before), 0, 8),
                () -> stale.offer(ByteBuffer.wrap(nativeMessage(before))),
                () -> stale.offer(new byte[0], 0, 0),
                () -> stale.send(nativeMessage(before), 0, 8, IdleStrategy.named("spin")));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the producer of " + path + " was closed")
                    .hasMessageContaining("open a new producer");
        }
        assertThat(stale.nextSequence()).isEqualTo(before);
    }

    /** A claim open when the producer detaches is dropped: its commit is refused, and its sequence goes to the next producer. */
    @org.junit.jupiter.api.Test
    void shouldDropTheClaimOpenAtDetachAndRefuseItsCommit() {
        Path path = dir.resolve("ring.shm");
        ChannelOptions options = ChannelOptions.ring();
        try (ChannelConsumer consumer = Channels.openConsumer(path, options)) {
            RingProducer stale = RingProducer.open(path, options);
            int index = stale.tryClaim(8);
            stale.buffer().putLong(index, 99);
            stale.detach();
            assertThatThrownBy(stale::commit)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was closed");
            assertThatThrownBy(() -> stale.tryClaim(8))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was closed");
            stale.abort(); // nothing to drop any more, and nothing reopened
            assertThatThrownBy(stale::commit).isInstanceOf(IllegalStateException.class);
            assertThat(drain(consumer)).isEmpty();
            try (RingProducer current = RingProducer.open(path, options)) {
                assertThat(current.nextSequence()).isZero();
                assertThat(current.offer(nativeMessage(0), 0, 8)).isTrue();
                assertThatThrownBy(stale::commit).isInstanceOf(IllegalStateException.class);
                assertThat(drain(consumer)).containsExactly(0L);
            }
        }
    }

    /**
     * A consumer kept after {@code close()} would hand over and release what the consumer that holds
     * the role now is to get: its polls are refused, and the next consumer gets every message once.
     */
    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shouldRefuseThePollsOfAClosedConsumerAndLeaveTheMessagesToTheNext(final ChannelKind kind) {
        Path path = dir.resolve("c.shm");
        ChannelOptions options = ChannelOptions.of(kind);
        try (ChannelProducer producer = Channels.openProducer(path, options)) {
            ChannelConsumer stale = Channels.openConsumer(path, options);
            assertThat(producer.offer(nativeMessage(0), 0, 8)).isTrue();
            assertThat(drain(stale)).containsExactly(0L);
            assertThat(producer.offer(nativeMessage(1), 0, 8)).isTrue();
            stale.close();
            try (ChannelConsumer current = Channels.openConsumer(path, options)) {
                List<Long> taken = new ArrayList<>();
                MessageHandler handler = (sequence, buffer, index, length) -> taken.add(sequence);
                assertThatThrownBy(() -> stale.poll(handler, 16))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("the consumer of " + path + " was closed")
                        .hasMessageContaining("open a new consumer");
                assertThatThrownBy(() -> stale.receive(handler, 16, IdleStrategy.named("spin")))
                        .isInstanceOf(IllegalStateException.class);
                stale.close(); // a second call does nothing: the role stays the current consumer's
                assertThat(taken).isEmpty();
                assertThat(drain(current)).containsExactly(1L);
                assertThat(current.file().peerStatus(Role.CONSUMER)).isEqualTo(PeerStatus.ALIVE);
            }
        }
    }
}
