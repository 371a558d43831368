package io.shmlane.cli;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelHeaderDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Forks a consumer JVM and a producer JVM on a temporary channel and reports what went through. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Forks a consumer JVM and a producer JVM on a temporary channel file, shows a live progress line,",
            "and ends with the throughput and the consumer's verified counts."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--channel", defaultValue = "ring", paramLabel = "KIND", description = "ring (default) or mailbox.")
    ChannelType channel;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Messages to send (default: 10,000,000 for the ring, 200,000 for the mailbox).")
    Long count;

    @Option(names = "--size", defaultValue = "32", paramLabel = "BYTES", description = "Payload size (default 32).")
    String size;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to put the channel file (default: a temporary directory).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (channel == ChannelType.naive) {
            throw new IllegalArgumentException("the demo runs ring or mailbox; the naive reference is known-broken");
        }
        long messages = count != null ? count : (channel == ChannelType.ring ? 10_000_000L : 200_000L);
        if (messages < 1) {
            throw new IllegalArgumentException("--count must be at least 1: " + messages);
        }
        Path directory = dir != null ? dir : Files.createTempDirectory("shmlane-demo");
        Path file = directory.resolve("demo-" + channel + ".shm");
        Files.deleteIfExists(file);
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "shmlane demo: %s channel, %,d messages of %s bytes, file %s%n",
                channel,
                messages,
                size,
                file);

        List<Process> children = new ArrayList<>();
        Thread killer = new Thread(() -> children.forEach(Process::destroyForcibly), "shmlane-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            Process consumer =
                    fork(children, "consumer", "--file", file.toString(), "--channel", channel.name(), "--quiet");
            CompletableFuture<String> consumerSummary = lastLine(consumer);
            long start = System.nanoTime();
            Process producer = fork(
                    children,
                    "producer",
                    "--file",
                    file.toString(),
                    "--channel",
                    channel.name(),
                    "--count",
                    Long.toString(messages),
                    "--size",
                    size,
                    "--quiet");
            CompletableFuture<String> producerSummary = lastLine(producer);
            showProgress(out, file, messages, start, consumer);
            boolean consumerDone = consumer.waitFor(60, TimeUnit.SECONDS);
            boolean producerDone = producer.waitFor(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!consumerDone || !producerDone) {
                out.println();
                System.err.println("shmlane: demo children did not finish in time; killed them");
                return ExitCodes.INTERNAL;
            }
            String summary = consumerSummary.join();
            out.println();
            out.println("producer: " + producerSummary.join());
            out.println("consumer: " + summary);
            double rate = messages / seconds;
            Optional<String> problem =
                    DemoVerdict.problem(messages, producer.exitValue(), consumer.exitValue(), summary);
            out.printf(
                    Locale.ROOT,
                    "result:   %,d messages in %.2f s (both JVMs included) = %,.0f msg/s;%s%n",
                    messages,
                    seconds,
                    rate,
                    problem.map(why -> " VERIFICATION FAILED (" + why + ")")
                            .orElse(" every Msg-N arrived once, in order, intact"));
            return problem.isPresent() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
        } finally {
            children.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            Files.deleteIfExists(file);
            if (dir == null) {
                Files.deleteIfExists(directory);
            }
        }
    }

    private static Process fork(final List<Process> children, final String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        children.add(process);
        return process;
    }

    /** The last line a child prints on stdout: its summary. */
    private static CompletableFuture<String> lastLine(final Process process) {
        return CompletableFuture.supplyAsync(() -> {
            String last = "";
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    last = line;
                }
            } catch (IOException e) {
                return "(could not read output: " + e + ")";
            }
            return last;
        });
    }

    /** One progress line: {@code received} of {@code messages} after {@code seconds}, with the share and the rate. */
    static String progressLine(final long received, final long messages, final double seconds) {
        return String.format(
                Locale.ROOT,
                "  %,d / %,d received (%.0f%%), %.1f s, %,.0f msg/s",
                received,
                messages,
                100.0 * received / messages,
                seconds,
                seconds > 0 ? received / seconds : 0.0);
    }

    /** Reads the consumer's next sequence from the file, read-only, until the consumer exits. */
    private static void showProgress(
            final PrintStream out, final Path file, final long messages, final long start, final Process consumer)
            throws InterruptedException {
        boolean tty = System.console() != null;
        ChannelFile view = null;
        try {
            long lastPrint = 0;
            while (consumer.isAlive()) {
                if (view == null && Files.exists(file)) {
                    try {
                        view = ChannelFile.openExisting(file, Duration.ofSeconds(1));
                    } catch (ChannelException notYet) {
                        view = null;
                    }
                }
                long received = view != null ? view.longVolatile(ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET) : 0;
                long now = System.nanoTime();
                if (tty || now - lastPrint > 1_000_000_000L) {
                    String line = progressLine(received, messages, (now - start) / 1e9);
                    out.print(tty ? "\r" + line : line + System.lineSeparator());
                    out.flush();
                    lastPrint = now;
                }
                consumer.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } finally {
            if (view != null) {
                view.close();
            }
        }
    }
}
