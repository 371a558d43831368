package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.ChannelOptions;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.naive.NaiveChannel;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edges of the producer's and consumer's options, and the naive reference's round trip. */
class CommandOptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAcceptSizesAtBothEndsOfTheRangeAndRefuseOneBeyondEither() {
        // a ring of 1024 bytes carries messages of up to 128
        for (String size : new String[] {"32", "128"}) {
            String file = dir.resolve("ok-" + size + ".shm").toString();
            assertThat(Main.execute(
                            "producer",
                            "--file",
                            file,
                            "--capacity",
                            "1024",
                            "--size",
                            size,
                            "--count",
                            "3",
                            "--quiet"))
                    .as(size + err())
                    .isEqualTo(ExitCodes.OK);
            assertThat(Main.execute("consumer", "--file", file, "--capacity", "1024", "--quiet"))
                    .as(size + err())
                    .isEqualTo(ExitCodes.OK);
        }
        for (String size : new String[] {"31", "129"}) {
            String file = dir.resolve("bad-" + size + ".shm").toString();
            assertThat(Main.execute(
                            "producer",
                            "--file",
                            file,
                            "--capacity",
                            "1024",
                            "--size",
                            size,
                            "--count",
                            "3",
                            "--quiet"))
                    .as(size)
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err()).contains("--size must be 0 or from 32 to 128 (the channel's maximum message length)");
        }
    }

    @Test
    void shouldRefuseAChannelWhoseLargestMessageIsBelowThePaddedMinimum() {
        String file = dir.resolve("m.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--channel", "mailbox", "--capacity", "31", "--count", "1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("the channel's maximum message length 31 is below 32");
        assertThat(dir.resolve("m.shm")).doesNotExist();
    }

    @Test
    void shouldDrawRandomSizesFromTheWholeRangeBothEndsIncluded() {
        ProducerCommand.Sizes tightest = ProducerCommand.Sizes.parse("random", MessageCodec.MIN_PADDED_SIZE, 1L);
        for (int i = 0; i < 100; i++) {
            assertThat(tightest.next()).isEqualTo(MessageCodec.MIN_PADDED_SIZE);
        }
        ProducerCommand.Sizes two = ProducerCommand.Sizes.parse("random", 33, 5L);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(two.next());
        }
        assertThat(seen).containsExactlyInAnyOrder(32, 33);
        assertThat(two.seedToken()).isEqualTo(" seed=5");
        ProducerCommand.Sizes fixed = ProducerCommand.Sizes.parse("40", 100, 5L);
        assertThat(fixed.next()).isEqualTo(40);
        assertThat(fixed.seedToken()).isEmpty();
        assertThat(ProducerCommand.Sizes.parse("0", 100, null).next()).isZero();
        assertThatThrownBy(() -> ProducerCommand.Sizes.parse("101", 100, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBlameTheKindNotTheSizeWhenAnExistingRingIsOpenedAsAMailbox() {
        Path path = dir.resolve("ring.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        // 500 bytes fit a default mailbox but not this ring (128): the kind is the problem to report
        assertThat(Main.execute(
                        "producer", "--file", path.toString(), "--channel", "mailbox", "--size", "500", "--count", "1"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(err()).contains("ring").doesNotContain("--size");
    }

    @Test
    void shouldAcceptTheSmallestBatchAndRefuseZero() {
        String file = dir.resolve("b.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--count", "5", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        assertThat(Main.execute("consumer", "--file", file, "--batch", "1"))
                .as(err())
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Consumed: Msg-4").contains("received=5 gaps=0");
        assertThat(Main.execute("consumer", "--file", file, "--batch", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--batch must be at least 1: 0");
    }

    @Test
    void shouldRoundTripOneMessageThroughTheNaiveReferenceAndStopWhenIdle() {
        String file = dir.resolve("naive.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--channel", "naive", "--count", "1"))
                .as(err())
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Produced: Msg-0").contains("produced=1 first=0 last=0 channel=naive");
        assertThat(Main.execute("consumer", "--file", file, "--channel", "naive", "--idle-exit", "0"))
                .as(err())
                .isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains("Consumed: Msg-0")
                .containsPattern("received=1 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=0 .* channel=naive"
                        + " end=idle");
        assertThat(Main.execute("consumer", "--file", file, "--channel", "naive", "--idle-exit", "-1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--idle-exit must not be negative");
    }

    @Test
    void shouldCheckFromTheHeadWhenTheConsumerDiedAfterStoringItsNextSequence() throws IOException {
        // a consumer that died between storing the next sequence and releasing the head left the slot
        // ahead of the batch that is delivered again: the check starts at the head's record
        Path path = dir.resolve("ahead.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        try (RingProducer producer = RingProducer.open(path)) {
            for (long n = 0; n < 10; n++) {
                producer.offer(message, 0, codec.encode(n, message, 32));
            }
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer ahead =
                    ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 5);
            channel.write(ahead, ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET);
        }
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .as(err())
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("received=10 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=9");
    }

    @Test
    void shouldExitFourForASecondProducerWhileTheFirstHoldsTheRole() {
        Path path = dir.resolve("taken.shm");
        try (RingProducer first = RingProducer.open(path)) {
            assertThat(Main.execute("producer", "--file", path.toString(), "--count", "1"))
                    .isEqualTo(ExitCodes.ROLE_TAKEN);
            assertThat(err()).contains("already has a live producer");
        }
    }

    @Test
    void shouldRefuseARateOfZero() {
        String file = dir.resolve("rate.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--rate", "0", "--count", "1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--rate must be positive: 0.0");
    }

    @Test
    void shouldPaceTheNaiveProducerToo() {
        String file = dir.resolve("paced.shm").toString();
        assertThat(Main.execute(
                        "producer", "--file", file, "--channel", "naive", "--count", "5", "--rate", "50", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        // message 4 is due 80 ms after the start
        String seconds = out().replaceAll("(?s).*seconds=([0-9.]+).*", "$1");
        assertThat(Double.parseDouble(seconds)).isGreaterThanOrEqualTo(0.079);
    }

    @Test
    void shouldWaitForTheFirstNaiveMessageThenStopAfterTheIdleTimeWithoutOne() throws Exception {
        Path path = dir.resolve("late.shm");
        try (NaiveChannel channel = NaiveChannel.open(path)) {
            long start = System.nanoTime();
            CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(() -> Main.execute(
                    "consumer", "--file", path.toString(), "--channel", "naive", "--idle-exit", "0.3", "--quiet"));
            Thread.sleep(500); // longer than --idle-exit: no message yet is no reason to stop
            assertThat(consumer).isNotDone();
            byte[] message = new byte[64];
            long sent = System.nanoTime(); // before: the naive send forces the page out, which takes a while
            channel.send(message, 0, new MessageCodec(64).encode(0, message, 40));
            assertThat(consumer.get(20, TimeUnit.SECONDS)).as(err()).isEqualTo(ExitCodes.OK);
            long end = System.nanoTime();
            assertThat(end - sent).as("idle for --idle-exit after the message").isGreaterThanOrEqualTo(300_000_000L);
            String summary = out().lines()
                    .filter(l -> l.startsWith("received="))
                    .findFirst()
                    .orElseThrow();
            assertThat(summary).startsWith("received=1 gaps=0").endsWith("channel=naive end=idle");
            // seconds run to the last message, which came about 500 ms after the start
            double seconds = Double.parseDouble(summary.replaceAll(".* seconds=([0-9.]+) .*", "$1"));
            assertThat(seconds).isBetween(0.4, (end - start) / 1e9);
            long rate = Long.parseLong(summary.replaceAll(".* rate=([0-9]+) .*", "$1"));
            assertThat(rate).isBetween((long) (1 / (seconds + 0.0005)) - 1, (long) (1 / (seconds - 0.0005)) + 1);
        }
    }

    @Test
    void shouldFailVerificationOfANaiveStreamThatSkipsAMessage() throws IOException {
        Path path = dir.resolve("gap.shm");
        try (NaiveChannel channel = NaiveChannel.open(path)) {
            byte[] message = new byte[64];
            channel.send(message, 0, new MessageCodec(64).encode(1, message, 40));
        }
        assertThat(Main.execute(
                        "consumer", "--file", path.toString(), "--channel", "naive", "--idle-exit", "0", "--quiet"))
                .isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(err()).contains("first missing: Msg-0");
    }

    @Test
    void shouldNameMsg0AsTheFirstMissingMessage() {
        Path path = dir.resolve("no-zero.shm");
        producerThatSent(path, 1, 2).close();
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(err()).contains("; first missing: Msg-0");
    }

    @Test
    void shouldExitThreeWhenTheFileIsTruncatedWhileWaitingForANewProducer() throws Exception {
        Path path = dir.resolve("wait-truncated.shm");
        RingProducer dead = RingProducer.open(path);
        dead.detach();
        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(
                () -> Main.execute("consumer", "--file", path.toString(), "--quiet", "--wait-producer"));
        Thread.sleep(300);
        assertThat(consumer).isNotDone();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET);
        }
        assertThat(consumer.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(err()).contains("truncated");
    }

    @Test
    void shouldWaitTheAttachTimeoutGivenInSecondsForAnUnpublishedHeader() throws IOException {
        Path path = dir.resolve("unpublished.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(ChannelHeaderDescriptor.DATA_OFFSET), 0);
        }
        for (String command : new String[] {"inspect", "consumer"}) {
            long start = System.nanoTime();
            assertThat(Main.execute(command, "--file", path.toString(), "--attach-timeout", "0.3"))
                    .as(command)
                    .isEqualTo(ExitCodes.BAD_CHANNEL);
            assertThat(System.nanoTime() - start).as(command).isGreaterThanOrEqualTo(300_000_000L);
            assertThat(err()).contains("has no published header after 300 ms");
        }
        String free = dir.resolve("free.shm").toString();
        assertThat(Main.execute("producer", "--file", free, "--attach-timeout", "0", "--count", "1", "--quiet"))
                .as(err())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldPrintAStackTraceForVerboseGivenAfterTheCommand() {
        assertThat(Main.execute("inspect", "--file", dir.toString(), "--verbose"))
                .isEqualTo(ExitCodes.BAD_PATH);
        assertThat(err()).contains("is a directory").contains("\tat io.shmlane.");
    }

    @Test
    void shouldShowBytesInFlightBetweenAMovedHeadAndTheTailAndAMailboxSlotsState() throws IOException {
        Path ring = dir.resolve("moved head.shm"); // a space: printed as is in JSON
        try (RingProducer producer =
                        RingProducer.open(ring, ChannelOptions.ring().withCapacity(4096));
                RingConsumer consumer =
                        RingConsumer.open(ring, ChannelOptions.ring().withCapacity(4096));
                ChannelFile view = ChannelFile.openExisting(ring, Duration.ofSeconds(1))) {
            for (int i = 0; i < 5; i++) {
                producer.offer(new byte[16], 0, 16);
            }
            assertThat(consumer.poll((s, b, i, l) -> {}, 2)).isEqualTo(2);
            Map<String, Object> fields = InspectCommand.describe(view);
            assertThat(fields)
                    .containsEntry("head", 48L) // 24-byte records: 8-byte header + 16
                    .containsEntry("tail", 120L)
                    .containsEntry("bytesInFlight", 72L);
            assertThat(InspectCommand.toJson(fields)).contains("\"file\":\"" + ring + "\"");
        }
        Path mailbox = dir.resolve("m.shm");
        try (MailboxProducer producer = MailboxProducer.open(mailbox, ChannelOptions.mailbox());
                ChannelFile view = ChannelFile.openExisting(mailbox, Duration.ofSeconds(1))) {
            assertThat(InspectCommand.describe(view)).containsEntry("slot", "empty");
            producer.offer(new byte[8], 0, 8);
            assertThat(InspectCommand.describe(view))
                    .containsEntry("slot", "full")
                    .containsEntry("slotSequence", 0L);
        }
        assertThat(Files.exists(mailbox)).isTrue();
    }

    @Test
    void shouldPrintTheSummaryWithTheEndBeforeExitingFiveForADeadProducer() {
        Path path = dir.resolve("dead.shm");
        producerThatSent(path, 0).detach();
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.PEER_DIED);
        assertThat(out()).containsPattern("received=1 gaps=0 .* channel=ring end=producer-died");
    }

    @Test
    void shouldCarryOnWithTheNewProducerAndEndAtItsEndOfStream() throws Exception {
        Path path = dir.resolve("wait.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        RingProducer dead = RingProducer.open(path);
        dead.offer(message, 0, codec.encode(0, message, 32));
        dead.detach();
        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(
                () -> Main.execute("consumer", "--file", path.toString(), "--quiet", "--wait-producer"));
        Thread.sleep(300);
        try (RingProducer next = RingProducer.open(path)) {
            next.offer(message, 0, codec.encode(1, message, 32));
            next.offer(message, 0, codec.encode(2, message, 32));
        }
        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .containsPattern("received=3 gaps=0 duplicates=0 reordered=0 torn=0 first=0 last=2 .* end=eos");
    }

    @Test
    void shouldPaceAResumedProducerFromItsOwnFirstMessage() {
        Path path = dir.resolve("resumed.shm");
        producerThatSent(path, 0, 1, 2).detach();
        // at 1 message a second, message 3 is the run's first: due at once, not three seconds in
        assertThat(Main.execute("producer", "--file", path.toString(), "--count", "4", "--rate", "1", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        double seconds = Double.parseDouble(out().replaceAll("(?s).*seconds=([0-9.]+).*", "$1"));
        assertThat(seconds).isLessThan(2.0);
    }

    @Test
    void shouldCallAVersionWithoutAManifestADevelopmentBuild() {
        assertThat(new Main.Version().getVersion()).containsExactly("shmlane (development build)");
    }

    @Test
    void shouldMapEveryReasonToItsDocumentedExitCode() {
        Map<ChannelException.Reason, Integer> documented = new java.util.EnumMap<>(ChannelException.Reason.class);
        for (ChannelException.Reason reason : ChannelException.Reason.values()) {
            documented.put(reason, ExitCodes.BAD_CHANNEL);
        }
        documented.put(ChannelException.Reason.BAD_ARGUMENT, ExitCodes.USAGE);
        documented.put(ChannelException.Reason.ROLE_TAKEN, ExitCodes.ROLE_TAKEN);
        documented.put(ChannelException.Reason.PEER_DIED, ExitCodes.PEER_DIED);
        documented.put(ChannelException.Reason.BAD_PATH, ExitCodes.BAD_PATH);
        documented.put(ChannelException.Reason.INTERRUPTED, ExitCodes.INTERRUPTED);
        documented.forEach((reason, code) -> assertThat(ExitCodes.of(new ChannelException(reason, "x")))
                .as(reason.name())
                .isEqualTo(code));
    }

    @Test
    void shouldCallAMessageLongerThanTheChannelsLargestMalformed() {
        MessageCodec codec = new MessageCodec(40);
        ByteBuffer buffer = ByteBuffer.allocate(64);
        byte[] message = new byte[40];
        int length = codec.encode(7, message, 40);
        buffer.put(0, message, 0, length);
        assertThat(codec.decode(buffer, 0, length)).isEqualTo(7);
        assertThat(codec.decode(buffer, 0, 41)).isEqualTo(MessageCodec.MALFORMED);
    }

    @Test
    void shouldWriteAnyNumberAsANumberAndEverythingElseAsAString() {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("ratio", 1.5);
        fields.put("count", 3);
        fields.put("flag", true);
        assertThat(InspectCommand.toJson(fields)).isEqualTo("{\"ratio\":1.5,\"count\":3,\"flag\":\"true\"}");
    }

    @Test
    void shouldNameEachRoleStateInInspect() throws IOException {
        assertThat(InspectCommand.stateName(0)).isEqualTo("none");
        assertThat(InspectCommand.stateName(1)).isEqualTo("attached");
        assertThat(InspectCommand.stateName(2)).isEqualTo("closed");
        assertThat(InspectCommand.stateName(7)).isEqualTo("invalid(7)");
        Path path = dir.resolve("states.shm");
        try (RingProducer producer = RingProducer.open(path);
                ChannelFile view = ChannelFile.openExisting(path, Duration.ofSeconds(1))) {
            assertThat(InspectCommand.describe(view))
                    .containsEntry("producerState", "attached")
                    .containsEntry("consumerState", "none");
        }
    }

    @Test
    void shouldSayWhatATornRecordHeldOnItsLine() {
        Path path = dir.resolve("torn-lines.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        try (RingProducer producer = RingProducer.open(path)) {
            int length = codec.encode(0, message, 48);
            producer.offer(message, 0, length);
            producer.offer(message, 0, length); // Msg-0 again, intact, in the record of sequence 1
            length = codec.encode(1, message, 48);
            message[40] ^= 1; // Msg-1's text intact, its filler damaged
            producer.offer(message, 0, length);
            message[0] = 'X'; // not even the text
            producer.offer(message, 0, length);
        }
        assertThat(Main.execute("consumer", "--file", path.toString())).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(out().lines().filter(l -> !l.startsWith("received=")).toList())
                .containsExactly(
                        "Consumed: Msg-0",
                        "Torn: Msg-0 in a record with sequence 1",
                        "Torn: sequence 2",
                        "Torn: sequence 3");
    }

    @Test
    void shouldSayOnceThatItWaitsForANewProducer() throws Exception {
        Path path = dir.resolve("wait-once.shm");
        RingProducer dead = RingProducer.open(path);
        dead.detach();
        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(
                () -> Main.execute("consumer", "--file", path.toString(), "--quiet", "--wait-producer"));
        Thread.sleep(400); // several 50 ms looks for a producer
        try (RingProducer next = RingProducer.open(path)) {
            assertThat(next.nextSequence()).isZero();
        }
        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(err().lines().filter(l -> l.contains("waiting for a new producer")))
                .hasSize(1);
    }

    @Test
    void shouldLeaveTheStreamOpenForANewProducerWhenItFailsMidRun() throws Exception {
        Path path = dir.resolve("mid-run.shm");
        CompletableFuture<Integer> producer = CompletableFuture.supplyAsync(() -> Main.execute(
                "producer", "--file", path.toString(), "--capacity", "1024", "--count", "1000", "--quiet"));
        // no consumer: the producer fills the ring and waits for room; then the consumer's head is made
        // unreadable (not a multiple of 8), which the producer finds when it looks at it again
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!java.nio.file.Files.exists(path) || java.nio.file.Files.size(path) < 1024) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(200);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(
                    ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 4),
                    ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET);
        }
        assertThat(producer.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(err()).contains("is corrupt: the consumer's head 4");
        // detached, not closed: the role is free (a dead producer, not one that ended the stream)
        try (ChannelFile view = ChannelFile.openExisting(path, Duration.ofSeconds(1))) {
            assertThat(view.peerStatus(io.shmlane.Role.PRODUCER)).isEqualTo(io.shmlane.PeerStatus.DEAD);
        }
    }

    @Test
    void shouldRefuseAHeadRecordWhoseSequenceDisagreesWithTheConsumersSlot() throws IOException {
        Path path = dir.resolve("later-sequence.shm");
        producerThatSent(path, 0, 1, 2).close();
        // the record at the head says sequence 1 though it holds Msg-0; the consumer's slot says 0
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(
                    ByteBuffer.allocate(4)
                            .order(ByteOrder.nativeOrder())
                            .putInt(0, io.shmlane.ring.RingDescriptor.messageTag(1)),
                    ChannelHeaderDescriptor.DATA_OFFSET + io.shmlane.ring.RingDescriptor.TAG_OFFSET);
        }
        // refused at attach: the checker never has to choose between the slot and the head record
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(err()).contains("sequence").doesNotContain("\n\n");
        assertThat(out()).doesNotContain("received=");
    }

    @Test
    void shouldReportAnUnexpectedErrorOnOneLineWithTheVerboseHint() throws IOException {
        // a --dir that is a regular file: the demo's first file operation fails with an I/O error that no
        // check names, which the command line reports as unexpected (exit 1)
        Path notADirectory = Files.createFile(dir.resolve("plain-file"));
        assertThat(Main.execute("demo", "--dir", notADirectory.toString(), "--count", "1"))
                .isEqualTo(ExitCodes.INTERNAL);
        assertThat(err().strip())
                .startsWith("shmlane: unexpected error: java.nio.file.")
                .endsWith("(rerun with --verbose for details)")
                .doesNotContain("\n");
    }

    /** A ring producer at {@code path} that sent {@code ids} as 32-byte messages and is still attached. */
    private static RingProducer producerThatSent(final Path path, final long... ids) {
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        RingProducer producer = RingProducer.open(path);
        for (long n : ids) {
            producer.offer(message, 0, codec.encode(n, message, 32));
        }
        return producer;
    }
}
