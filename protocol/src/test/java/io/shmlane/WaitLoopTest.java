package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.idle.IdleStrategy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waits of {@link ChannelProducer#send} and {@link ChannelConsumer#receive}, driven by an idle strategy
 * that records every call and acts at a chosen one: when they reset and idle, when they give up, and that
 * the interrupt and truncation checks come first after {@link ChannelProducer#CHECK_INTERVAL_NANOS} and
 * then at the first sixteenth wait, never sooner.
 */
// a separate thread runs each test whole, so a wait that never ends fails it
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitLoopTest {
    private static final byte[] PAYLOAD = new byte[100];

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Records each call; runs {@code action} with the idle count after each idle. */
    private static final class ScriptedIdle implements IdleStrategy {
        final List<String> calls = new ArrayList<>();
        final List<Long> idleEnds = new ArrayList<>();
        private final long idleNanos;
        private final java.util.function.IntConsumer action;
        int idles;

        ScriptedIdle(final long idleNanos, final java.util.function.IntConsumer action) {
            this.idleNanos = idleNanos;
            this.action = action;
        }

        @Override
        public void idle() {
            calls.add("idle");
            long end = System.nanoTime() + idleNanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // not a park: a park returns at once on an interrupted thread
            }
            idles++;
            action.accept(idles);
            idleEnds.add(System.nanoTime());
        }

        @Override
        public void reset() {
            calls.add("reset");
        }
    }

    private ChannelProducer fullRing(final Path file) {
        ChannelProducer producer =
                Channels.openProducer(file, ChannelOptions.ring().withCapacity(1024));
        while (producer.offer(PAYLOAD, 0, PAYLOAD.length)) {
            // fill it
        }
        return producer;
    }

    private static ChannelConsumer consumer(final Path file) {
        return Channels.openConsumer(file, ChannelOptions.ring().withCapacity(1024));
    }

    private static final MessageHandler IGNORE = (sequence, buffer, index, length) -> {};

    @Test
    void shouldResetThenIdleUntilRoomAppearsAndReportTheMessageSent() {
        Path file = dir.resolve("room.shm");
        try (ChannelProducer producer = fullRing(file);
                ChannelConsumer consumer = consumer(file)) {
            ScriptedIdle idle = new ScriptedIdle(0, n -> {
                if (n == 3) {
                    // two records free: the next one wraps, with padding at the end of the ring
                    assertThat(consumer.poll(IGNORE, 2)).isEqualTo(2);
                }
            });
            boolean sent = producer.send(PAYLOAD, 0, PAYLOAD.length, idle, ChannelConsumer.NEVER_STOP);
            assertThat(sent).isTrue();
            assertThat(idle.calls).containsExactly("reset", "idle", "idle", "idle");
        }
    }

    @Test
    void shouldSendWithoutWaitingWhenThereIsRoom() {
        try (ChannelProducer producer = Channels.openProducer(
                dir.resolve("free.shm"), ChannelOptions.ring().withCapacity(1024))) {
            ScriptedIdle idle = new ScriptedIdle(0, n -> {});
            producer.send(PAYLOAD, 0, PAYLOAD.length, idle);
            assertThat(idle.calls).isEmpty();
        }
    }

    @Test
    void shouldGiveUpWhenAskedAtTheNextRound() {
        Path file = dir.resolve("stop.shm");
        try (ChannelProducer producer = fullRing(file);
                ChannelConsumer consumer = consumer(file)) {
            int[] asked = {0};
            BooleanSupplier stopOnSecondAsk = () -> ++asked[0] == 2;
            ScriptedIdle idle = new ScriptedIdle(0, n -> {});
            assertThat(producer.send(PAYLOAD, 0, PAYLOAD.length, idle, stopOnSecondAsk))
                    .isFalse();
            assertThat(idle.calls).containsExactly("reset", "idle");

            consumer.poll(IGNORE, Integer.MAX_VALUE); // drained, the producer attached: the next receive waits
            int[] consumerAsked = {0};
            BooleanSupplier stopOnThirdAsk = () -> ++consumerAsked[0] == 3;
            ScriptedIdle consumerIdle = new ScriptedIdle(0, n -> {});
            assertThat(consumer.receive(IGNORE, 10, consumerIdle, stopOnThirdAsk))
                    .isZero();
            assertThat(consumerIdle.calls).containsExactly("reset", "idle", "idle");
        }
    }

    @Test
    void shouldIdleUntilAMessageArrivesThenHandIt() throws Exception {
        Path file = dir.resolve("arrive.shm");
        try (ChannelConsumer consumer = consumer(file);
                ChannelProducer producer =
                        Channels.openProducer(file, ChannelOptions.ring().withCapacity(1024))) {
            ScriptedIdle idle = new ScriptedIdle(0, n -> {
                if (n == 2) {
                    producer.offer(PAYLOAD, 0, 7);
                }
            });
            int[] length = {-1};
            int received = consumer.receive((s, b, i, l) -> length[0] = l, 10, idle);
            assertThat(received).isEqualTo(1);
            assertThat(length[0]).isEqualTo(7);
            assertThat(idle.calls).containsExactly("reset", "idle", "idle");
            producer.close();
            assertThat(consumer.receive(IGNORE, 10, idle)).isEqualTo(ChannelConsumer.END_OF_STREAM);
        }
    }

    @Test
    void shouldNoticeAnInterruptOnlyAfterTheCheckIntervalWhileWaitingForRoom() {
        Path file = dir.resolve("interrupt-send.shm");
        try (ChannelProducer producer = fullRing(file)) {
            ScriptedIdle idle = new ScriptedIdle(500_000, n -> {});
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> producer.send(PAYLOAD, 0, PAYLOAD.length, idle))
                    .isInstanceOf(ChannelException.class)
                    .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.INTERRUPTED)
                    .hasMessageContaining("interrupted while waiting for room in " + file);
            assertCheckedOnlyAfterTheInterval(idle.idles, idle, System.nanoTime());
            assertThat(Thread.interrupted()).as("the flag is cleared").isFalse();
        }
    }

    @Test
    void shouldNoticeAnInterruptOnlyAfterTheCheckIntervalWhileWaitingForMessages() {
        Path file = dir.resolve("interrupt-receive.shm");
        try (ChannelProducer producer =
                        Channels.openProducer(file, ChannelOptions.ring().withCapacity(1024));
                ChannelConsumer consumer = consumer(file)) {
            ScriptedIdle idle = new ScriptedIdle(500_000, n -> {});
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> consumer.receive(IGNORE, 10, idle))
                    .isInstanceOf(ChannelException.class)
                    .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.INTERRUPTED)
                    .hasMessageContaining("interrupted while waiting for messages in " + file);
            // a receive checks before it idles: the wait that threw had not idled yet
            assertCheckedOnlyAfterTheInterval(idle.idles + 1, idle, System.nanoTime());
            assertThat(Thread.interrupted()).as("the flag is cleared").isFalse();
        }
    }

    /**
     * The check that threw came at a sixteenth wait, at least the interval after the sixteenth wait (when
     * the clock is first read), and at the first sixteenth wait after that: each idle lasts at least 0.5 ms.
     */
    private static void assertCheckedOnlyAfterTheInterval(final int waits, final ScriptedIdle idle, final long caught) {
        assertThat(waits % 16).as("waits %d", waits).isZero();
        assertThat(waits).isGreaterThanOrEqualTo(32);
        long sixteenth = idle.idleEnds.get(14); // the clock is read after the 15th idle at the latest
        assertThat(caught - sixteenth).isGreaterThanOrEqualTo(ChannelProducer.CHECK_INTERVAL_NANOS);
        // the wait before the one that threw had not yet reached the interval: waits - 16 idles of at
        // least 0.5 ms each, counted from the sixteenth, fit within it
        assertThat((waits - 32) * 500_000L).isLessThan(ChannelProducer.CHECK_INTERVAL_NANOS);
    }

    @Test
    void shouldNoticeATruncatedFileWhileWaitingEitherWay() {
        Path file = dir.resolve("truncated.shm");
        try (ChannelProducer producer = fullRing(file);
                ChannelConsumer consumer = consumer(file)) {
            ScriptedIdle truncating = new ScriptedIdle(100_000, n -> {
                if (n == 1) {
                    truncate(file);
                }
            });
            assertThatThrownBy(() -> producer.send(PAYLOAD, 0, PAYLOAD.length, truncating))
                    .isInstanceOf(ChannelException.class)
                    .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.TRUNCATED);
            ScriptedIdle idle = new ScriptedIdle(100_000, n -> {});
            // the data area is gone: polling it faults, and the fault is reported as truncation
            assertThatThrownBy(() -> consumer.receive(IGNORE, 10, idle))
                    .isInstanceOf(ChannelException.class)
                    .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.TRUNCATED);
        }
    }

    private static void truncate(final Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldReportADeadProducerOnlyOnceEveryMessageItCommittedWasDelivered() {
        Path file = dir.resolve("dead.shm");
        ChannelProducer producer =
                Channels.openProducer(file, ChannelOptions.ring().withCapacity(1024));
        producer.offer(PAYLOAD, 0, 10);
        producer.offer(PAYLOAD, 0, 20);
        producer.detach();
        try (ChannelConsumer consumer = consumer(file)) {
            List<Integer> lengths = new ArrayList<>();
            ScriptedIdle idle = new ScriptedIdle(1_000_000, n -> {});
            assertThat(consumer.receive((s, b, i, l) -> lengths.add(l), 10, idle))
                    .isEqualTo(2);
            assertThatThrownBy(() -> consumer.receive((s, b, i, l) -> lengths.add(l), 10, idle))
                    .isInstanceOf(ChannelException.class)
                    .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.PEER_DIED)
                    .hasMessageContaining("every message it committed was delivered");
            assertThat(lengths).containsExactly(10, 20);
        }
    }
}
