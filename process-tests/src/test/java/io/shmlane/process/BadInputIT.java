package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.FileModes;
import io.shmlane.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 6: stale and broken files, and a third process that wants a role. Each must end with a
 * clear one-line error on stderr (starting {@code shmlane: }) and the documented exit code, never a
 * stack trace or a JVM crash ({@code hs_err_pid*.log}, checked after every test); and a pair that
 * is running loses nothing.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test=BadInputIT
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class BadInputIT {
    private static final int BAD_CHANNEL = 3;
    private static final int ROLE_TAKEN = 4;
    private static final int BAD_PATH = 7;
    /** How long a child may take to notice a truncated file and exit (it checks every 50 ms). */
    private static final Duration NOTICE = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseANewProducerOnAStreamThatAlreadyEnded(final Lane lane, final ProcessHarness harness) {
        Path file = harness.file("ended.shm");
        long n = 10;
        harness.summary().channel(lane).messages(n).detail("case", "stale file: stream ended by an earlier producer");
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--count",
                Long.toString(n));
        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        DeliveryReport report = DeliveryCheck.expectingRange(n)
                .delivered(consumer.label(), consumer.consumed())
                .run();
        harness.summary().delivery(report);
        assertThat(report.problems()).as(harness::describeChildren).isEmpty();

        ChildProcess late = harness.shmlane(
                "late-producer", "producer", "--file", file.toString(), "--channel", lane.cli(), "--count", "20");
        assertCleanError(harness, late, BAD_CHANNEL, "was closed by an earlier producer");
        // a consumer of the ended stream has nothing left to read: end of stream at once
        ChildProcess lateConsumer =
                harness.shmlane("late-consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        assertThat(harness.awaitExit(lateConsumer))
                .as(harness::describeChildren)
                .isZero();
        assertThat(lateConsumer.summary("received").orElseThrow())
                .containsEntry("received", "0")
                .containsEntry("end", "eos");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseAFileOfAnotherKindOrCapacity(final Lane lane, final ProcessHarness harness) {
        Lane other = lane == Lane.RING ? Lane.MAILBOX : Lane.RING;
        harness.summary().channel(lane).detail("case", "stale file of another kind or capacity");
        Path otherKind = createEnded(harness, "other-kind.shm", other, other.defaultCapacity());
        assertCleanError(
                harness,
                harness.shmlane("consumer-kind", "consumer", "--file", otherKind.toString(), "--channel", lane.cli()),
                BAD_CHANNEL,
                "holds a " + other.cli() + " channel, not a " + lane.cli());
        assertCleanError(
                harness,
                harness.shmlane("producer-kind", "producer", "--file", otherKind.toString(), "--channel", lane.cli()),
                BAD_CHANNEL,
                "holds a " + other.cli() + " channel, not a " + lane.cli());

        int capacity = lane == Lane.RING ? 64 * 1024 : 512;
        Path otherCapacity = createEnded(harness, "other-capacity.shm", lane, capacity);
        assertCleanError(
                harness,
                harness.shmlane(
                        "consumer-capacity",
                        "consumer",
                        "--file",
                        otherCapacity.toString(),
                        "--channel",
                        lane.cli(),
                        "--capacity",
                        Integer.toString(capacity * 2)),
                BAD_CHANNEL,
                "was created with capacity " + capacity);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseAFileWithWrongMagicVersionOrNoHeader(final Lane lane, final ProcessHarness harness)
            throws IOException {
        harness.summary()
                .channel(lane)
                .detail("case", "wrong magic, wrong version, naive leftover, empty, unpublished");
        Path magic = createEnded(harness, "magic.shm", lane, lane.defaultCapacity());
        write(magic, ChannelHeaderDescriptor.MAGIC_OFFSET, "NOTSHMLN".getBytes(StandardCharsets.US_ASCII));
        assertBadChannel(harness, "magic", magic, lane, "is not a shmlane channel file (wrong magic");

        Path version = createEnded(harness, "version.shm", lane, lane.defaultCapacity());
        write(version, ChannelHeaderDescriptor.VERSION_OFFSET, intBytes(ChannelHeaderDescriptor.LAYOUT_VERSION + 1));
        assertBadChannel(
                harness,
                "version",
                version,
                lane,
                "has channel layout version " + (ChannelHeaderDescriptor.LAYOUT_VERSION + 1));

        // what the naive reference leaves behind: 1024 bytes, a length and "Msg-N" at the start
        Path naive = harness.file("naive-leftover.shm");
        ChildProcess naiveProducer = harness.shmlane(
                "naive-producer", "producer", "--file", naive.toString(), "--channel", "naive", "--count", "5");
        assertThat(harness.awaitExit(naiveProducer))
                .as(harness::describeChildren)
                .isZero();
        ownerOnly(naive);
        assertBadChannel(harness, "naive", naive, lane, "is not a shmlane channel file (wrong magic");

        Path empty = ownerOnly(Files.createFile(harness.file("empty.shm")));
        assertBadChannel(harness, "empty", empty, lane, "is too short to be a shmlane channel");

        // a creator that died before publishing the header: zeros of the right size
        Path unpublished = harness.file("unpublished.shm");
        Files.write(unpublished, new byte[ChannelHeaderDescriptor.DATA_OFFSET + 4096]);
        ownerOnly(unpublished);
        assertCleanError(
                harness,
                harness.shmlane(
                        "consumer-unpublished",
                        "consumer",
                        "--file",
                        unpublished.toString(),
                        "--channel",
                        lane.cli(),
                        "--attach-timeout",
                        "0.5"),
                BAD_CHANNEL,
                "has no published header");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseAPathThatCannotHoldAChannel(final Lane lane, final ProcessHarness harness) throws IOException {
        harness.summary().channel(lane).detail("case", "a directory, a missing directory");
        Path directory = Files.createDirectory(harness.file("a-directory"));
        assertCleanError(
                harness,
                harness.shmlane(
                        "consumer-directory", "consumer", "--file", directory.toString(), "--channel", lane.cli()),
                BAD_PATH,
                "is a directory");
        assertCleanError(
                harness,
                harness.shmlane(
                        "producer-missing-dir",
                        "producer",
                        "--file",
                        harness.file("missing/channel.shm").toString(),
                        "--channel",
                        lane.cli()),
                BAD_PATH,
                "does not exist");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldExitWithAClearErrorWhenTheFileIsTruncatedUnderAWaitingConsumer(
            final Lane lane, final ProcessHarness harness) throws IOException {
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).detail("case", "file truncated under a consumer waiting for messages");
        ChildProcess consumer =
                harness.shmlane("consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        truncate(file);
        assertCleanError(harness, consumer, BAD_CHANNEL, "truncated", NOTICE);
        assertThat(harness.crashFiles()).as("JVM crash files").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldExitWithAClearErrorWhenTheFileIsTruncatedUnderABusyPair(final Lane lane, final ProcessHarness harness)
            throws IOException {
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).detail("case", "file truncated under a producer and a consumer at full speed");
        ChildProcess consumer = harness.shmlane(
                "consumer",
                "consumer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--quiet",
                "--idle",
                "spin");
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--quiet",
                "--size",
                "random",
                "--seed",
                Long.toString(harness.random().nextLong()));
        long target = lane.messages(2_000, 20_000);
        harness.awaitWhileAlive("traffic on the channel", consumer, producer).until(() -> ChannelProbe.read(file)
                .map(s -> s.nextSequence() > target)
                .orElse(false));
        truncate(file);
        assertCleanError(harness, consumer, BAD_CHANNEL, "truncated", NOTICE);
        assertCleanError(harness, producer, BAD_CHANNEL, "truncated", NOTICE);
        assertThat(harness.crashFiles()).as("JVM crash files").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    void shouldRefuseASecondProducerAndASecondConsumerWhileThePairLosesNothing(
            final Lane lane, final ProcessHarness harness) {
        long n = ProcessHarness.scaled(lane.messages(20_000, 5_000));
        // a small ring, so that the producer soon waits for the stopped consumer instead of finishing
        String capacity = Integer.toString(lane == Lane.RING ? 4096 : lane.defaultCapacity());
        Path file = harness.file("channel.shm");
        harness.summary().channel(lane).messages(n).detail("case", "a second producer and a second consumer");
        ChildProcess consumer = harness.shmlane(
                "consumer", "consumer", "--file", file.toString(), "--channel", lane.cli(), "--capacity", capacity);
        harness.awaitWhileAlive("the consumer to attach", consumer)
                .until(() -> ChannelProbe.attached(file, Role.CONSUMER));
        ChildProcess producer = harness.shmlane(
                "producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--capacity",
                capacity,
                "--count",
                Long.toString(n),
                "--quiet");
        // hold the pair mid-stream (consumer stopped, producer waiting on the full channel) while
        // the intruders start, however long their JVMs take to come up
        long pauseAt = n / 10;
        consumer.onMessageLines(pauseAt, consumer::pause);
        harness.awaitMessageLines(consumer, pauseAt);

        ChildProcess secondProducer = harness.shmlane(
                "second-producer",
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--count",
                Long.toString(n));
        assertCleanError(
                harness, secondProducer, ROLE_TAKEN, "already has a live producer (pid " + producer.pid() + ")");
        ChildProcess secondConsumer =
                harness.shmlane("second-consumer", "consumer", "--file", file.toString(), "--channel", lane.cli());
        assertCleanError(
                harness, secondConsumer, ROLE_TAKEN, "already has a live consumer (pid " + consumer.pid() + ")");
        harness.check(
                producer.isAlive() && consumer.isAlive(),
                () -> "the refused processes should not have disturbed the running pair");
        consumer.resume();

        assertThat(harness.awaitExit(producer)).as(harness::describeChildren).isZero();
        assertThat(harness.awaitExit(consumer)).as(harness::describeChildren).isZero();
        DeliveryReport report = DeliveryCheck.expectingRange(n)
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .run();
        harness.summary().delivery(report);
        assertThat(report.problems())
                .as(() -> report + "\n" + harness.describeChildren())
                .isEmpty();
    }

    // ----------------------------------------------------------------------------------------------

    /** A channel file of {@code lane} and {@code capacity} whose producer ended at once (no messages). */
    private static Path createEnded(
            final ProcessHarness harness, final String name, final Lane lane, final int capacity) {
        Path file = harness.file(name);
        ChildProcess creator = harness.shmlane(
                "create-" + name,
                "producer",
                "--file",
                file.toString(),
                "--channel",
                lane.cli(),
                "--capacity",
                Integer.toString(capacity),
                "--count",
                "0");
        assertThat(harness.awaitExit(creator)).as(harness::describeChildren).isZero();
        return file;
    }

    private static void assertBadChannel(
            final ProcessHarness harness, final String label, final Path file, final Lane lane, final String fragment) {
        assertCleanError(
                harness,
                harness.shmlane("consumer-" + label, "consumer", "--file", file.toString(), "--channel", lane.cli()),
                BAD_CHANNEL,
                fragment);
        assertCleanError(
                harness,
                harness.shmlane("producer-" + label, "producer", "--file", file.toString(), "--channel", lane.cli()),
                BAD_CHANNEL,
                fragment);
    }

    static void assertCleanError(
            final ProcessHarness harness, final ChildProcess child, final int exitCode, final String fragment) {
        assertCleanError(harness, child, exitCode, fragment, null);
    }

    /** Exit {@code exitCode} and exactly one stderr line: {@code shmlane: ...fragment...}. */
    static void assertCleanError(
            final ProcessHarness harness,
            final ChildProcess child,
            final int exitCode,
            final String fragment,
            final Duration within) {
        int exit = within == null ? harness.awaitExit(child) : harness.awaitExit(child, within);
        List<String> stderr = child.stderrLines();
        assertThat(exit)
                .as(() -> child.label() + " exit code\n" + harness.describeChildren())
                .isEqualTo(exitCode);
        assertThat(stderr)
                .as(() -> child.label() + " should print one clear error line\n" + harness.describeChildren())
                .hasSize(1);
        assertThat(stderr.get(0))
                .as(() -> child.label() + " error line\n" + harness.describeChildren())
                .startsWith("shmlane: ")
                .contains(fragment);
    }

    /**
     * Makes a hand-made bad file owner-only, as shmlane creates channels: under a umask such as 002 it
     * would be group-writable, and refused for that before its content is read.
     */
    private static Path ownerOnly(final Path file) throws IOException {
        return Files.setPosixFilePermissions(file, FileModes.OWNER_ONLY);
    }

    private static void write(final Path file, final int offset, final byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static byte[] intBytes(final int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.nativeOrder())
                .putInt(0, value)
                .array();
    }

    /** Cuts the file to nothing while the children have it mapped; the test JVM never maps it. */
    private static void truncate(final Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }
}
