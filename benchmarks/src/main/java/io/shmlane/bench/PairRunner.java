package io.shmlane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one pair: starts the server side (consumer or ponger), waits for its READY line, starts the
 * client side (producer or pinger) with what READY handed over, waits for both to end and reads their
 * RESULT lines. Each side's output stays in a log file; on any failure both sides are destroyed and
 * the exception carries both logs.
 */
public final class PairRunner {
    private static final long READY_TIMEOUT_MILLIS = 30_000;
    /** Time on top of warm-up and duration for start-up and drain. */
    private static final long SLACK_MILLIS = 30_000;

    private final Launcher launcher;
    private final Path logDir;
    private final Path workDir;

    public PairRunner(final Launcher launcher, final Path logDir, final Path workDir) {
        this.launcher = launcher;
        this.logDir = logDir;
        this.workDir = workDir;
    }

    /** What both sides reported. */
    public record Outcome(Map<String, String> server, Map<String, String> client) {}

    /**
     * Runs {@code serverRole} and then {@code clientRole} of {@code config} (its path is replaced by
     * one under the work directory named {@code label}), and deletes the pair's files afterwards.
     */
    public Outcome run(final String label, final ChildConfig config, final String serverRole, final String clientRole)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Files.createDirectories(workDir);
        deleteFiles(label);
        ChildConfig base = new ChildConfig(
                serverRole,
                config.transport(),
                workDir.resolve(label),
                config.payload(),
                config.capacity(),
                config.warmupNanos(),
                config.durationNanos(),
                config.batch(),
                config.markShift(),
                0,
                config.pairProbeNanos());
        Path serverLog = logDir.resolve(label + "-" + serverRole + ".log");
        Path clientLog = logDir.resolve(label + "-" + clientRole + ".log");
        Files.deleteIfExists(clientLog);
        Launcher.Side server = launcher.start(base, serverLog);
        Launcher.Side client = null;
        boolean done = false;
        try {
            Map<String, String> ready = awaitReady(server, serverLog, label);
            int port = Integer.parseInt(ready.getOrDefault("port", "0"));
            client = launcher.start(base.with(clientRole, port), clientLog);
            long timeout = (config.warmupNanos() + config.durationNanos()) / 1_000_000 + SLACK_MILLIS;
            if (!client.waitFor(timeout) || !server.waitFor(SLACK_MILLIS)) {
                throw failure(label, "did not end within " + timeout + " ms", serverLog, clientLog);
            }
            if (client.exitCode() != 0 || server.exitCode() != 0) {
                throw failure(
                        label,
                        "failed: " + serverRole + " exit " + server.exitCode() + ", " + clientRole + " exit "
                                + client.exitCode(),
                        serverLog,
                        clientLog);
            }
            done = true;
            return new Outcome(result(serverLog), result(clientLog));
        } finally {
            if (!done) {
                server.destroy();
                if (client != null) {
                    client.destroy();
                }
            }
            deleteFiles(label);
        }
    }

    private static Map<String, String> awaitReady(final Launcher.Side server, final Path log, final String label)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines(log)) {
                if (line.startsWith(Report.READY)) {
                    return Report.parse(line);
                }
            }
            if (!server.isAlive()) {
                throw failure(label, "server side ended before it was ready", log, null);
            }
            Thread.sleep(5);
        }
        throw failure(label, "server side not ready within " + READY_TIMEOUT_MILLIS + " ms", log, null);
    }

    /** The values of every RESULT line of {@code log}, in order (a later line adds to the earlier ones). */
    private static Map<String, String> result(final Path log) throws IOException {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : lines(log)) {
            if (line.startsWith(Report.RESULT)) {
                values.putAll(Report.parse(line));
            }
        }
        return values;
    }

    private static List<String> lines(final Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static IllegalStateException failure(
            final String label, final String what, final Path serverLog, final Path clientLog) throws IOException {
        StringBuilder message = new StringBuilder(label).append(": ").append(what);
        for (Path log : new Path[] {serverLog, clientLog}) {
            if (log != null && Files.exists(log)) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (text.length() > 6000) {
                    text = "..." + text.substring(text.length() - 6000);
                }
                message.append("\n--- ").append(log).append(" ---\n").append(text);
            }
        }
        return new IllegalStateException(message.toString());
    }

    private void deleteFiles(final String label) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(workDir, label + ".*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
