package io.shmlane.testsupport;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Copies a child's output into a log file line by line on its own daemon thread, handing each line to a listener as
 * it comes (a progress line to echo, a marker to wait for), until the end of the stream. A heading (the command)
 * opens the log. The log is flushed after every line the listener is given, so that it can be read while the child
 * runs.
 */
public final class LinePump {
    private final Thread thread;
    private final AtomicLong lines = new AtomicLong();
    private volatile IOException failure;

    private LinePump(
            final InputStream output,
            final Path log,
            final List<String> heading,
            final Consumer<String> listener,
            final String name) {
        this.thread = new Thread(() -> pump(output, log, heading, listener), name);
        this.thread.setDaemon(true);
    }

    /** Starts copying {@code output} into {@code log}, after the lines of {@code heading}. */
    public static LinePump start(
            final InputStream output,
            final Path log,
            final List<String> heading,
            final Consumer<String> listener,
            final String threadName) {
        LinePump pump = new LinePump(output, log, heading, listener, threadName);
        pump.thread.start();
        return pump;
    }

    private void pump(
            final InputStream output, final Path log, final List<String> heading, final Consumer<String> listener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line : heading) {
                out.write(line);
                out.newLine();
            }
            out.flush();
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                lines.incrementAndGet();
                listener.accept(line);
                out.flush();
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Waits up to {@code millis} for the end of the stream; whether it came. */
    public boolean awaitEnd(final long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** The lines copied so far. */
    public long lines() {
        return lines.get();
    }

    /** What stopped the copy before the end of the stream, null when nothing did. */
    public IOException failure() {
        return failure;
    }
}
