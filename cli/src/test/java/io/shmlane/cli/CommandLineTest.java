package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelFile;
import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes and one-line errors for bad input. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String errorLines() {
        return stderr.toString(StandardCharsets.UTF_8).trim();
    }

    private void assertOneLineError(final String expected) {
        assertThat(errorLines()).startsWith("shmlane: ").contains(expected).doesNotContain("\n");
    }

    @Test
    void shouldRejectTextFileWithOneLineAndExitCode3() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a channel\n".repeat(100));
        assertThat(Main.execute("inspect", "--file", text.toString())).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is not a shmlane channel file");
    }

    @Test
    void shouldRejectDirectoryWithOneLineAndExitCode7() {
        assertThat(Main.execute("inspect", "--file", dir.toString())).isEqualTo(ExitCodes.BAD_PATH);
        assertOneLineError("is a directory");
    }

    @Test
    void shouldRejectTruncatedChannelWithOneLineAndExitCode3() throws IOException {
        Path path = dir.resolve("c.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        assertThat(Main.execute("inspect", "--file", path.toString())).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("is truncated");
    }

    @Test
    void shouldRejectEmptyFileAndMissingFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.shm"));
        assertThat(Main.execute("inspect", "--file", empty.toString())).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("empty or truncated");
        stderr.reset();
        assertThat(Main.execute("inspect", "--file", dir.resolve("missing").toString()))
                .isEqualTo(ExitCodes.BAD_PATH);
        assertOneLineError("does not exist");
    }

    @Test
    void shouldRejectBadSizesAndCountsAsUsageErrors() {
        String file = dir.resolve("c.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--size", "200000", "--count", "1"))
                .isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--size must be 0 or from 32 to 131072");
        stderr.reset();
        assertThat(Main.execute("producer", "--file", file, "--size", "-3")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("size=-3");
        stderr.reset();
        assertThat(Main.execute("producer", "--file", file, "--count", "-1")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--count must not be negative");
        stderr.reset();
        assertThat(Main.execute("producer", "--file", file, "--capacity", "1000"))
                .isEqualTo(ExitCodes.USAGE);
        assertOneLineError("ring capacity must be a power of two");
        stderr.reset();
        assertThat(Main.execute("producer", "--file", file, "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("Unknown option: '--bogus'");
    }

    @Test
    void shouldRejectWrongKindAndCapacityMismatch() {
        Path path = dir.resolve("m.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.mailbox()).close();
        assertThat(Main.execute("consumer", "--file", path.toString(), "--channel", "ring", "--quiet"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("holds a mailbox channel, not a ring: open it as a mailbox, or use another file (--channel");
        stderr.reset();
        assertThat(Main.execute(
                        "consumer", "--file", path.toString(), "--channel", "mailbox", "--capacity", "64", "--quiet"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("was created with capacity 1024, not 64");
    }

    @Test
    void shouldDeliverAStreamOfRandomSizesAndExitZero() throws Exception {
        String file = dir.resolve("r.shm").toString();
        int[] producerExit = {-1};
        Thread producer = new Thread(() -> producerExit[0] = Main.execute(
                "producer", "--file", file, "--count", "2000", "--size", "random", "--seed", "7", "--quiet"));
        producer.setDaemon(true); // a hung producer must not keep the test JVM alive
        producer.start();
        assertThat(Main.execute("consumer", "--file", file, "--quiet")).isEqualTo(ExitCodes.OK);
        producer.join();
        assertThat(producerExit[0]).isEqualTo(ExitCodes.OK);
        assertThat(errorLines()).isEmpty();
    }

    @Test
    void shouldRefuseProducerOnStreamThatEnded() {
        String file = dir.resolve("r.shm").toString();
        assertThat(Main.execute("producer", "--file", file, "--count", "1", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        assertThat(Main.execute("producer", "--file", file, "--count", "2", "--quiet"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertOneLineError("closed by an earlier producer");
    }

    @Test
    void shouldFailVerificationOnGap() {
        Path path = dir.resolve("gap.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        try (RingProducer producer = RingProducer.open(path)) {
            for (long n : new long[] {0, 1, 3}) {
                producer.offer(message, 0, codec.encode(n, message, 32));
            }
        }
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.VERIFICATION_FAILED);
    }

    @Test
    void shouldFailVerificationOnTornPayload() {
        Path path = dir.resolve("torn.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        try (RingProducer producer = RingProducer.open(path)) {
            int length = codec.encode(0, message, 48);
            message[20] ^= 1; // one flipped bit in the filler
            producer.offer(message, 0, length);
        }
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.VERIFICATION_FAILED);
    }

    @Test
    void shouldReportDeadProducerWithExitCode5() {
        Path path = dir.resolve("dead.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        RingProducer producer = RingProducer.open(path);
        producer.offer(message, 0, codec.encode(0, message, 32));
        producer.detach();
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.PEER_DIED);
        assertOneLineError("producer died");
    }

    @Test
    void shouldWaitForANewProducerWithWaitProducerAndDeliverTheWholeSequence() throws Exception {
        Path path = dir.resolve("wait.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        RingProducer dead = RingProducer.open(path);
        dead.offer(message, 0, codec.encode(0, message, 32));
        dead.detach();

        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(
                () -> Main.execute("consumer", "--file", path.toString(), "--quiet", "--wait-producer"));
        // without the option the consumer exits 5 within one 50 ms check (the test above)
        Thread.sleep(500);
        assertThat(consumer).isNotDone();
        assertThat(errorLines()).contains("producer died").contains("waiting for a new producer");

        try (RingProducer next = RingProducer.open(path)) {
            assertThat(next.nextSequence()).isEqualTo(1);
            next.offer(message, 0, codec.encode(1, message, 32));
            next.offer(message, 0, codec.encode(2, message, 32));
        }
        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldDescribeChannelForInspectAsJson() {
        Path path = dir.resolve("i.shm");
        try (RingProducer producer =
                        RingProducer.open(path, ChannelOptions.ring().withCapacity(4096));
                ChannelFile view = ChannelFile.openExisting(path, Duration.ofSeconds(1))) {
            producer.offer(new byte[10], 0, 10);
            Map<String, Object> fields = InspectCommand.describe(view);
            assertThat(fields)
                    .containsEntry("kind", "ring")
                    .containsEntry("capacity", 4096)
                    .containsEntry("producerStatus", "alive")
                    .containsEntry("consumerStatus", "not_started")
                    .containsEntry("tail", 24L) // 8-byte header + 10, aligned to 8
                    .containsEntry("bytesInFlight", 24L);
            assertThat(InspectCommand.toJson(fields)).startsWith("{\"file\":").contains("\"capacity\":4096");
        }
        assertThat(Main.execute("inspect", "--file", path.toString(), "--json")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldPrintInspectAsAlignedTextAndEscapeJsonStrings() {
        Path path = dir.resolve("i.shm");
        try (RingProducer producer =
                RingProducer.open(path, ChannelOptions.ring().withCapacity(4096))) {
            producer.offer(new byte[10], 0, 10);
        }
        PrintStream originalOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("inspect", "--file", path.toString())).isEqualTo(ExitCodes.OK);
        } finally {
            System.setOut(originalOut);
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("kind                   ring")
                .contains("capacity               4096")
                .contains("producerStatus         closed")
                .contains("bytesInFlight          24");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("file", "a\"b\\c\u0001d");
        fields.put("n", 7L);
        assertThat(InspectCommand.toJson(fields)).isEqualTo("{\"file\":\"a\\\"b\\\\c\\u0001d\",\"n\":7}");
    }

    private static void writeLong(final Path path, final int offset, final long value) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value), offset);
        }
    }

    private static void writeInt(final Path path, final int offset, final int value) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value), offset);
        }
    }

    @Test
    void shouldTouchNoFileForAProducerWithABadOption() {
        Path path = dir.resolve("r8.shm");
        String file = path.toString();
        String[][] bad = {
            {"--size", "31", "--count", "1"},
            {"--size", "abc", "--count", "1"},
            {"--size", "-5", "--count", "1"},
            {"--size", "131073", "--count", "1"},
            {"--channel", "mailbox", "--capacity", "16", "--count", "1"},
            {"--idle", "sleepy", "--count", "1"},
            {"--attach-timeout", "-1", "--count", "1"},
        };
        for (String[] options : bad) {
            String[] args = new String[options.length + 3];
            args[0] = "producer";
            args[1] = "--file";
            args[2] = file;
            System.arraycopy(options, 0, args, 3, options.length);
            assertThat(Main.execute(args)).as(String.join(" ", options)).isEqualTo(ExitCodes.USAGE);
            assertThat(path).as(String.join(" ", options)).doesNotExist();
            assertOneLineError("");
            stderr.reset();
        }
        assertThat(Main.execute("consumer", "--file", file, "--batch", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.execute("consumer", "--file", file, "--idle", "sleepy")).isEqualTo(ExitCodes.USAGE);
        assertThat(path).doesNotExist();
    }

    @Test
    void shouldCheckTheSizeAgainstAnExistingFilesCapacity() throws IOException {
        Path path = dir.resolve("small.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        byte[] before = Files.readAllBytes(path);
        assertThat(Main.execute("producer", "--file", path.toString(), "--size", "200", "--count", "1"))
                .isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--size must be 0 or from 32 to 128");
        // refused before the producer role was taken: not one byte of the file changed
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        stderr.reset();
        // no dead producer was left behind: a consumer sees an empty stream, not a producer that died
        assertThat(Main.execute("producer", "--file", path.toString(), "--size", "100", "--count", "2", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        assertThat(Main.execute("consumer", "--file", path.toString(), "--quiet"))
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldRefuseAFifoAtOnceInInspect() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CompletableFuture<Integer> inspect =
                CompletableFuture.supplyAsync(() -> Main.execute("inspect", "--file", fifo.toString()));
        assertThat(inspect.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.BAD_PATH);
        assertOneLineError("is not a regular file");
    }

    @Test
    void shouldBlameTheKindForARingFileMarkedAsAMailbox() throws IOException {
        Path path = dir.resolve("kind.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(4096)).close();
        writeInt(path, ChannelHeaderDescriptor.KIND_OFFSET, ChannelKind.MAILBOX.code());
        for (String[] args : new String[][] {
            {"consumer", "--file", path.toString(), "--channel", "mailbox", "--quiet"},
            {"consumer", "--file", path.toString(), "--quiet"},
            {"inspect", "--file", path.toString()}
        }) {
            assertThat(Main.execute(args)).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_CHANNEL);
            assertOneLineError("its kind field says mailbox");
            assertThat(errorLines()).doesNotContain("max message length 512 does not match");
            stderr.reset();
        }
    }

    @Test
    void shouldExitThreeForAConsumerHeadThatIsNotAMultipleOfEight() throws IOException {
        Path path = dir.resolve("head.shm");
        MessageCodec codec = new MessageCodec(64);
        byte[] message = new byte[64];
        RingProducer producer = RingProducer.open(path, ChannelOptions.ring().withCapacity(4096));
        producer.offer(message, 0, codec.encode(0, message, 32));
        producer.detach();
        writeLong(path, ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET, 3);
        for (String command : new String[] {"inspect", "consumer", "producer"}) {
            assertThat(Main.execute(command, "--file", path.toString()))
                    .as(command)
                    .isEqualTo(ExitCodes.BAD_CHANNEL);
            assertOneLineError("the consumer's head 3 is not a multiple of 8");
            stderr.reset();
        }
    }

    @Test
    void shouldExitThreeForAMailboxFlagThatIsNeitherEmptyNorFull() throws IOException {
        Path path = dir.resolve("flag.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.mailbox()).close();
        writeInt(path, ChannelHeaderDescriptor.DATA_OFFSET, 7);
        assertThat(Main.execute("inspect", "--file", path.toString())).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(Main.execute("consumer", "--file", path.toString(), "--channel", "mailbox"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(Main.execute("producer", "--file", path.toString(), "--channel", "mailbox", "--count", "1"))
                .isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(errorLines()).contains("mailbox flag 7 is neither EMPTY (0) nor FULL (1)");
    }
}
