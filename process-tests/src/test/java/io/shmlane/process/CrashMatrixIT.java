package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import io.shmlane.ring.RingDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash matrix: {@code kill -9} at exact points of the protocol, of the producer, the consumer or
 * both, with the consumer lagging by most of the channel, and restarts in both orders. Each cell is one
 * process scenario, named for its behaviour:
 *
 * <ul>
 *   <li><b>producer killed</b> at a {@link CrashPoint} (mid-claim with half a payload written, right
 *       after a commit, right after a padding record, after close began, after close) while the
 *       consumer ({@code shmlane consumer --wait-producer}) is stopped ({@code SIGSTOP}) with three
 *       quarters of the ring (the mailbox's full slot) unread; a new {@code shmlane producer} starts
 *       before the consumer is continued, or after it drained and waits for a producer;
 *   <li><b>both killed</b>, together (the consumer stopped in its handler mid-batch, its head not
 *       released) or one after the other (the producer at its point, then the consumer mid-batch while
 *       it drains), then a new producer and consumer in either order;
 *   <li><b>consumer killed</b> mid-batch or after a released batch while the producer waits on the
 *       full channel.
 * </ul>
 *
 * Points are hit exactly: {@link CrashPointProducer} and {@link CrashPointConsumer} (test children that
 * drive the library's API) stop themselves there and print {@code Paused:}, and only then does the test
 * send {@code kill -9}. Every cell checks with {@link DeliveryCheck}: every {@code Msg-N} once and in
 * order, 0 torn, redelivered exactly the messages of the batch the killed consumer had not released
 * (none when it released it or was only stopped), the new producer resuming right after the last
 * committed message (a claim never committed is discarded, its sequence reused), and a stream ended
 * by {@code close()} refused to a new producer (exit 3) and drained to its end.
 *
 * <p>At {@code -Dprocess.scale=1} ({@code verify}) a fixed subset runs that has every kill point of
 * each channel, every victim and both restart orders ({@link #VERIFY_CELLS}); from scale 2 on every
 * cell runs, with the warm-up scaled (the hunt runs it at scale 10).
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=CrashMatrixIT -Dprocess.seed=S [-Dprocess.scale=10]
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class CrashMatrixIT {
    /** 16 KiB: the children's messages (up to 512 B) fill a lap with about 56 records. */
    private static final int RING_CAPACITY = 16 * 1024;

    private static final int MAILBOX_CAPACITY = 1024;

    /** The children's largest message on a ring; the command line's producer sends up to capacity / 8. */
    private static final int RING_CHILD_MAX_SIZE = 512;

    private static final String WAITING_FOR_PRODUCER = "waiting for a new producer";

    /** Who is killed. */
    enum Victim {
        PRODUCER("producer killed"),
        BOTH_TOGETHER("both killed together"),
        BOTH_IN_TURN("producer killed, then the consumer"),
        CONSUMER("consumer killed");

        final String words;

        Victim(final String words) {
            this.words = words;
        }
    }

    /** Which side starts again first. */
    enum Restart {
        PRODUCER_FIRST("producer restarted first"),
        CONSUMER_FIRST("consumer restarted first"),
        CONSUMER_ONLY("consumer restarted");

        final String words;

        Restart(final String words) {
            this.words = words;
        }
    }

    /** One cell of the matrix. */
    static final class Cell {
        final Lane lane;
        final Victim victim;
        final CrashPoint point;
        final Restart restart;

        Cell(final Lane lane, final Victim victim, final CrashPoint point, final Restart restart) {
            this.lane = lane;
            this.victim = victim;
            this.point = point;
            this.restart = restart;
        }

        @Override
        public String toString() {
            return lane + ": " + victim.words + " " + point.description() + ", " + restart.words;
        }
    }

    /** The cells {@code verify} runs at scale 1: every point of each lane, every victim, both orders. */
    static final List<String> VERIFY_CELLS = List.of(
            "ring PRODUCER MID_CLAIM PRODUCER_FIRST",
            "ring BOTH_TOGETHER AFTER_COMMIT CONSUMER_FIRST",
            "ring PRODUCER AFTER_PADDING CONSUMER_FIRST",
            "ring BOTH_IN_TURN AFTER_PADDING PRODUCER_FIRST",
            "ring BOTH_TOGETHER CLOSE_BEGAN PRODUCER_FIRST",
            "ring PRODUCER CLOSED CONSUMER_FIRST",
            "ring CONSUMER MID_BATCH CONSUMER_ONLY",
            "mailbox BOTH_IN_TURN MID_CLAIM CONSUMER_FIRST",
            "mailbox PRODUCER AFTER_COMMIT PRODUCER_FIRST",
            "mailbox PRODUCER CLOSE_BEGAN CONSUMER_FIRST",
            "mailbox BOTH_TOGETHER CLOSED PRODUCER_FIRST",
            "mailbox CONSUMER MID_BATCH CONSUMER_ONLY");

    /** Every cell of the matrix, in a stable order. */
    static List<Cell> allCells() {
        List<Cell> cells = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            for (Victim victim : List.of(Victim.PRODUCER, Victim.BOTH_TOGETHER, Victim.BOTH_IN_TURN)) {
                for (CrashPoint point : CrashPoint.values()) {
                    if (point.isProducerPoint() && point.appliesTo(lane)) {
                        for (Restart restart : List.of(Restart.PRODUCER_FIRST, Restart.CONSUMER_FIRST)) {
                            cells.add(new Cell(lane, victim, point, restart));
                        }
                    }
                }
            }
            for (CrashPoint point : List.of(CrashPoint.MID_BATCH, CrashPoint.AFTER_BATCH)) {
                cells.add(new Cell(lane, Victim.CONSUMER, point, Restart.CONSUMER_ONLY));
            }
        }
        return cells;
    }

    /** The cells of this run: all from scale 2 on, {@link #VERIFY_CELLS} at scale 1. */
    static Stream<Cell> cells(final Victim... victims) {
        List<Victim> wanted = List.of(victims);
        return allCells().stream()
                .filter(c -> wanted.contains(c.victim))
                .filter(c -> ProcessHarness.SCALE > 1
                        || VERIFY_CELLS.contains(
                                c.lane.cli() + " " + c.victim + " " + c.point.name() + " " + c.restart));
    }

    static Stream<Cell> producerCells() {
        return cells(Victim.PRODUCER);
    }

    static Stream<Cell> bothCells() {
        return cells(Victim.BOTH_TOGETHER, Victim.BOTH_IN_TURN);
    }

    static Stream<Cell> consumerCells() {
        return cells(Victim.CONSUMER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producerCells")
    void shouldResumeAfterTheLastCommitWithoutOverwritingUnreadRecordsWhenTheProducerIsKilled(
            final Cell cell, final ProcessHarness harness) {
        new Scenario(cell, harness).producerOrBoth();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothCells")
    void shouldLoseNothingAndRedeliverOnlyTheUnreleasedBatchWhenBothAreKilled(
            final Cell cell, final ProcessHarness harness) {
        new Scenario(cell, harness).producerOrBoth();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumerCells")
    void shouldRedeliverExactlyTheUnreleasedBatchWhenTheConsumerIsKilled(
            final Cell cell, final ProcessHarness harness) {
        new Scenario(cell, harness).consumer();
    }

    /** One cell's run. */
    private static final class Scenario {
        private final Cell cell;
        private final ProcessHarness harness;
        private final SplittableRandom random;
        private final Lane lane;
        private final Path file;
        private final int batch;
        private final List<ChildProcess> consumers = new ArrayList<>();

        Scenario(final Cell cell, final ProcessHarness harness) {
            this.cell = cell;
            this.harness = harness;
            this.random = harness.random();
            this.lane = cell.lane;
            this.file = harness.file("channel.shm");
            this.batch = lane == Lane.RING ? random.nextInt(1, 65) : 1;
            harness.summary()
                    .channel(lane)
                    .detail("victim", cell.victim.words)
                    .detail("killPoint", cell.point.argument())
                    .detail("restartOrder", cell.restart.words)
                    .detail("capacity", capacity())
                    .detail("batch", batch);
        }

        /** Producer killed at its point (and the consumer with it, or after it); restarts in the cell's order. */
        void producerOrBoth() {
            Victim victim = cell.victim;
            long warmup = lane == Lane.RING ? ProcessHarness.scaled(2L) * RING_CAPACITY : ProcessHarness.scaled(50L);
            // a bound the child cannot reach: warm-up + 2 laps of records of at least 48 bytes, or warm-up + 1
            long limit = lane == Lane.RING ? (warmup + 2L * RING_CAPACITY) / 48 + 1 : warmup + 1;
            int pauseAt = lane == Lane.RING ? random.nextInt(1, Math.min(2 * batch, 16) + 1) : 1;
            harness.summary().detail("consumerPauseAt", pauseAt);

            ChildProcess consumer = victim == Victim.PRODUCER
                    ? shmlaneConsumer("consumer-1")
                    : crashPointConsumer("consumer-1", CrashPoint.MID_BATCH, pauseAt);
            consumers.add(consumer);
            ChildProcess producer = harness.java(
                    "producer-1",
                    CrashPointProducer.class.getName(),
                    "--file",
                    file.toString(),
                    "--channel",
                    lane.cli(),
                    "--capacity",
                    Integer.toString(capacity()),
                    "--max-size",
                    Integer.toString(lane == Lane.RING ? RING_CHILD_MAX_SIZE : MAILBOX_CAPACITY),
                    "--warmup",
                    Long.toString(warmup),
                    "--limit",
                    Long.toString(limit),
                    "--seed",
                    Long.toString(random.nextLong()),
                    "--point",
                    cell.point.argument());

            // the consumer has released everything: stop it, so it lags by all the producer writes from here
            awaitLine(producer, "Ready:", producer, consumer);
            consumer.pause();
            arm(CrashPointProducer.ARM_FILE);
            String paused = awaitLine(producer, "Paused:", producer);
            long lastCommitted = number(paused, "last=Msg-");
            harness.summary().detail("producerPaused", paused);
            // the consumer lags: it read nothing the producer wrote after it was stopped
            long readyNext = number(awaitLine(producer, "Ready:"), "next=Msg-");
            harness.check(
                    consumer.consumedCount() <= readyNext,
                    () -> consumer.label() + " should have been stopped before Msg-" + readyNext);

            int unreleased = 0;
            if (victim == Victim.PRODUCER) {
                kill(producer);
            } else {
                if (victim == Victim.BOTH_IN_TURN) {
                    kill(producer);
                }
                arm(CrashPointConsumer.ARM_FILE);
                consumer.resume();
                String consumerPaused = awaitLine(consumer, "Paused:", consumer);
                unreleased = (int) number(consumerPaused, "inBatch=");
                harness.summary().detail("consumerPaused", consumerPaused);
                // the records the producer committed are there to read, except in the mailbox's claimed slot
                String expected = lane == Lane.MAILBOX && cell.point == CrashPoint.MID_CLAIM ? "idle" : "mid-batch";
                harness.check(
                        consumerPaused.startsWith("Paused: " + expected),
                        () -> consumer.label() + " should have stopped " + expected + ": " + consumerPaused);
                if (victim == Victim.BOTH_TOGETHER) {
                    kill(producer);
                }
                kill(consumer);
            }

            boolean ended = cell.point.endsTheStream();
            // the new producer sends as many again after the last committed message
            long total = lastCommitted + 1 + (ended ? 0 : ProcessHarness.scaled(lane == Lane.RING ? 200L : 50L));
            harness.summary().messages(total);
            ChildProcess last;
            ChildProcess restarted;
            if (victim == Victim.PRODUCER) {
                last = consumer;
                if (cell.restart == Restart.PRODUCER_FIRST) {
                    restarted = startProducerAgain(total, ended);
                    consumer.resume();
                } else {
                    consumer.resume();
                    awaitDrained(consumer, ended);
                    restarted = startProducerAgain(total, ended);
                }
            } else if (cell.restart == Restart.PRODUCER_FIRST) {
                restarted = startProducerAgain(total, ended);
                last = shmlaneConsumer("consumer-2");
                consumers.add(last);
            } else {
                last = shmlaneConsumer("consumer-2");
                consumers.add(last);
                awaitDrained(last, ended);
                restarted = startProducerAgain(total, ended);
            }

            // a consumer that fails while the new producer still runs will never take its messages
            int restartedExit = ended ? harness.awaitExit(restarted) : awaitProducerExit(restarted, last);
            int lastExit = harness.awaitExit(last);
            // the counts first, so that the scenario's summary has them whatever fails
            DeliveryReport report = deliveryReport(total, unreleased);
            assertThat(restartedExit)
                    .as(() -> restarted.label() + (ended ? " should be refused (stream ended)" : " should finish")
                            + "\n" + harness.describeChildren())
                    .isEqualTo(ended ? 3 : 0);
            assertThat(lastExit).as(harness::describeChildren).isZero();
            if (ended) {
                assertThat(restarted.stderrLines())
                        .as(harness::describeChildren)
                        .hasSize(1)
                        .allSatisfy(line -> assertThat(line).startsWith("shmlane: "));
            } else {
                long resumedAt =
                        restarted.produced().size() > 0 ? restarted.produced().get(0) : -1;
                harness.summary().detail("resumedAt", resumedAt);
                harness.check(
                        resumedAt == lastCommitted + 1,
                        () -> restarted.label() + " should resume at Msg-" + (lastCommitted + 1)
                                + ", right after the last committed message, but started at Msg-" + resumedAt);
            }
            checkDelivery(report, total, unreleased, last);
        }

        /** Consumer killed at its point while the producer waits on the full channel; a new consumer resumes. */
        void consumer() {
            long n = ProcessHarness.scaled(lane == Lane.RING ? 300L : 100L);
            harness.summary().messages(n);
            int pauseAt = random.nextInt(1, Math.min(2 * batch, 8) + 1);
            harness.summary().detail("consumerPauseAt", pauseAt);
            ChildProcess consumer = crashPointConsumer("consumer-1", cell.point, pauseAt);
            consumers.add(consumer);
            harness.awaitWhileAlive("the consumer to attach", consumer)
                    .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
            // stopped before the producer starts: it lags by all the producer writes
            consumer.pause();
            ChildProcess producer = shmlaneProducer("producer", n);
            // the producer fills the channel and waits: the consumer lags by at least half of it
            harness.awaitWhileAlive("the producer to fill the channel", producer)
                    .until(() -> ChannelProbe.read(file)
                            .map(s -> lane == Lane.RING ? s.bytesInFlight() >= RING_CAPACITY / 2 : s.slotFull())
                            .orElse(false));
            arm(CrashPointConsumer.ARM_FILE);
            consumer.resume();
            String paused = awaitLine(consumer, "Paused:", consumer);
            harness.summary().detail("consumerPaused", paused);
            harness.check(
                    paused.startsWith("Paused: " + cell.point.argument()),
                    () -> consumer.label() + " should have stopped " + cell.point.argument() + ": " + paused);
            int unreleased = (int) number(paused, "inBatch=");
            kill(consumer);
            ChildProcess last = shmlaneConsumer("consumer-2");
            consumers.add(last);
            int producerExit = awaitProducerExit(producer, last);
            int lastExit = harness.awaitExit(last);
            DeliveryReport report = deliveryReport(n, unreleased);
            assertThat(producerExit).as(harness::describeChildren).isZero();
            assertThat(lastExit).as(harness::describeChildren).isZero();
            checkDelivery(report, n, unreleased, last);
        }

        /** What the consumers printed, checked, and recorded in the scenario's summary. */
        private DeliveryReport deliveryReport(final long total, final int unreleased) {
            DeliveryCheck check = DeliveryCheck.expectingRange(total).redeliveryWindow(lane.redeliveryWindow(batch));
            long torn = 0;
            long malformed = 0;
            for (int i = 0; i < consumers.size(); i++) {
                ChildProcess c = consumers.get(i);
                check.delivered(c.label(), c.consumed(), i > 0);
                torn += c.tornCount();
                malformed += c.malformedConsumedCount();
            }
            DeliveryReport report = check.torn(torn).malformedLines(malformed).run();
            harness.summary().delivery(report).detail("unreleasedAtKill", unreleased);
            return report;
        }

        private void checkDelivery(
                final DeliveryReport report, final long total, final int unreleased, final ChildProcess last) {
            assertThat(report.problems())
                    .as(() -> report + "\n" + harness.describeChildren())
                    .isEmpty();
            // the documented redelivery, exactly: the batch the killed consumer printed and had not released
            assertThat(report.redelivered)
                    .as(() -> "redelivered: the " + unreleased + " messages of the unreleased batch, no more, no less\n"
                            + report + "\n" + harness.describeChildren())
                    .isEqualTo(unreleased);
            assertThat(last.summary("received")).as(harness::describeChildren).hasValueSatisfying(s -> assertThat(s)
                    .containsEntry("gaps", "0")
                    .containsEntry("duplicates", "0")
                    .containsEntry("reordered", "0")
                    .containsEntry("torn", "0")
                    .containsEntry("last", Long.toString(total - 1))
                    .containsEntry("end", "eos"));
        }

        /**
         * The restarted producer: the command line, sending to {@code total} (refused when the stream
         * ended). Started first, next to the unread records, it is given time to do its worst: the
         * consumer goes on only once the new producer has filled the channel up to them and waits.
         */
        private ChildProcess startProducerAgain(final long total, final boolean ended) {
            ChildProcess producer = shmlaneProducer("producer-2", total);
            if (!ended) {
                harness.awaitWhileAlive("the new producer to attach", producer)
                        .until(() -> ChannelProbe.attached(file, Role.PRODUCER));
            }
            if (!ended && cell.restart == Restart.PRODUCER_FIRST) {
                // full: the largest record of the command line's producer (capacity / 8) would not fit
                long full = RING_CAPACITY
                        - RingDescriptor.ALIGNMENT
                        - RingDescriptor.align(RingDescriptor.HEADER_LENGTH + RING_CAPACITY / 8);
                harness.awaitWhileAlive("the new producer to fill the channel up to the unread records", producer)
                        .until(() -> ChannelProbe.read(file)
                                .map(s -> lane == Lane.RING ? s.bytesInFlight() >= full : s.slotFull())
                                .orElse(false));
            }
            return producer;
        }

        /**
         * Waits for {@code producer} to exit; fails at once when {@code consumer} failed (exited with a
         * status other than 0) while the producer still runs: the producer would wait for room for ever.
         * A consumer that ended well may exit first: it saw the end of stream while the producer's JVM
         * was still on its way out.
         */
        private int awaitProducerExit(final ChildProcess producer, final ChildProcess consumer) {
            harness.await(producer.label() + " to exit")
                    .failFast(consumer.label() + " failed while " + producer.label() + " still ran", () -> assertThat(
                                    !consumer.isAlive() && consumer.exitCode() != 0 && producer.isAlive())
                            .as(() -> consumer.label() + " exited " + consumer.exitCode() + " while " + producer.label()
                                    + " still ran\n" + harness.describeChildren())
                            .isFalse())
                    .untilAsserted(() -> assertThat(producer.isFinished())
                            .as(() -> producer.label() + " did not exit in time\n" + harness.describeChildren())
                            .isTrue());
            return producer.exitCode();
        }

        /** Waits until {@code consumer} drained what the dead producer committed (or the ended stream). */
        private void awaitDrained(final ChildProcess consumer, final boolean ended) {
            if (ended) {
                harness.awaitExit(consumer);
            } else {
                harness.awaitWhileAlive("the consumer to drain and wait for a producer", consumer)
                        .until(() -> consumer.stderrLines().stream().anyMatch(l -> l.contains(WAITING_FOR_PRODUCER)));
            }
        }

        private void kill(final ChildProcess child) {
            assertThat(harness.killAndAwait(child))
                    .as(harness::describeChildren)
                    .isEqualTo(137);
            harness.summary().addKill();
        }

        private void arm(final String name) {
            try {
                Files.createFile(harness.file(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for a stdout line of {@code child} starting with {@code prefix}; fails fast if one of {@code alive} exits. */
        private String awaitLine(final ChildProcess child, final String prefix, final ChildProcess... alive) {
            harness.awaitWhileAlive(child.label() + " to print '" + prefix + "'", alive)
                    .until(() -> line(child, prefix).isPresent());
            return line(child, prefix).orElseThrow();
        }

        private static Optional<String> line(final ChildProcess child, final String prefix) {
            return child.stdoutLines().stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst();
        }

        private static long number(final String line, final String key) {
            Map<String, String> tokens = SummaryLine.parse(line.replace(key, "k="));
            return Long.parseLong(tokens.get("k"));
        }

        private int capacity() {
            return lane == Lane.RING ? RING_CAPACITY : MAILBOX_CAPACITY;
        }

        private String[] withChannel(final String... args) {
            List<String> list = new ArrayList<>(List.of(args));
            list.addAll(List.of("--channel", lane.cli(), "--capacity", Integer.toString(capacity())));
            return list.toArray(new String[0]);
        }

        private ChildProcess shmlaneConsumer(final String label) {
            return harness.shmlane(
                    label,
                    withChannel(
                            "consumer",
                            "--file",
                            file.toString(),
                            "--wait-producer",
                            "--batch",
                            Integer.toString(batch)));
        }

        private ChildProcess shmlaneProducer(final String label, final long count) {
            return harness.shmlane(
                    label,
                    withChannel(
                            "producer",
                            "--file",
                            file.toString(),
                            "--count",
                            Long.toString(count),
                            "--size",
                            "random",
                            "--seed",
                            Long.toString(random.nextLong())));
        }

        private ChildProcess crashPointConsumer(final String label, final CrashPoint point, final int pauseAt) {
            return harness.java(
                    label,
                    CrashPointConsumer.class.getName(),
                    withChannel(
                            "--file",
                            file.toString(),
                            "--batch",
                            Integer.toString(batch),
                            "--point",
                            point.argument(),
                            "--pause-at",
                            Integer.toString(pauseAt)));
        }
    }
}
