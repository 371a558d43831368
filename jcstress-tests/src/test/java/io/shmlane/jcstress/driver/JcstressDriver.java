package io.shmlane.jcstress.driver;

import io.shmlane.results.Environment;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import io.shmlane.testsupport.Directories;
import io.shmlane.testsupport.JavaCommand;
import io.shmlane.testsupport.LinePump;
import io.shmlane.testsupport.ProcessTrees;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs jcstress on the selected tests in a child JVM and judges the results.
 *
 * <p>The child is {@code org.openjdk.jcstress.Main} on the JVM of {@code java.home}, with the test
 * class path and no JVM argument of its own: jcstress copies its JVM's input arguments and class path
 * into every fork, so nothing of the test JVM (an agent, a debugger) may reach it; the
 * {@code JAVA_TOOL_OPTIONS}-style variables are removed for the same reason. Its working directory is
 * {@code <base>/jcstress-work}, where jcstress writes its {@code jcstress-results-*.bin.gz} and the
 * driver its log; the HTML report goes to {@code <base>/jcstress-report}, the JSON summary to
 * {@code <base>/jcstress-summary.json}.
 *
 * <p>jcstress exits 0 when no test matched, when a test could not be scheduled (fewer CPUs than
 * actors) and when it skipped a test, so the driver trusts the results file, not the exit status: each
 * selected test must have a result, and nothing else may.
 */
public final class JcstressDriver {
    private static final String MAIN = "org.openjdk.jcstress.Main";
    private static final List<String> CLEARED_ENVIRONMENT =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final int LOG_TAIL_LINES = 40;

    private JcstressDriver() {}

    /** Runs the tests selected by {@code settings}, writing under {@code base}, and reports. */
    public static RunReport run(final JcstressSettings settings, final Path base) {
        Path work = base.resolve("jcstress-work");
        RunReport.Files files = new RunReport.Files(
                base.resolve("jcstress-summary.json"),
                base.resolve("jcstress-report"),
                work.resolve("jcstress.log"),
                null);
        List<String> problems = new ArrayList<>();
        TestCatalog catalog;
        List<String> selected;
        try {
            catalog = TestCatalog.load();
            selected = catalog.select(settings.tests(), settings.includeSelfCheck());
        } catch (IllegalStateException | IllegalArgumentException e) {
            problems.add(e.getMessage());
            return finish(settings, List.of(), List.of(), 0, null, 0, problems, List.of(), files);
        }
        if (selected.isEmpty()) {
            List<String> candidates = catalog.select("", settings.includeSelfCheck());
            problems.add("jcstress.tests=" + settings.tests() + " matches none of the " + candidates.size() + " tests: "
                    + candidates.stream()
                            .map(n -> n.replace("io.shmlane.jcstress.", ""))
                            .toList());
            return finish(settings, List.of(), selected, 0, null, 0, problems, List.of(), files);
        }

        List<String> command = List.of();
        Integer exitCode = null;
        long started = System.nanoTime();
        try {
            Directories.deleteRecursively(work);
            Directories.deleteRecursively(files.reportDirectory());
            Files.createDirectories(work);
            command = command(settings, selected, files.reportDirectory(), work);
            started = System.nanoTime();
            exitCode = execute(command, work, files.log(), settings, problems);
        } catch (IOException e) {
            problems.add("cannot run jcstress: " + e);
        }
        long durationMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Path results = resultsFile(work);
        files = new RunReport.Files(files.summary(), files.reportDirectory(), files.log(), results);
        SortedMap<String, TestReport> reports = new TreeMap<>();
        if (results == null) {
            if (exitCode != null && logContains(files.log(), "FATAL: No matching tests.")) {
                problems.add("jcstress scheduled none of the selected tests (\"FATAL: No matching tests.\" in "
                        + files.log() + "): fewer CPUs than a test's actors? (jcstress.cpus="
                        + (settings.cpus() != null ? settings.cpus() : "all") + ")");
            } else if (exitCode != null) {
                problems.add("jcstress wrote no jcstress-results-*.bin.gz in " + work + logTail(files.log()));
            }
        } else {
            try {
                reports = ResultReader.reports(ResultReader.read(results), catalog);
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read jcstress's results " + results + ": " + e);
            }
        }

        List<TestReport> tests = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int run = 0;
        for (String name : selected) {
            TestReport report = reports.remove(name);
            if (report == null) {
                TestCatalog.Entry entry = catalog.entry(name);
                report = new TestReport(
                        name,
                        entry.description(),
                        entry.reference(),
                        "NOT_RUN",
                        Outcome.NOT_RUN,
                        "jcstress produced no result for this test (not scheduled: too few CPUs? see the log)",
                        false,
                        List.of(),
                        List.of(),
                        List.of());
            }
            if (report.verdict() == Outcome.NOT_RUN) {
                missing.add(name);
            } else {
                run++;
            }
            tests.add(report);
        }
        // jcstress exits 1 when a test failed (and says so in the results); any other exit is the run's
        if (exitCode != null
                && exitCode != 0
                && tests.stream().allMatch(t -> t.verdict().passes())) {
            problems.add("jcstress exited with status " + exitCode + " although no test failed" + logTail(files.log()));
        }
        if (run != selected.size()) {
            problems.add("jcstress ran " + run + " of the " + selected.size() + " selected tests; not run: " + missing);
        }
        if (!reports.isEmpty()) {
            problems.add("jcstress ran tests that were not selected: " + reports.keySet());
        }
        return finish(settings, command, selected, run, exitCode, durationMillis, problems, tests, files);
    }

