package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.results.Outcome;
import io.shmlane.results.ScenarioResult;
import io.shmlane.testsupport.Directories;
import io.shmlane.testsupport.JavaCommand;
import io.shmlane.testsupport.SafeNames;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Forks and watches the child JVMs of one test. Every child runs {@code java} from {@code java.home}
 * with this JVM's class path through {@link ChildMain} (so it dies with this JVM), in the test's work
 * directory, its output streamed into {@code target/process-logs/<class>/<test>/}. After the test,
 * pass or fail, every child still running is killed, the logs are completed, a JVM crash file
 * ({@code hs_err_pid*.log}) fails the test, and the scenario's JSON summary is written.
 *
 * <p>Every wait goes through {@link #await(String)}: Awaitility bounded by the test's deadline
 * ({@code -Dprocess.timeoutSeconds}, default 300, times the scale).
 *
 * <p>Settings (system properties): {@code process.seed} replays a run's random choices, {@code
 * process.scale} multiplies message counts, kill rounds and durations.
 */
final class ProcessHarness {
    /** Multiplies message counts, kill rounds and durations: {@code -Dprocess.scale=K}. */
    static final int SCALE = positiveInt("process.scale", 1);
    /** The run's seed: printed, and replayed with {@code -Dprocess.seed=S}. */
    static final long SEED = seed();

    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final int TIMEOUT_SECONDS = positiveInt("process.timeoutSeconds", 300);
    private static final Path BUILD =
            Paths.get(System.getProperty("process.buildDirectory", "target")).toAbsolutePath();
    private static final Path SUMMARY_DIR = BUILD.resolve("process-summary");
    private static final Path SUMMARY_FILE = BUILD.resolve("process-summary.json");
    private static final String RUNUSER = "/usr/sbin/runuser";
    private static boolean summariesCleared;
    /** Children still running, killed by a shutdown hook if this JVM exits in the middle of a test. */
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(ChildProcess::kill), "process-tests-cleanup"));
    }

    private final String scenario;
    private final Path logDir;
    private final Path workDir;
    private final SplittableRandom random;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final List<ChildProcess> children = new ArrayList<>();
    private final ScenarioSummary summary;
    private String readableClassPath;

    private ProcessHarness(final String testClass, final String method, final String display) {
        String id = display.isEmpty() ? method : method + "-" + display;
        this.scenario = testClass + "." + method + (display.isEmpty() ? "" : "[" + display + "]");
        this.logDir = BUILD.resolve("process-logs").resolve(testClass).resolve(SafeNames.of(id));
        this.workDir = BUILD.resolve("process-work").resolve(testClass).resolve(SafeNames.of(id));
        this.random = new SplittableRandom(SEED ^ (scenario.hashCode() * 0x9E3779B97F4A7C15L));
        this.deadlineNanos = startNanos + TimeUnit.SECONDS.toNanos((long) TIMEOUT_SECONDS * SCALE);
        this.summary = new ScenarioSummary(scenario, testClass, method);
        try {
            Directories.deleteRecursively(logDir);
            Directories.deleteRecursively(workDir);
            Files.createDirectories(logDir);
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + logDir, e);
        }
        System.out.printf(
                Locale.ROOT,
                "[process-tests] %s: seed=%d scale=%d logs=%s (replay: -Dprocess.seed=%d)%n",
                scenario,
                SEED,
                SCALE,
                logDir,
                SEED);
    }

    /** The test's random choices: derived from the run's seed and the scenario name. */
    SplittableRandom random() {
        return random;
    }

    /** {@code count} times the scale. */
    static long scaled(final long count) {
        return count * SCALE;
    }

    /** {@code count} times the scale. */
    static int scaled(final int count) {
        return Math.multiplyExact(count, SCALE);
    }

    ScenarioSummary summary() {
        return summary;
    }

    /** Where channel files and black-box commands live; deleted after a passing test. */
    Path workDir() {
        return workDir;
    }

    /** A channel file in the work directory. */
    Path file(final String name) {
        return workDir.resolve(name);
    }

    // ----------------------------------------------------------------------------------------------
    // Forking

    /** Forks the shmlane command line: {@code io.shmlane.cli.Main ARGS}. */
    ChildProcess shmlane(final String label, final String... args) {
        return java(label, "io.shmlane.cli.Main", args);
    }

    /** Forks {@code mainClass} (on the test class path) with {@code args}. */
    ChildProcess java(final String label, final String mainClass, final String... args) {
        List<String> command = javaCommand(mainClass, args);
        return start(label, command, String.join(" ", command.subList(command.indexOf(mainClass), command.size())));
    }

    /**
     * Forks {@code mainClass} watched by {@code parentPid} instead of this JVM: it halts when that
     * process dies. For testing the watchdog itself.
     */
    ChildProcess javaWatchedBy(final String label, final long parentPid, final String mainClass, final String... args) {
        List<String> command = javaCommand(parentPid, mainClass, args);
        return start(label, command, String.join(" ", command.subList(command.indexOf(mainClass), command.size())));
    }

    /**
     * Forks the shmlane command line as another {@code user}, through {@code runuser} (so only when this
     * JVM runs as root, see {@link #canRunAsAnotherUser()}), with a copy of the class path that user can
     * read: jars are copied into the work directory, whose parents must let others through.
     */
    ChildProcess shmlaneAs(final String user, final String label, final String... args) {
        List<String> command = new ArrayList<>(List.of(RUNUSER, "-u", user, "--"));
        command.addAll(javaCommand(ProcessHandle.current().pid(), readableClassPath(), "io.shmlane.cli.Main", args));
        return start(label, command, "(as " + user + ") io.shmlane.cli.Main " + String.join(" ", args));
    }

    /** Whether {@link #shmlaneAs} can work here: this JVM runs as root and {@code runuser} exists. */
    static boolean canRunAsAnotherUser() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Paths.get(RUNUSER));
    }

    /** This JVM's class path with every jar copied into the work directory (others may not read ~/.m2). */
    private synchronized String readableClassPath() {
        if (readableClassPath != null) {
            return readableClassPath;
        }
        Path copies = workDir.resolve("classpath");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(copies);
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Paths.get(entry);
                if (Files.isRegularFile(path)) {
                    Path copy = copies.resolve(i++ + "-" + path.getFileName());
                    Files.copy(path, copy);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the class path into " + copies, e);
        }
        readableClassPath = String.join(File.pathSeparator, entries);
        return readableClassPath;
    }

    /** Forks {@code sh -c COMMAND} in {@code directory}: the black-box mode. */
    ChildProcess shell(final String label, final String command, final Path directory) {
        return start(label, List.of("sh", "-c", command), command, directory);
    }

    /** The command line that runs {@code mainClass} as a child, quoted for {@code sh -c}. */
    String shellCommand(final String mainClass, final String... args) {
        return javaCommand(mainClass, args).stream()
                .map(ProcessHarness::shellQuote)
                .collect(Collectors.joining(" "));
    }

    private List<String> javaCommand(final String mainClass, final String... args) {
        return javaCommand(ProcessHandle.current().pid(), mainClass, args);
    }

    private List<String> javaCommand(final long parentPid, final String mainClass, final String... args) {
        return javaCommand(parentPid, System.getProperty("java.class.path"), mainClass, args);
    }

    private List<String> javaCommand(
            final long parentPid, final String classPath, final String mainClass, final String... args) {
        JavaCommand command = JavaCommand.of(ChildMain.class.getName())
                .withClassPath(classPath)
                .withJvmFlags(
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-XX:-UsePerfData",
                        "-XX:ErrorFile=" + logDir.resolve("hs_err_pid%p.log"));
        // JIT variations for hunting (e.g. -XX:TieredStopAtLevel=1), given to every child
        String childJvmArgs = System.getProperty("process.childJvmArgs", "").trim();
        if (!childJvmArgs.isEmpty()) {
            command = command.withJvmFlags(childJvmArgs.split("\\s+"));
        }
        return command.withArguments(Long.toString(parentPid), mainClass)
                .withArguments(args)
                .toList();
    }

    private ChildProcess start(final String label, final List<String> command, final String display) {
        return start(label, command, display, workDir);
    }

    private synchronized ChildProcess start(
            final String label, final List<String> command, final String display, final Path directory) {
        if (children.stream().anyMatch(c -> c.label().equals(label))) {
            throw new IllegalArgumentException("label used twice in one test: " + label);
        }
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close(); // no input: a child reading stdin sees its end
            ChildProcess child = new ChildProcess(label, display, process, logDir);
            children.add(child);
            RUNNING.add(child);
            process.onExit().thenRun(() -> RUNNING.remove(child));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + command, e);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Waiting

    /** Time left until the test's deadline. */
    Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("the test ran past its deadline of " + TIMEOUT_SECONDS * SCALE
                    + " s (-Dprocess.timeoutSeconds, times the scale)\n" + describeChildren());
        }
        return Duration.ofNanos(left);
    }

    /** Awaitility bounded by the test's deadline; the conditions are cheap, so it polls often. */
    ConditionFactory await(final String what) {
        return Awaitility.await(what)
                .atMost(remaining())
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL_INTERVAL)
                .pollInSameThread();
    }

    /** {@link #await(String)} that fails at once, with the children's logs, when one of {@code alive} exits. */
    ConditionFactory awaitWhileAlive(final String what, final ChildProcess... alive) {
        return await(what).failFast(what + ": a child exited first", () -> {
            for (ChildProcess c : alive) {
                assertThat(c.isAlive())
                        .as(() -> c.label() + " exited while waiting for " + what + "\n" + describeChildren())
                        .isTrue();
            }
        });
    }

    /** Waits until {@code child} exited and its output was read to the end; returns its exit status. */
    int awaitExit(final ChildProcess child) {
        await(child.label() + " to exit").untilAsserted(() -> assertThat(child.isFinished())
                .as(() -> child.label() + " did not exit in time\n" + describeChildren())
                .isTrue());
        return child.exitCode();
    }

    /** {@link #awaitExit} within {@code atMost} (or the deadline, if sooner). */
    int awaitExit(final ChildProcess child, final Duration atMost) {
        Duration left = remaining();
        await(child.label() + " to exit")
                .atMost(atMost.compareTo(left) < 0 ? atMost : left)
                .untilAsserted(() -> assertThat(child.isFinished())
                        .as(() -> child.label() + " did not exit within " + atMost + "\n" + describeChildren())
                        .isTrue());
        return child.exitCode();
    }

    /** {@link #awaitExit}, failing at once when one of {@code alive} exits first (it would wait for nothing). */
    int awaitExitWhileAlive(final ChildProcess child, final ChildProcess... alive) {
        await(child.label() + " to exit")
                .failFast(child.label() + " to exit: another child exited first", () -> {
                    for (ChildProcess c : alive) {
                        assertThat(!c.isAlive() && child.isAlive())
                                .as(() -> c.label() + " exited while waiting for " + child.label() + " to exit\n"
                                        + describeChildren())
                                .isFalse();
                    }
                })
                .untilAsserted(() -> assertThat(child.isFinished())
                        .as(() -> child.label() + " did not exit in time\n" + describeChildren())
                        .isTrue());
        return child.exitCode();
    }

    /** Waits until {@code child} printed at least {@code count} message lines; fails fast if it exits first. */
    void awaitMessageLines(final ChildProcess child, final long count) {
        await(child.label() + " to print " + count + " messages")
                .failFast(child.label() + " exited before printing " + count + " messages", () -> assertThat(
                                child.isFinished() && child.producedCount() + child.consumedCount() < count)
                        .as(() -> child.label() + " exited after " + (child.producedCount() + child.consumedCount())
                                + " of " + count + " message lines\n" + describeChildren())
                        .isFalse())
                .untilAsserted(() -> assertThat(child.producedCount() + child.consumedCount())
                        .as(() -> child.label() + " message lines\n" + describeChildren())
                        .isGreaterThanOrEqualTo(count));
    }

    /** Kills {@code child} with SIGKILL and waits for it to be gone; returns its exit status. */
    int killAndAwait(final ChildProcess child) {
        child.kill();
        return awaitExit(child);
    }

    /** Asserts {@code condition}, with the children's logs in the failure message. */
    void check(final boolean condition, final Supplier<String> what) {
        assertThat(condition).as(() -> what.get() + "\n" + describeChildren()).isTrue();
    }

    /** Everything known of the children: for failure messages. */
    synchronized String describeChildren() {
        StringBuilder text = new StringBuilder("children of ")
                .append(scenario)
                .append(" (seed ")
                .append(SEED);
        text.append(", logs in ").append(logDir).append("):\n");
        children.forEach(c -> text.append(c.describe()));
        return text.toString();
    }

    // ----------------------------------------------------------------------------------------------
    // Cleanup

    private void close(final Throwable failure) {
        List<ChildProcess> all;
        synchronized (this) {
            all = new ArrayList<>(children);
        }
        for (ChildProcess c : all) {
            if (c.isAlive()) {
                c.kill();
            }
        }
        for (ChildProcess c : all) {
            try {
                c.processHandle().onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported in children.txt as still running
            }
            try {
                c.drainOutputs(10_000);
            } catch (RuntimeException e) {
                System.err.println("[process-tests] " + c.label() + ": " + e);
            }
        }
        List<Path> crashes = crashFiles();
        Outcome outcome;
        String failureText = null;
        AssertionError crashError = null;
        if (!crashes.isEmpty()) {
            crashError = new AssertionError("a child JVM crashed: " + crashes + "\n" + describeChildren());
            outcome = Outcome.FAIL;
            failureText = "JVM crash: " + crashes;
        } else if (failure instanceof TestAbortedException) {
            outcome = Outcome.SKIPPED;
            failureText = firstLine(failure.getMessage());
        } else if (failure != null) {
            outcome = Outcome.FAIL;
            failureText = firstLine(failure.toString());
        } else {
            outcome = Outcome.PASS;
        }
        writeIndex(all);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        writeSummary(summary.result(SEED, SCALE, seconds, outcome, failureText, logDir));
        if (outcome == Outcome.PASS) {
            try {
                Directories.deleteRecursively(workDir);
            } catch (IOException ignored) {
                // a leftover work directory is harmless
            }
        }
        if (crashError != null) {
            throw crashError;
        }
    }

    /** JVM crash files of the children ({@code -XX:ErrorFile}) and any in the work directory. */
    List<Path> crashFiles() {
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(logDir, workDir)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid"))
                            .forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return found;
    }

    private void writeIndex(final List<ChildProcess> all) {
        StringBuilder text = new StringBuilder();
        for (ChildProcess c : all) {
            Integer exit = c.exitCodeOrNull();
            text.append(c.label())
                    .append("\tpid=")
                    .append(c.pid())
                    .append("\texit=")
                    .append(exit == null ? "running" : exit.toString())
                    .append(c.wasKilled() ? "\tkilled-by-test" : "")
                    .append("\t")
                    .append(c.command())
                    .append('\n');
        }
        try {
            Files.writeString(logDir.resolve("children.txt"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSummary(final ScenarioResult result) {
        synchronized (ProcessHarness.class) {
            if (!summariesCleared) {
                summariesCleared = true;
                try {
                    Directories.deleteRecursively(SUMMARY_DIR); // this run's scenarios only
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ScenarioSummary.write(SUMMARY_DIR, SUMMARY_FILE, SafeNames.of(scenario) + ".json", result);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Helpers

    private static String firstLine(final String text) {
        if (text == null) {
            return null;
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String shellQuote(final String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static int positiveInt(final String property, final int fallback) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value = Integer.parseInt(text.trim());
        if (value < 1) {
            throw new IllegalArgumentException("-D" + property + " must be at least 1: " + value);
        }
        return value;
    }

    private static long seed() {
        String text = System.getProperty("process.seed");
        long seed = text == null || text.isBlank()
                ? System.nanoTime() ^ System.currentTimeMillis()
                : Long.parseLong(text.trim());
        System.out.println(
                "[process-tests] seed=" + seed + " scale=" + SCALE + " (replay with -Dprocess.seed=" + seed + ")");
        return seed;
    }

    /**
     * The JUnit extension: one harness per test, resolved as a test method parameter, closed after
     * the test whatever its outcome.
     */
    static final class Extension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(ProcessHarness.class);

        @Override
        public void beforeEach(final ExtensionContext context) {
            String display = context.getDisplayName();
            String method = context.getRequiredTestMethod().getName();
            boolean parameterized = !display.startsWith(method + "(");
            ProcessHarness harness = new ProcessHarness(
                    context.getRequiredTestClass().getSimpleName(), method, parameterized ? display : "");
            context.getStore(NAMESPACE).put(ProcessHarness.class, harness);
        }

        @Override
        public void afterEach(final ExtensionContext context) {
            ProcessHarness harness = context.getStore(NAMESPACE).remove(ProcessHarness.class, ProcessHarness.class);
            if (harness != null) {
                harness.close(context.getExecutionException().orElse(null));
            }
        }

        @Override
        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
            return parameter.getParameter().getType() == ProcessHarness.class;
        }

        @Override
        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
            return context.getStore(NAMESPACE).get(ProcessHarness.class, ProcessHarness.class);
        }
    }
}
