package io.shmlane.hunt;

import io.shmlane.results.HuntSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.PitCheck;
import io.shmlane.results.PitSummary;
import io.shmlane.results.ResultFiles;
import io.shmlane.testsupport.ProcessTrees;
import io.shmlane.testsupport.SafeNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Regression hunting. Without {@code --mutants}: a campaign of randomized rounds until the time budget
 * is spent, each round one slice of the suite (a jcstress test class or a process scenario) on a JDK
 * and a JIT mode drawn at random, with a fresh seed. With {@code --mutants}: the suite against every
 * mutant of {@code hunt/mutants/}, each in a scratch copy of the repository, cheapest stage first.
 * Every failure prints the command that replays it. What a round found is read from the tests' own result files
 * ({@link TestResults}). Ctrl-C or SIGTERM ends the whole hunt and still writes the summary.
 */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = "Long randomized campaigns over JDKs and JIT modes, or the suite against every mutant.")
public final class Hunt implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--budget", defaultValue = "10m", description = "Time budget, e.g. 90s, 10m, 2h (default 10m).")
    String budget;

    @Option(
            names = "--jdks",
            split = ",",
            description = "JAVA_HOMEs to hunt on (default: every JDK in /usr/lib/jvm and this one).")
    List<Path> jdks;

    @Option(
            names = "--jit",
            split = ",",
            defaultValue = "default,c1,nontiered",
            description =
                    "JIT modes: default, c1 (-XX:TieredStopAtLevel=1), nontiered (-XX:-TieredCompilation), int (-Xint).")
    List<String> jitModes;

    @Option(names = "--mutants", description = "Run the suite against every mutant (or those named with --only).")
    boolean mutants;

    @Option(
            names = "--pit",
            description = "Run PIT over the library and the command line (their -Ppit profiles) and check every"
                    + " surviving mutant against protocol/ and cli/pit-equivalents.txt; fails on an unlisted survivor or a test strength"
                    + " below 90 %%.")
    boolean pit;

    @Option(names = "--only", split = ",", description = "With --mutants: only these mutants.")
    List<String> only;

    @Option(
            names = "--stages",
            split = ",",
            defaultValue = "unit,relaxed,jcstress,process",
            description = "With --mutants: the stages, cheapest first (default unit,relaxed,jcstress,process);"
                    + " relaxed runs the jcstress tests under the relaxed memory model (shmlane-relaxed).")
    List<String> stages;

    @Option(names = "--all-stages", description = "With --mutants: run every stage even after one killed the mutant.")
    boolean allStages;

    @Option(
            names = "--stage-timeout",
            defaultValue = "20m",
            description = "With --mutants: a stage still running after this is stopped and counts as a kill (hang).")
    String stageTimeout;

    @Option(
            names = "--jcstress-mode",
            defaultValue = "quick",
            description = "jcstress mode of campaign rounds and of the mutants' jcstress stage (default quick):"
                    + " ci is the build's (one JVM configuration, C2 scheduling randomized); jcstress's own"
                    + " quick, default, tough and stress run every JVM configuration, longer in that order.")
    String jcstressMode;

    @Option(names = "--scale", defaultValue = "2", description = "process.scale for campaign rounds (default 2).")
    int scale;

    @Option(names = "--seed", description = "Seed of the campaign's draws (default: time based, printed).")
    Long seed;

    @Option(names = "--root", defaultValue = ".", description = "The repository root (default: current directory).")
    Path root;

    @Option(names = "--out", description = "Where to write hunt-summary.json (default ROOT/hunt/target/hunt).")
    Path out;

    /** The exit status of a build stopped by SIGINT (Ctrl-C). */
    static final int EXIT_SIGINT = 130;
    /** The exit status of a build stopped by SIGTERM. */
    static final int EXIT_SIGTERM = 143;
    /** How long a signal's shutdown waits for the summary. */
    private static final long SUMMARY_WAIT_SECONDS = 60;

    /** The driver's modes (jcstress-tests' {@code jcstress.mode}). */
    static final List<String> JCSTRESS_MODES = List.of("ci", "sanity", "quick", "default", "tough", "stress");

    private final List<HuntSummary.Round> rounds = new ArrayList<>();
    private final List<HuntSummary.Mutant> mutantResults = new ArrayList<>();
    private PitSummary pitResult;
    private final Progress progress = new Progress();
    private volatile Process current;
    private volatile boolean stopping;
    private final CountDownLatch summaryWritten = new CountDownLatch(1);
    /** Set once before the rounds start; volatile: the stop hook's thread reads them for the summary. */
    private volatile long start;

    private volatile long deadline;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Hunt()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw")) || !Files.isDirectory(root.resolve("hunt/mutants"))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "run from the repository root, or give --root: no mvnw or hunt/mutants in " + root);
        }
        if (!JCSTRESS_MODES.contains(jcstressMode)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--jcstress-mode must be one of " + JCSTRESS_MODES + ": --jcstress-mode=" + jcstressMode);
        }
        for (String jit : jitModes) {
            try {
                Jdks.jitFlags(jit); // an unknown JIT mode fails here, not after the first rounds
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        out = out != null ? out : root.resolve("hunt/target/hunt");
        Files.createDirectories(out);
        long budgetNanos = parseBudget(budget).toNanos();
        start = System.nanoTime();
        deadline = start + budgetNanos;
        long drawSeed = seed != null ? seed : System.nanoTime();
        List<Path> homes = jdks != null ? jdks : Jdks.discover();
        System.out.printf(
                Locale.ROOT,
                "hunt: budget %s, JDKs %s, JIT %s, jcstress mode %s, seed %d%n",
                budget,
                homes,
                jitModes,
                jcstressMode,
                drawSeed);
        Thread hook = new Thread(this::onInterrupt, "hunt-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (pit) {
                huntPit(homes.get(0));
            } else if (mutants) {
                huntMutants(homes.get(0));
            } else {
                campaign(homes, new SplittableRandom(drawSeed), drawSeed);
            }
        } finally {
            progress.done();
            writeSummary(drawSeed, homes);
            summaryWritten.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook writes the summary
            }
        }
        long failures = rounds.stream().filter(HuntSummary.Round::failed).count();
        long survivors = mutantResults.stream()
                .filter(m -> !Boolean.TRUE.equals(m.killed()))
                .count();
        System.out.printf(
                Locale.ROOT,
                "hunt: %d rounds, %d failed; %d mutants, %d survived; summary in %s%n",
                rounds.size(),
                failures,
                mutantResults.size(),
                survivors,
                out.resolve("hunt-summary.json"));
        if (pitResult != null) {
            System.out.printf(
                    Locale.ROOT,
                    "hunt: PIT %s mutants, test strength %s, mutation score %s, %s unjustified survivors%n",
                    pitResult.mutations(),
                    percent(pitResult.testStrength()),
                    percent(pitResult.mutationScore()),
                    pitResult.unjustified());
        }
        return failures == 0 && survivors == 0 ? 0 : 1;
    }

    private static String percent(final Double fraction) {
        return fraction == null ? "?" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /**
     * Runs PIT over the library and the command line (their {@code -Ppit} profiles) as one round, then checks its survivors
     * against the committed equivalents: the round fails on an unlisted survivor or a weak test strength.
     */
    private void huntPit(final Path jdk) {
        Slice slice = Slice.pit();
        HuntSummary.Round round = run(
                        root,
                        jdk,
                        slice.command(List.of(), 1L, 1, jcstressMode),
                        slice.modules(),
                        slice.name(),
                        Long.MAX_VALUE)
                .drawn(Jdks.label(jdk), "default", slice.name(), null);
        if (round.outcome() == Outcome.PASS || round.outcome() == Outcome.FAIL) {
            try {
                pitResult = PitCheck.check(root);
                List<String> failures = new ArrayList<>(round.failures());
                List<String> problems = PitResults.problems(pitResult);
                failures.addAll(problems);
                round = round.judged(problems.isEmpty() ? round.outcome() : Outcome.FAIL, failures);
            } catch (IOException | RuntimeException e) {
                round = round.judged(
                        Outcome.FAIL, List.of("no PIT report to check (" + PitCheck.reports() + "): " + e));
            }
        }
        rounds.add(round);
        if (round.failed()) {
            progress.println("FAILED " + slice.name() + ": " + round.failures() + "\n  replay: " + round.replay());
        }
    }

    private void campaign(final List<Path> homes, final SplittableRandom random, final long drawSeed)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(root.resolve(JcstressTestList.FILE))) {
            compileTests(homes.get(0));
        }
        List<Slice> slices = Slice.campaignSlices(root);
        while (!stopping && System.nanoTime() < deadline) {
            Path jdk = homes.get(random.nextInt(homes.size()));
            String jit = jitModes.get(random.nextInt(jitModes.size()));
            Slice slice = slices.get(random.nextInt(slices.size()));
            long roundSeed = random.nextLong();
            List<String> command = slice.command(Jdks.jitFlags(jit), roundSeed, scale, jcstressMode);
            HuntSummary.Round round = run(
                            root,
                            jdk,
                            command,
                            slice.modules(),
                            slice.name() + " on " + Jdks.label(jdk) + "/" + jit,
                            Long.MAX_VALUE)
                    .drawn(Jdks.label(jdk), jit, slice.name(), roundSeed);
            rounds.add(round);
            if (round.failed()) {
                progress.println("FAILED " + slice.name() + " on " + Jdks.label(jdk) + "/" + jit + ": "
                        + round.failures() + "\n  replay: " + round.replay());
            }
        }
    }

    /** Compiles the jcstress tests once, so that jcstress's own list of them exists ({@link JcstressTestList}). */
    private void compileTests(final Path jdk) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("./mvnw", "-o", "-B", "-q", "-pl", "jcstress-tests", "-am", "test-compile"));
        command.addAll(List.of("-Dspotless.check.skip=true", "-Dspotbugs.skip=true", "-Denforcer.skip=true"));
        Path log = Files.createDirectories(out.resolve("logs")).resolve("000-compile-tests.log");
        System.out.println("hunt: compiling the jcstress tests for their list (" + log + ")");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", jdk.toString());
        current = builder.start();
        int exit = current.waitFor();
        if (exit != 0 && !stopping) {
            throw new IllegalStateException("could not compile the jcstress tests (exit " + exit + "), see " + log);
        }
    }

    private void huntMutants(final Path jdk) throws IOException {
        List<Mutant> catalogue = new ArrayList<>(Mutant.catalogue(root.resolve("hunt/mutants")));
        catalogue.addAll(OrderingMutants.generate(root));
        Map<String, String> equivalents = OrderingEquivalents.read(root.resolve(OrderingEquivalents.FILE));
        for (Mutant mutant : catalogue) {
            if (stopping || System.nanoTime() >= deadline) {
                break;
            }
            if (only != null && !only.contains(mutant.name())) {
                continue;
            }
            Path workspace = Workspace.copyOf(root, out.resolve("workspaces").resolve(mutant.name()));
            mutant.applyIn(workspace);
            List<HuntSummary.Round> stageResults = new ArrayList<>();
            LinkedHashSet<String> killers = new LinkedHashSet<>();
            long mutantStart = System.nanoTime();
            Double secondsToKill = null;
            for (String stage : stages) {
                if (stopping || System.nanoTime() >= deadline) {
                    break;
                }
                Slice slice = Slice.forMutant(stage, mutant);
                HuntSummary.Round stageResult = run(
                                workspace,
                                jdk,
                                slice.command(List.of(), 1L, 1, jcstressMode),
                                slice.modules(),
                                mutant.name() + " / " + stage,
                                parseBudget(stageTimeout).toNanos())
                        .asStage(stage);
                stageResults.add(stageResult);
                if (stageResult.failed()) {
                    stageResult.failures().forEach(f -> killers.add(stage + ": " + f));
                    if (secondsToKill == null) {
                        secondsToKill = (System.nanoTime() - mutantStart) / 1e9;
                    }
                    if (!allStages) {
                        break;
                    }
                }
            }
            if (killers.isEmpty() && stopping) {
                break; // cut short by Ctrl-C, SIGTERM or the budget: neither killed nor survived
            }
            mutantResults.add(new HuntSummary.Mutant(
                    mutant.name(),
                    mutant.description(),
                    mutant.file(),
                    !killers.isEmpty(),
                    killers.isEmpty() ? equivalents.get(mutant.name()) : null,
                    List.copyOf(killers),
                    secondsToKill,
                    List.copyOf(stageResults)));
            progress.println(String.format(
                    Locale.ROOT,
                    "mutant %-36s %s",
                    mutant.name(),
                    killers.isEmpty()
                            ? (equivalents.containsKey(mutant.name())
                                    ? "SURVIVED, listed as equivalent: " + equivalents.get(mutant.name())
                                    : "SURVIVED")
                            : "killed in " + String.format(Locale.ROOT, "%.0f s", secondsToKill) + " by "
                                    + killers.iterator().next()
                                    + (killers.size() > 1 ? " (+" + (killers.size() - 1) + ")" : "")));
        }
    }

    /** Runs one Maven command in {@code dir} with {@code jdk}, bounded by the budget; collects what failed. */
    private HuntSummary.Round run(
            final Path dir,
            final Path jdk,
            final List<String> command,
            final List<String> modules,
            final String what,
            final long timeoutNanos) {
        String replay = "JAVA_HOME=" + jdk + " "
                + String.join(" ", command.stream().map(Hunt::quote).toList());
        Ran ran = new Ran(replay, "(cd " + dir + " && " + replay + ")", System.nanoTime());
        long startedMillis = System.currentTimeMillis() - 2_000; // file times are coarse
        int exit;
        try {
            Path log = Files.createDirectories(out.resolve("logs"))
                    .resolve(String.format(
                            Locale.ROOT, "%03d-%s.log", rounds.size() + mutantResults.size() + 1, SafeNames.of(what)));
            ran.log = log.toString();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", jdk.toString());
            current = builder.start();
            long stageDeadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : ran.start + timeoutNanos;
            while (!current.waitFor(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() - stageDeadline > 0 && stageDeadline != Long.MAX_VALUE) {
                    ProcessTrees.killAndWait(current, 60);
                    List<String> failed = new ArrayList<>(
                            new LinkedHashSet<>(TestResults.read(dir, startedMillis, modules.toArray(String[]::new))
                                    .failed()));
                    failed.add("hung: still running after " + stageTimeout + ", stopped");
                    return ran.ended(null, Outcome.FAIL, failed, true);
                }
                progress.show(what, elapsedSeconds(), (deadline - System.nanoTime()) / 1e9, failuresSoFar());
                if (stopping || System.nanoTime() >= deadline) {
                    ProcessTrees.killAndWait(current, 60);
                    return ran.ended(null, Outcome.STOPPED, List.of(), true);
                }
            }
            exit = current.exitValue();
        } catch (IOException e) {
            return ran.ended(null, Outcome.ERROR, List.of("could not run: " + e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return ran.ended(null, Outcome.STOPPED, List.of(), false);
        }
        if (stopping || exit == EXIT_SIGINT || exit == EXIT_SIGTERM) {
            // Ctrl-C or SIGTERM reached the build (the terminal signals the whole process group): the hunt ends
            stopping = true;
            return ran.ended(exit, Outcome.STOPPED, List.of(), true);
        }
        TestResults results = TestResults.read(dir, startedMillis, modules.toArray(String[]::new));
        List<String> failed = new ArrayList<>(new LinkedHashSet<>(results.failed()));
        if (exit != 0 && failed.isEmpty()) {
            failed.add(buildFailure(Path.of(ran.log), exit));
        }
        boolean ranTests = results.testsRun() > 0;
        if (exit == 0 && !ranTests) {
            failed.add("no test ran (no test report written: the selection matched nothing): a round must test"
                    + " something");
        }
        return ran.ended(exit, exit == 0 && ranTests ? Outcome.PASS : Outcome.FAIL, failed, true);
    }

    /** A command on its way: what the round will record once it ends. */
    private static final class Ran {
        private final String command;
        private final String replay;
        private final long start;
        private String log;

        Ran(final String command, final String replay, final long start) {
            this.command = command;
            this.replay = replay;
            this.start = start;
        }

        HuntSummary.Round ended(
                final Integer exitCode, final Outcome outcome, final List<String> failures, final boolean timed) {
            Double seconds = timed ? (System.nanoTime() - start) / 1e9 : null;
            return new HuntSummary.Round(
                    command,
                    replay,
                    log,
                    exitCode,
                    outcome,
                    List.copyOf(failures),
                    seconds,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    /** What a build that failed without a failed test said: a crashed test JVM, a compile error. */
    private static String buildFailure(final Path log, final int exit) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).contains("There was an error in the forked process")) {
                    return "test JVM died: "
                            + lines.get(i + 1).replace("[ERROR]", "").trim();
                }
                if (lines.get(i).contains("COMPILATION ERROR")) {
                    return "compile error: "
                            + lines.get(i + 1).replace("[ERROR]", "").trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the generic words
        }
        return "build failed with exit " + exit + " and no failed test (see the log)";
    }

    private long failuresSoFar() {
        return rounds.stream().filter(HuntSummary.Round::failed).count()
                + mutantResults.stream()
                        .filter(m -> Boolean.TRUE.equals(m.killed()))
                        .count();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Ctrl-C or SIGTERM: the hunt ends, not only the round or stage running. Kills the build under way, then holds the
     * JVM's shutdown until the main thread has seen it and written the summary.
     */
    private void onInterrupt() {
        stopping = true;
        Process p = current;
        if (p != null) {
            ProcessTrees.kill(p.toHandle());
        }
        try {
            if (!summaryWritten.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("hunt: stopped before the summary was written");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeSummary(final long drawSeed, final List<Path> homes) {
        long killed = mutantResults.stream()
                .filter(m -> Boolean.TRUE.equals(m.killed()))
                .count();
        HuntSummary summary = new HuntSummary(
                ResultFiles.SCHEMA_VERSION,
                Instant.now().toString(),
                pit ? "pit" : mutants ? "mutants" : "campaign",
                budget,
                elapsedSeconds(),
                stopping,
                drawSeed,
                homes.stream().map(Jdks::label).toList(),
                List.copyOf(jitModes),
                jcstressMode,
                List.copyOf(rounds),
                List.copyOf(mutantResults),
                mutantResults.isEmpty() ? null : (double) killed / mutantResults.size(),
                pitResult);
        try {
            ResultFiles.write(out.resolve("hunt-summary.json"), summary);
        } catch (IOException e) {
            System.err.println("hunt: could not write the summary: " + e);
        }
    }

    static Duration parseBudget(final String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor = t.endsWith("h") ? 3600 : t.endsWith("m") ? 60 : 1;
        String number = t.replaceAll("[hms]$", "");
        try {
            return Duration.ofMillis((long) (Double.parseDouble(number) * factor * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget must look like 90s, 10m or 2h: " + text, e);
        }
    }

    private static String quote(final String arg) {
        return arg.matches("[A-Za-z0-9_./=:,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** The live progress line. */
    static final class Progress {
        private final boolean tty = System.console() != null;
        private final PrintStream out = System.out;
        private long lastLine;

        synchronized void show(final String what, final double elapsed, final double remaining, final long failures) {
            String line = String.format(
                    Locale.ROOT,
                    "[hunt %s elapsed, %s left, %d failures] %s",
                    clock(elapsed),
                    clock(Math.max(0, remaining)),
                    failures,
                    what);
            if (tty) {
                out.print("\r" + line + "\u001B[K");
                out.flush();
            } else if (System.nanoTime() - lastLine > 30_000_000_000L) {
                out.println(line);
                lastLine = System.nanoTime();
            }
        }

        synchronized void println(final String line) {
            out.print(tty ? "\r\u001B[K" : "");
            out.println(line);
        }

        synchronized void done() {
            if (tty) {
                out.print("\r\u001B[K");
            }
        }

        private static String clock(final double seconds) {
            long s = (long) seconds;
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