    private static RunReport finish(
            final JcstressSettings settings,
            final List<String> command,
            final List<String> selected,
            final int run,
            final Integer exitCode,
            final long durationMillis,
            final List<String> problems,
            final List<TestReport> tests,
            final RunReport.Files files) {
        RunReport report = new RunReport(
                settings,
                List.copyOf(command),
                Environment.current(),
                List.copyOf(selected),
                run,
                exitCode,
                durationMillis,
                List.copyOf(problems),
                List.copyOf(tests),
                files);
        try {
            ResultFiles.write(files.summary(), SummaryJson.summary(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.summary(), e);
        }
        System.out.println(table(report, files.summary().getParent()));
        return report;
    }

    private static List<String> command(
            final JcstressSettings settings, final List<String> selected, final Path report, final Path work)
            throws IOException {
        return JavaCommand.of(MAIN)
                .withClassPath(snapshot(testClassPath(), work.resolve("classpath")))
                .withArguments(settings.jcstressArguments())
                .withArguments(
                        "-t",
                        TestCatalog.exactly(selected),
                        "-r",
                        report.toAbsolutePath().toString())
                .toList();
    }

    /**
     * The test class path: surefire and failsafe start the test JVM from a manifest-only jar and give
     * the real class path in {@code surefire.test.class.path}; elsewhere (an IDE) it is the JVM's.
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        if (!classPath.contains("jcstress-core")) {
            throw new IllegalStateException("jcstress-core is not on the test class path: " + classPath);
        }
        return classPath;
    }

    /**
     * {@code classPath} with what the build produced (directories of classes, jars in a {@code target}
     * directory) replaced by copies under {@code into}: jcstress starts JVMs for minutes, and a rebuild
     * meanwhile (an IDE, a second build) would fail its forks with NoClassDefFoundError. The jars of the
     * Maven repository stay where they are.
     */
    static String snapshot(final String classPath, final Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            boolean built = Files.isRegularFile(source)
                    && source.getParent() != null
                    && source.getParent().getFileName().toString().equals("target");
            if (entry.isEmpty() || !(Files.isDirectory(source) || built)) {
                entries.add(entry);
                continue;
            }
            Path copy = into.resolve(index++ + "-" + source.getFileName());
            if (built) {
                Files.createDirectories(into);
                Files.copy(source, copy);
                entries.add(copy.toAbsolutePath().toString());
                continue;
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            entries.add(copy.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Integer execute(
            final List<String> command,
            final Path work,
            final Path log,
            final JcstressSettings settings,
            final List<String> problems)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        CLEARED_ENVIRONMENT.forEach(builder.environment()::remove);
        System.out.println("[jcstress] " + String.join(" ", command.subList(3, command.size() - 4))
                + " (class path and test list in " + log + ")");
        Process process = builder.start();
        LinePump pump = pump(process.getInputStream(), log, command);
        try {
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                problems.add("jcstress did not finish within "
                        + settings.timeout().toMinutes() + " minutes (jcstress.timeoutMinutes): killed" + logTail(log));
                return null;
            }
            if (!pump.awaitEnd(TimeUnit.SECONDS.toMillis(10)) || pump.failure() != null) {
                System.out.println("[jcstress] output not complete in " + log + ": " + pump.failure());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while waiting for jcstress: killed");
            return null;
        } finally {
            destroyTree(process);
        }
    }

    /** Copies the child's output into {@code log}; echoes jcstress's progress lines. */
    private static LinePump pump(final InputStream output, final Path log, final List<String> command) {
        return LinePump.start(
                output,
                log,
                List.of(String.join(" ", command), ""),
                line -> {
                    if (line.startsWith("(Results:") || line.startsWith("FATAL")) {
                        System.out.println("[jcstress] " + line);
                    }
                },
                "jcstress-output");
    }

    /** Kills the child and every process it started (jcstress's forks), if still alive. */
    private static void destroyTree(final Process process) {
        try {
            ProcessTrees.killAndWait(process, 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path resultsFile(final Path work) {
        if (!Files.isDirectory(work)) {
            return null;
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("jcstress-results-") && name.endsWith(".bin.gz");
                    })
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean logContains(final Path log, final String text) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String logTail(final Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(from, lines.size()));
        } catch (IOException e) {
            return " (no log: " + e + ")";
        }
    }

    /** The version of jcstress on the class path, from its jar's name. */
    static String jcstressVersion() {
        String path = org.openjdk.jcstress.Main.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        String jar = new File(path).getName();
        return jar.startsWith("jcstress-core-") && jar.endsWith(".jar")
                ? jar.substring("jcstress-core-".length(), jar.length() - ".jar".length())
                : jar;
    }

    /** A few lines for the console: one per test, then the run's problems. */
    static String table(final RunReport report, final Path base) {
        String label = base.equals(report.settings().buildDirectory()) ? "[jcstress]" : "[" + base.getFileName() + "]";
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n%s %s: %d of %d selected tests ran in %.1f s (mode %s, %s %s); summary %s%n",
                label,
                report.passed() ? "PASS" : "FAIL",
                report.testsRun(),
                report.selected().size(),
                report.durationMillis() / 1000.0,
                report.settings().mode(),
                report.environment().jdkVersion(),
                report.environment().arch(),
                report.files().summary()));
        for (TestReport t : report.tests()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s   %-9s %-60s %,14d samples%s  %s%n",
                    label,
                    t.verdict(),
                    t.name().replace("io.shmlane.jcstress.", ""),
                    t.totalSamples(),
                    t.interesting() ? ", interesting" : "",
                    t.verdict() == Outcome.PASS ? "" : t.reason()));
        }
        for (String problem : report.problems()) {
            out.append(label).append("   PROBLEM: ").append(problem).append(System.lineSeparator());
        }
        return out.toString();
    }
}
