package io.shmlane.process;

import io.shmlane.testsupport.ProcessTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One forked child: its process, its two outputs (streamed to log files and parsed as they come) and
 * the signals the scenarios send it. Created by {@link ProcessHarness}, which destroys it in cleanup.
 */
final class ChildProcess {
    private final String label;
    private final String command;
    private final Process process;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final long startNanos = System.nanoTime();
    private volatile boolean killed;

    ChildProcess(final String label, final String command, final Process process, final Path logDir) {
        this.label = label;
        this.command = command;
        this.process = process;
        this.stdout =
                new OutputCapture(process.getInputStream(), logDir.resolve(label + ".stdout.log"), label + "-stdout");
        this.stderr =
                new OutputCapture(process.getErrorStream(), logDir.resolve(label + ".stderr.log"), label + "-stderr");
        stdout.start();
        stderr.start();
    }

    String label() {
        return label;
    }

    /** The command as shown in logs: the main class and arguments, or the shell command. */
    String command() {
        return command;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the child has exited and both outputs have been read to their end. */
    boolean isFinished() {
        return !process.isAlive() && stdout.ended() && stderr.ended();
    }

    /** The exit status; only once {@link #isAlive()} is false. 137 after a kill -9. */
    int exitCode() {
        return process.exitValue();
    }

    /** The exit status, or null while running. */
    Integer exitCodeOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Whether this harness killed it with SIGKILL. */
    boolean wasKilled() {
        return killed;
    }

    /**
     * kill -9, the child and anything it started (for shell commands). Through the {@link ProcessHandle}:
     * {@link Process#destroyForcibly()} would also close the pipes and lose the output not read yet.
     */
    void kill() {
        killed = true;
        ProcessTrees.kill(process.toHandle());
    }

    /**
     * SIGTERM: the shmlane commands close cleanly on it. For a shell running commands, to those
     * commands only: the shell exits once they have, after their last words. (Were the shell to exit
     * first, the JDK would close the pipe it reads and the commands' last lines would be lost.)
     */
    void terminate() {
        List<ProcessHandle> started = process.descendants().collect(Collectors.toList());
        if (started.isEmpty()) {
            process.toHandle().destroy();
        } else {
            started.forEach(ProcessHandle::destroy);
        }
    }

    /**
     * SIGINT (Ctrl-C): the shmlane commands close cleanly on it, as on SIGTERM. Aborts the test (skipped, with the
     * reason) when the child ignores SIGINT: a build started as a background job of a shell without job control
     * ({@code ./mvnw verify &} in a script, {@code nohup}) hands its processes SIGINT set to ignored, as POSIX says,
     * and a JVM keeps an inherited ignore; the signal would then never arrive and the test would wait out its
     * deadline.
     */
    void interrupt() {
        Assumptions.assumeFalse(
                ignores(process.pid(), 2),
                () -> label + " ignores SIGINT, inherited from the build (a background job of a shell without job"
                        + " control, or nohup): run the build in the foreground to test the stop on Ctrl-C");
        signal("INT");
    }

    /** Whether process {@code pid} ignores signal {@code number} (Linux: bit number - 1 of SigIgn in its status). */
    static boolean ignores(final long pid, final int number) {
        Path status = Paths.get("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone: send the signal and let the test's own checks speak
        }
        return false;
    }

    /**
     * SIGSTOP: the child stops where it is, holding its channel role; see {@link #resume()}. Returns once
     * every thread of the child is stopped: {@code kill} returns when the signal is queued, and the
     * threads of a JVM stop only as each is next scheduled, so on a loaded machine a consumer went on
     * reading for a while after {@code kill -STOP} returned (seen on this project's 2-core machine).
     */
    void pause() {
        signal("STOP");
        awaitStopped();
    }

    /** Waits until every thread of the child is in the stopped state (Linux: {@code /proc/PID/task/*}/stat). */
    private void awaitStopped() {
        Path tasks = Paths.get("/proc", Long.toString(pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return; // no /proc: the signal is all there is
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (process.isAlive() && !allStopped(tasks)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(label + " (pid " + pid() + ") not stopped 30 s after SIGSTOP");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static boolean allStopped(final Path tasks) {
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.collect(Collectors.toList())) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException gone) {
                    continue; // a thread that ended
                }
                // "pid (comm) S ...": the state follows the last ')' (comm may hold anything)
                int end = stat.lastIndexOf(')');
                char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
                if (state != 'T' && state != 't') {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException gone) {
            return true; // the child exited
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tasks, e);
        }
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() {
        signal("CONT");
    }

    private void signal(final String name) {
        try {
            // the shell's built-in kill: there on every POSIX system, unlike a kill binary
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid())
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + name, e);
        }
    }

    /** Waits (bounded) for the outputs to be read to their end; call after the process exited. */
    void drainOutputs(final long timeoutMillis) {
        try {
            stdout.awaitEnd(timeoutMillis, TimeUnit.MILLISECONDS);
            stderr.awaitEnd(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code action} on the output thread once {@code count} message lines have been printed. */
    void onMessageLines(final long count, final Runnable action) {
        stdout.onMessageLines(count, action);
    }

    LongList produced() {
        return stdout.produced();
    }

    LongList consumed() {
        return stdout.consumed();
    }

    long producedCount() {
        return stdout.producedCount();
    }

    long consumedCount() {
        return stdout.consumedCount();
    }

    long tornCount() {
        return stdout.tornCount();
    }

    long malformedConsumedCount() {
        return stdout.malformedConsumedCount();
    }

    /** Nanoseconds since the last line on stdout (or since the start when none came). */
    long quietNanos() {
        return System.nanoTime() - Math.max(stdout.lastLineNanos(), startNanos);
    }

    /** Stdout lines other than Produced/Consumed (up to a cap), in order: summaries, JSON. */
    List<String> stdoutLines() {
        return stdout.otherLines();
    }

    /** All stderr lines (up to a cap), in order. */
    List<String> stderrLines() {
        return stderr.otherLines();
    }

    /** The last stdout line that carries {@code key=}: the consumer's or producer's summary. */
    Optional<Map<String, String>> summary(final String key) {
        List<String> lines = stdout.otherLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(key + "=")) {
                return Optional.of(SummaryLine.parse(lines.get(i)));
            }
        }
        return Optional.empty();
    }

    /** Label, pid, state and the last lines of both outputs: for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        Integer exit = exitCodeOrNull();
        text.append("--- ")
                .append(label)
                .append(" (pid ")
                .append(pid())
                .append(", ")
                .append(exit == null ? "running" : "exit " + exit + (killed ? " (killed -9 by the test)" : ""))
                .append(", ")
                .append(stdout.producedCount())
                .append(" produced / ")
                .append(stdout.consumedCount())
                .append(" consumed lines)\n    command: ")
                .append(command)
                .append("\n    logs: ")
                .append(stdout.logFile())
                .append('\n');
        stdout.tail().forEach(l -> text.append("    out| ").append(l).append('\n'));
        stderr.tail().forEach(l -> text.append("    err| ").append(l).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return label + "(pid " + pid() + ")";
    }
}
