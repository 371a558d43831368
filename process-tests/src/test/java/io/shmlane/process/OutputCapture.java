package io.shmlane.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams one output of a child, line by line: copies the raw bytes to a log file, counts and keeps
 * the {@code Produced: Msg-N} and {@code Consumed: Msg-N} numbers, counts {@code Torn:} lines, keeps
 * every other line (summaries, errors) and the last lines for failure messages. Runs on its own
 * daemon thread and ends at the end of the stream.
 *
 * <p>Only complete lines count: an unterminated fragment at the end (a child killed while writing)
 * is kept as text but never parsed as a message.
 */
final class OutputCapture implements Runnable {
    private static final byte[] PRODUCED = "Produced: Msg-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONSUMED = "Consumed: Msg-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TORN = "Torn:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONSUMED_ANYTHING = "Consumed:".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL_LINES = 25;
    private static final int MAX_OTHER_LINES = 2_000;

    private final InputStream in;
    private final Path logFile;
    private final Thread thread;
    private final LongList produced = new LongList();
    private final LongList consumed = new LongList();
    private final AtomicLong torn = new AtomicLong();
    private final AtomicLong malformedConsumed = new AtomicLong();
    private final List<String> other = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private volatile long producedCount;
    private volatile long consumedCount;
    private volatile long lastLineNanos = System.nanoTime();
    private volatile IOException failure;

    private byte[] line = new byte[256];
    private int lineLength;

    OutputCapture(final InputStream in, final Path logFile, final String threadName) {
        this.in = in;
        this.logFile = logFile;
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream log = Files.newOutputStream(logFile)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                log.write(chunk, 0, n);
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        onLine();
                    } else {
                        append(b);
                    }
                }
                if (in.available() == 0) {
                    log.flush(); // keep the file current while the child is quiet
                }
            }
            if (lineLength > 0) {
                String fragment = text() + "   <- unterminated at end of output, not counted";
                keep(fragment);
                lineLength = 0;
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // the child is gone anyway
            }
        }
    }

    private void append(final byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void onLine() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        long n;
        if ((n = number(PRODUCED, length)) >= 0) {
            produced.add(n);
            producedCount++;
        } else if ((n = number(CONSUMED, length)) >= 0) {
            consumed.add(n);
            consumedCount++;
        } else {
            if (startsWith(TORN, length)) {
                torn.incrementAndGet();
            } else if (startsWith(CONSUMED_ANYTHING, length)) {
                malformedConsumed.incrementAndGet(); // "Consumed:" with no Msg-N: not to be dropped silently
            }
            synchronized (this) {
                if (other.size() == MAX_OTHER_LINES) {
                    other.remove(MAX_OTHER_LINES / 2); // keep the first lines and the latest (the summary)
                }
                other.add(new String(line, 0, length, StandardCharsets.UTF_8));
            }
        }
        lastLineNanos = System.nanoTime();
        keep(new String(line, 0, length, StandardCharsets.UTF_8));
        fireTriggers();
    }

    private String text() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    private synchronized void keep(final String text) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(text);
    }

    /** N of a line that is exactly {@code prefix} followed by decimal digits, else -1. */
    private long number(final byte[] prefix, final int length) {
        if (length <= prefix.length || length > prefix.length + 18 || !startsWith(prefix, length)) {
            return -1;
        }
        long n = 0;
        for (int i = prefix.length; i < length; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    private boolean startsWith(final byte[] prefix, final int length) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code action} on the capture thread as soon as {@code count} message lines (produced plus
     * consumed) have been read: at once if they already have. For kills at an exact point of the stream.
     */
    void onMessageLines(final long count, final Runnable action) {
        boolean now;
        synchronized (triggers) {
            now = producedCount + consumedCount >= count;
            if (!now) {
                triggers.add(new Trigger(count, action));
            }
        }
        if (now) {
            action.run();
        }
    }

    private void fireTriggers() {
        List<Runnable> due = null;
        synchronized (triggers) {
            if (triggers.isEmpty()) {
                return;
            }
            long seen = producedCount + consumedCount;
            for (Iterator<Trigger> it = triggers.iterator(); it.hasNext(); ) {
                Trigger t = it.next();
                if (seen >= t.count) {
                    it.remove();
                    if (due == null) {
                        due = new ArrayList<>();
                    }
                    due.add(t.action);
                }
            }
        }
        if (due != null) {
            due.forEach(Runnable::run);
        }
    }

    /** Waits for the end of the stream (the child exited and the pipe drained). */
    boolean awaitEnd(final long timeout, final TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        if (failure != null) {
            throw new UncheckedIOException("reading the output of " + logFile, failure);
        }
        return !thread.isAlive();
    }

    boolean ended() {
        return !thread.isAlive();
    }

    LongList produced() {
        return produced;
    }

    LongList consumed() {
        return consumed;
    }

    long producedCount() {
        return producedCount;
    }

    long consumedCount() {
        return consumedCount;
    }

    long tornCount() {
        return torn.get();
    }

    /** {@code Consumed:} lines that do not name a {@code Msg-N} (a consumer that printed something else). */
    long malformedConsumedCount() {
        return malformedConsumed.get();
    }

    long lastLineNanos() {
        return lastLineNanos;
    }

    /** Lines other than Produced/Consumed, in order (summaries, errors, warnings). */
    synchronized List<String> otherLines() {
        return new ArrayList<>(other);
    }

    /** The last lines, oldest first. */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    Path logFile() {
        return logFile;
    }

    private static final class Trigger {
        final long count;
        final Runnable action;

        Trigger(final long count, final Runnable action) {
            this.count = count;
            this.action = action;
        }
    }
}
