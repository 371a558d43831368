package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Channels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * What {@code shmlane producer} and {@code shmlane consumer} print, over the space of runs: ring and
 * mailbox, small and largest capacities, fixed, bare, largest and random sizes, a producer that resumes
 * after a dead one, with and without {@code --rate} and {@code --quiet}. Every line is checked against what
 * the run did: the per-message lines, each summary field, and the reported duration and rate against the
 * wall clock and the pacing the run asked for.
 */
class CommandSummaryPropertiesTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeProperty
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterProperty
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** A channel the commands are run on: the command line's name, its kind and a capacity. */
    record Channel(String name, ChannelKind kind, int capacity) {
        int maxMessageLength() {
            return ChannelOptions.maxMessageLength(kind, capacity);
        }
    }

    @Provide
    Arbitrary<Channel> channels() {
        return Arbitraries.of(
                new Channel("ring", ChannelKind.RING, 1024),
                new Channel("ring", ChannelKind.RING, 4096),
                // a mailbox whose largest message is the smallest padded message: the tightest --size range
                new Channel("mailbox", ChannelKind.MAILBOX, MessageCodec.MIN_PADDED_SIZE),
                new Channel("mailbox", ChannelKind.MAILBOX, 100));
    }

    @Provide
    Arbitrary<String> sizes() {
        return Arbitraries.of("0", "32", "random", "max");
    }

    @Property(tries = 60)
    void shouldPrintEveryMessageAndSummariesThatAccountForTheWholeRun(
            @ForAll("channels") final Channel channel,
            @ForAll @IntRange(min = 0, max = 150) final int count,
            @ForAll @IntRange(min = 0, max = 3) final int resumeAfter,
            @ForAll("sizes") final String sizeOption,
            @ForAll final long seed,
            @ForAll final boolean quiet,
            @ForAll final boolean paced)
            throws Exception {
        stdout.reset();
        stderr.reset();
        // a dead producer left messages 0 .. first - 1 (a mailbox holds one at most); the command resumes
        int first = Math.min(Math.min(resumeAfter, count), channel.kind() == ChannelKind.MAILBOX ? 1 : 3);
        String size = "max".equals(sizeOption) ? Integer.toString(channel.maxMessageLength()) : sizeOption;
        double rate = Math.max(count, 1) * 20.0; // about 50 ms of pacing
        Path dir = Files.createTempDirectory("shmlane-summary");
        try {
            Path file = dir.resolve("c.shm");
            List<String> common = List.of(
                    "--file", file.toString(), "--channel", channel.name(), "--capacity", "" + channel.capacity());
            if (first > 0) {
                // in the same form: a stream is bare or padded throughout (see the producer's --size)
                leaveMessagesOfADeadProducer(file, channel, first, "0".equals(size) ? 0 : MessageCodec.MIN_PADDED_SIZE);
            }
            List<String> producerArgs = new ArrayList<>(List.of("producer", "--count", "" + count, "--size", size));
            producerArgs.addAll(common);
            producerArgs.addAll(List.of("--seed", Long.toString(seed)));
            if (paced) {
                producerArgs.addAll(List.of("--rate", Double.toString(rate)));
            }
            List<String> consumerArgs = new ArrayList<>(List.of("consumer"));
            consumerArgs.addAll(common);
            if (first > 0) {
                consumerArgs.add("--wait-producer"); // the dead producer may be seen before the new one attaches
            }
            if (quiet) {
                producerArgs.add("--quiet");
                consumerArgs.add("--quiet");
            }

            long start = System.nanoTime();
            CompletableFuture<Integer> producer =
                    CompletableFuture.supplyAsync(() -> Main.execute(producerArgs.toArray(String[]::new)));
            int consumerExit = Main.execute(consumerArgs.toArray(String[]::new));
            int producerExit = producer.get(30, TimeUnit.SECONDS);
            double wallSeconds = (System.nanoTime() - start) / 1e9;

            String output = stdout.toString(StandardCharsets.UTF_8);
            assertThat(producerExit).as(output + stderr).isEqualTo(ExitCodes.OK);
            assertThat(consumerExit).as(output + stderr).isEqualTo(ExitCodes.OK);
            List<String> lines = output.lines().toList();

            assertThat(linesStartingWith(lines, "Produced: "))
                    .containsExactlyElementsOf(quiet ? List.of() : messages(first, count));
            assertThat(linesStartingWith(lines, "Consumed: "))
                    .containsExactlyElementsOf(quiet ? List.of() : messages(0, count));

            Map<String, String> produced = summary(lines, "produced=");
            long sent = count - first;
            Map<String, String> expectedProduced = new LinkedHashMap<>();
            expectedProduced.put("produced", "" + sent);
            expectedProduced.put("first", "" + (sent > 0 ? first : -1));
            expectedProduced.put("last", "" + (sent > 0 ? count - 1 : -1));
            expectedProduced.put("channel", channel.name());
            expectedProduced.put("size", size);
            if ("random".equals(size)) {
                expectedProduced.put("seed", Long.toString(seed));
            }
            expectedProduced.put("end", "count");
            assertThat(produced).containsAllEntriesOf(expectedProduced).containsOnlyKeys(withTiming(expectedProduced));
            assertTiming(produced, sent, wallSeconds);
            if (paced && sent > 1) {
                // message k of the run is not sent before k / rate seconds after the start
                assertThat(Double.parseDouble(produced.get("seconds")))
                        .isGreaterThanOrEqualTo((sent - 1) / rate - 0.001);
            }

            Map<String, String> received = summary(lines, "received=");
            Map<String, String> expectedReceived = new LinkedHashMap<>();
            expectedReceived.put("received", "" + count);
            expectedReceived.put("gaps", "0");
            expectedReceived.put("duplicates", "0");
            expectedReceived.put("reordered", "0");
            expectedReceived.put("torn", "0");
            expectedReceived.put("first", "" + (count > 0 ? 0 : -1));
            expectedReceived.put("last", "" + (count - 1));
            expectedReceived.put("channel", channel.name());
            expectedReceived.put("end", "eos");
            assertThat(received).containsAllEntriesOf(expectedReceived).containsOnlyKeys(withTiming(expectedReceived));
            assertTiming(received, count, wallSeconds);
        } finally {
            deleteTree(dir);
        }
    }

    private static void leaveMessagesOfADeadProducer(
            final Path file, final Channel channel, final int messages, final int size) {
        ChannelProducer dead =
                Channels.openProducer(file, ChannelOptions.of(channel.kind()).withCapacity(channel.capacity()));
        byte[] message = new byte[Math.max(dead.maxMessageLength(), MessageCodec.MIN_PADDED_SIZE)];
        MessageCodec codec = new MessageCodec(message.length);
        for (int n = 0; n < messages; n++) {
            assertThat(dead.offer(message, 0, codec.encode(n, message, size))).isTrue();
        }
        dead.detach();
    }

    private static List<String> messages(final long from, final long to) {
        return LongStream.range(from, to).mapToObj(n -> "Msg-" + n).toList();
    }

    private static List<String> linesStartingWith(final List<String> lines, final String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .toList();
    }

    /** The one summary line that starts with {@code prefix}, as its {@code key=value} fields. */
    private static Map<String, String> summary(final List<String> lines, final String prefix) {
        List<String> found = lines.stream().filter(l -> l.startsWith(prefix)).toList();
        assertThat(found).as("summary lines starting with %s", prefix).hasSize(1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : found.get(0).split(" ")) {
            int eq = token.indexOf('=');
            assertThat(eq).as("field %s", token).isPositive();
            assertThat(fields.put(token.substring(0, eq), token.substring(eq + 1)))
                    .as("field %s once", token)
                    .isNull();
        }
        return fields;
    }

    private static String[] withTiming(final Map<String, String> expected) {
        return Stream.concat(expected.keySet().stream(), Stream.of("seconds", "rate"))
                .toArray(String[]::new);
    }

    /**
     * {@code seconds} lies within the wall time around the command; {@code rate} is {@code messages /
     * seconds}, within what printing seconds with three decimals and the rate as a whole number allow.
     */
    private static void assertTiming(final Map<String, String> fields, final long messages, final double wallSeconds) {
        double seconds = Double.parseDouble(fields.get("seconds"));
        long rate = Long.parseLong(fields.get("rate"));
        assertThat(seconds).isBetween(0.0, wallSeconds + 0.001);
        if (messages == 0) {
            assertThat(rate).isZero();
        } else if (seconds >= 0.005) {
            assertThat((double) rate).isBetween(messages / (seconds + 0.0005) - 1, messages / (seconds - 0.0005) + 1);
        }
    }

    private static void deleteTree(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
