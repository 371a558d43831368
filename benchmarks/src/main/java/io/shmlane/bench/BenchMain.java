package io.shmlane.bench;

import io.shmlane.results.BenchmarkResults;
import io.shmlane.results.Environment;
import io.shmlane.results.ResultFiles;
import io.shmlane.testsupport.Directories;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar benchmarks.jar all}: throughput and latency across two JVMs, then the JMH
 * microbenchmarks; JSON, a text table and the sides' logs under {@code target/results/}.
 */
@Command(
        name = "benchmarks.jar",
        mixinStandardHelpOptions = true,
        description = "shmlane benchmarks: cross-process throughput and latency against Agrona, sockets and the"
                + " raw cache line, and JMH allocation checks.",
        subcommands = {
            BenchMain.All.class,
            BenchMain.Throughput.class,
            BenchMain.Latency.class,
            BenchMain.Cpu.class,
            BenchMain.Jmh.class
        })
public final class BenchMain {
    public static void main(final String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(final String[] args, final PrintStream out) {
        CommandLine line = new CommandLine(new BenchMain());
        line.setOut(new java.io.PrintWriter(
                new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                command.getErr().println("benchmarks: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line.execute(args);
    }

    /** Options of every command. */
    static final class Common {
        @Option(names = "--results", description = "Directory of the results (default: target/results beside the jar).")
        Path results;

        @Option(
                names = "--dir",
                description = "Directory for channel files and sockets (default: /dev/shm, else the temp directory).")
        Path dir;

        @Option(
                names = "--quick",
                description = "One short run of everything, nothing repeated: to try the harness, not to measure.")
        boolean quick;

        @Option(
                names = "--wait-quiet",
                paramLabel = "SECONDS",
                description = "Wait up to this long for the 1-minute load average to drop below --quiet-load before"
                        + " measuring (default 0: do not wait).")
        double waitQuiet;

        @Option(names = "--quiet-load", description = "Load average that counts as quiet (default 0.5).")
        double quietLoad = 0.5;

        @Option(names = "--threads", hidden = true, description = "Run the sides as threads of this JVM (smoke test).")
        boolean threads;

        @Option(
                names = "--retries",
                description = "Repeat a run up to this often when another process took CPU time from a busy-spinning"
                        + " side (default 3).")
        int retries = 3;

        @Option(
                names = "--min-cpu-share",
                description = "Share of the wall time each busy-spinning side must get for a run to count (default"
                        + " 0.9).")
        double minCpuShare = 0.9;

        @Option(names = "--mark-shift", hidden = true, description = "Consumer timestamps every 2^N messages.")
        int markShift = 10;

        @Option(
                names = "--agrona-bounds-checks",
                description = "Keep Agrona's bounds checks on (default: off, as"
                        + " Agrona's and Aeron's own benchmarks run).")
        boolean agronaBoundsChecks;

        @Option(names = "--jvm-arg", description = "Extra option for every forked JVM (repeatable).")
        List<String> jvmArgs = new ArrayList<>();
    }

    /** Options of the cross-process runs. */
    static final class Cross {
        @Option(names = "--runs", description = "Throughput runs per case (default 5).")
        int runs = 5;

        @Option(names = "--sizes", split = ",", description = "Throughput payload sizes (default 32,64,256,1024,4096).")
        List<Integer> sizes = List.of(32, 64, 256, 1024, 4096);

        @Option(names = "--transports", split = ",", description = "Throughput transports (default all but raw).")
        List<String> transports;

        @Option(names = "--warmup", description = "Throughput warm-up seconds, left out (default 1).")
        double warmup = 1;

        @Option(names = "--duration", description = "Throughput measured seconds (default 2).")
        double duration = 2;

        @Option(
                names = "--probe",
                paramLabel = "SECONDS",
                description = "Recorded time of the raw cache-line round trip that probes the machine's state between"
                        + " two throughput pairs (default 0.3; 0: no probes).")
        double probe = 0.3;

        @Option(
                names = "--probe-tolerance",
                description = "A pair counts as taken in one machine state when the probes before and after it differ"
                        + " by at most this factor (default 1.5).")
        double probeTolerance = 1.5;

        @Option(
                names = "--pair-retries",
                description =
                        "Take a pair again up to this often when the machine changed state during it (default" + " 2).")
        int pairRetries = 2;

        @Option(names = "--latency-runs", description = "Latency runs per transport (default 3).")
        int latencyRuns = 3;

        @Option(names = "--latency-transports", split = ",", description = "Latency transports (default all).")
        List<String> latencyTransports;

        @Option(names = "--latency-payload", description = "Latency payload bytes (default 32).")
        int latencyPayload = 32;

        @Option(names = "--latency-warmup", description = "Latency warm-up seconds, not recorded (default 1).")
        double latencyWarmup = 1;

        @Option(names = "--latency-duration", description = "Latency recorded seconds (default 2).")
        double latencyDuration = 2;

        @Option(names = "--capacity", description = "Ring capacity in bytes, shmlane and Agrona (default 1048576).")
        int capacity = 1 << 20;

        @Option(names = "--batch", description = "Messages per consumer poll, shmlane ring and Agrona (default 256).")
        int batch = 256;
    }

    /** Options of the paired CPU comparison in one thread. */
    static final class CpuOptions {
        @Option(
                names = "--cpu-sizes",
                split = ",",
                description = "Payload sizes of the CPU comparison, at least 8 (default 32,64,256,1024,4096).")
        List<Integer> sizes = List.of(32, 64, 256, 1024, 4096);

        @Option(names = "--cpu-slices", description = "Measured slices per subject and size (default 30).")
        int slices = 30;

        @Option(names = "--cpu-forks", description = "JVMs per size, their slices pooled (default 3).")
        int forks = 3;

        @Option(names = "--cpu-warmup", description = "Warm-up slices per subject and size, not recorded (default 20).")
        int warmup = 20;

        @Option(names = "--cpu-messages", description = "Messages per slice (default 200000).")
        int messages = 200_000;

        @Option(
                names = "--baseline",
                paramLabel = "JAR",
                description = "Also run the ring of another build, from its benchmarks.jar or protocol jar, against"
                        + " this one's.")
        Path baseline;

        @Option(names = "--skip-cpu", description = "Leave out the CPU comparison (in `all`).")
        boolean skip;
    }

    /** Options of the JMH run. */
    static final class JmhOptions {
        @Option(names = "--jmh-warmup", description = "JMH warm-up iterations of 1 s (default 3).")
        int warmup = 3;

        @Option(names = "--jmh-iterations", description = "JMH measurement iterations of 1 s (default 5).")
        int iterations = 5;
    }

    /** The shared driver of the commands. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        Common common;

        final PrintStream out = System.out;

        Settings settings(final Cross cross) throws IOException {
            boolean quick = common.quick;
            Path results = common.results != null ? common.results : defaultResults();
            Path base = common.dir != null ? common.dir : defaultDir();
            Path work = base.resolve("shmlane-bench-" + ProcessHandle.current().pid());
            return new Settings(
                    quick ? 1 : cross.runs,
                    cross.sizes,
                    transports(cross.transports, Transport.streaming()),
                    seconds(quick ? Math.min(cross.warmup, 0.5) : cross.warmup),
                    seconds(quick ? Math.min(cross.duration, 0.5) : cross.duration),
                    quick ? 1 : cross.latencyRuns,
                    transports(cross.latencyTransports, Transport.all()),
                    cross.latencyPayload,
                    seconds(quick ? Math.min(cross.latencyWarmup, 0.5) : cross.latencyWarmup),
                    seconds(quick ? Math.min(cross.latencyDuration, 0.5) : cross.latencyDuration),
                    cross.capacity,
                    cross.batch,
                    common.markShift,
                    common.threads || quick ? 0 : common.retries,
                    common.minCpuShare,
                    seconds(quick ? Math.min(cross.probe, 0.1) : cross.probe),
                    cross.probeTolerance,
                    quick ? 0 : cross.pairRetries,
                    work,
                    results);
        }

        Launcher launcher() {
            return common.threads
                    ? new ThreadLauncher()
                    : new ProcessLauncher(common.jvmArgs, common.agronaBoundsChecks);
        }

        Path resultsDir() throws IOException {
            return common.results != null ? common.results : defaultResults();
        }

        /** Waits for a quiet machine if asked, and says how loaded it is. */
        void awaitQuiet() throws InterruptedException {
            long deadline = System.nanoTime() + (long) (common.waitQuiet * 1e9);
            double load = Environment.loadAverage();
            while (load >= common.quietLoad && System.nanoTime() - deadline < 0) {
                out.printf(Locale.ROOT, "# load average %.2f, waiting for < %.2f%n", load, common.quietLoad);
                Thread.sleep(10_000);
                load = Environment.loadAverage();
            }
            if (load >= common.quietLoad) {
                out.printf(
                        Locale.ROOT,
                        "# WARNING: load average %.2f >= %.2f: other work shares the cores; numbers taken now are"
                                + " not meaningful%n",
                        load,
                        common.quietLoad);
            }
        }

        /** A results file of {@code kind} with the given sections; the others stay null. */
        static BenchmarkResults results(
                final String kind,
                final Environment machine,
                final Instant started,
                final Map<String, Object> settings,
                final Sections sections) {
            double load = Environment.loadAverage();
            return new BenchmarkResults(
                    ResultFiles.SCHEMA_VERSION,
                    kind,
                    started.toString(),
                    Instant.now().toString(),
                    machine,
                    Double.isNaN(load) ? null : load,
                    settings,
                    sections.unit,
                    sections.profiler,
                    sections.throughput,
                    sections.latency,
                    sections.ratios,
                    sections.allocation,
                    sections.cpu);
        }

        /** The sections of one results file. */
        static final class Sections {
            String unit;
            String profiler;
            List<BenchmarkResults.Throughput> throughput;
            List<BenchmarkResults.Latency> latency;
            List<BenchmarkResults.Ratio> ratios;
            List<BenchmarkResults.Allocation> allocation;
            List<BenchmarkResults.CpuCost> cpu;
        }

        List<ThroughputSuite.Case> throughput(final Settings settings, final Environment machine) throws Exception {
            Instant started = Instant.now();
            List<ThroughputSuite.Case> cases = new ThroughputSuite(settings, launcher(), out).run();
            Map<String, Object> described = settings.describe();
            described.put("agronaBoundsChecks", common.agronaBoundsChecks);
            Sections sections = new Sections();
            sections.throughput =
                    cases.stream().map(ThroughputSuite.Case::toResult).toList();
            ResultFiles.write(
                    settings.resultsDir().resolve("throughput.json"),
                    results("throughput", machine, started, described, sections));
            return cases;
        }

        List<LatencySuite.Case> latency(final Settings settings, final Environment machine) throws Exception {
            Instant started = Instant.now();
            List<LatencySuite.Case> cases = new LatencySuite(settings, launcher(), out).run();
            Sections sections = new Sections();
            sections.unit = "ns";
            sections.latency = cases.stream().map(LatencySuite.Case::toResult).toList();
            ResultFiles.write(
                    settings.resultsDir().resolve("latency.json"),
                    results("latency", machine, started, settings.describe(), sections));
            return cases;
        }

        List<Ratios.Ratio> ratios(
                final Settings settings,
                final Environment machine,
                final List<ThroughputSuite.Case> throughput,
                final List<LatencySuite.Case> latency)
                throws IOException {
            List<Ratios.Ratio> ratios = Ratios.compute(throughput, latency, settings.probeTolerance());
            Sections sections = new Sections();
            sections.ratios = ratios.stream().map(Ratios.Ratio::toResult).toList();
            ResultFiles.write(
                    settings.resultsDir().resolve("ratios.json"),
                    results("ratios", machine, Instant.now(), null, sections));
            return ratios;
        }

        List<CpuSuite.Case> cpu(
                final Path resultsDir,
                final CpuOptions options,
                final int capacity,
                final int batch,
                final Environment machine)
                throws Exception {
            Instant started = Instant.now();
            boolean quick = common.quick;
            CpuSuite.Plan plan = new CpuSuite.Plan(
                    options.sizes,
                    capacity,
                    batch,
                    quick ? Math.min(options.messages, 20_000) : options.messages,
                    quick ? Math.min(options.warmup, 2) : options.warmup,
                    quick ? Math.min(options.slices, 3) : options.slices,
                    quick ? 1 : options.forks,
                    options.baseline,
                    common.agronaBoundsChecks,
                    common.jvmArgs,
                    common.threads,
                    resultsDir.resolve("logs"));
            List<CpuSuite.Case> cases = new CpuSuite(plan, out).run();
            Map<String, Object> described = new java.util.LinkedHashMap<>();
            described.put("sizes", plan.sizes());
            described.put("capacity", plan.capacity());
            described.put("batch", plan.batch());
            described.put("messagesPerSlice", plan.messages());
            described.put("warmupSlices", plan.warmup());
            described.put("slices", plan.slices());
            described.put("forks", plan.forks());
            described.put(
                    "baseline", plan.baseline() == null ? null : plan.baseline().toString());
            described.put("agronaBoundsChecks", plan.agronaBoundsChecks());
            Sections sections = new Sections();
            sections.unit = "ns";
            sections.cpu = CpuSuite.toResults(cases);
            ResultFiles.write(resultsDir.resolve("cpu.json"), results("cpu", machine, started, described, sections));
            return cases;
        }

        List<JmhSuite.Allocation> jmh(final Path resultsDir, final JmhOptions options, final Environment machine)
                throws Exception {
            Instant started = Instant.now();
            List<JmhSuite.Allocation> allocations = new JmhSuite(
                            common.quick ? 1 : options.warmup, common.quick ? 1 : options.iterations, resultsDir)
                    .run();
            Sections sections = new Sections();
            sections.profiler = "gc (gc.alloc.rate.norm)";
            sections.allocation =
                    allocations.stream().map(JmhSuite.Allocation::toResult).toList();
            ResultFiles.write(
                    resultsDir.resolve("allocation.json"), results("allocation", machine, started, null, sections));
            return allocations;
        }

        int finish(
                final Path resultsDir,
                final Settings settings,
                final Environment machine,
                final List<ThroughputSuite.Case> throughput,
                final List<LatencySuite.Case> latency,
                final List<Ratios.Ratio> ratios,
                final List<CpuSuite.Case> cpu,
                final List<JmhSuite.Allocation> allocation)
                throws IOException {
            String table = Summary.format(machine, settings, throughput, latency, ratios, cpu, allocation);
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve("summary.txt"), table, StandardCharsets.UTF_8);
            out.println();
            out.print(table);
            out.println();
            out.println("Results in " + resultsDir.toAbsolutePath());
            boolean broken = throughput != null
                    && throughput.stream().anyMatch(c -> c.transport() != Transport.NAIVE && !c.verified());
            broken |= latency != null
                    && latency.stream().anyMatch(c -> c.transport() != Transport.NAIVE && c.badEchoes() > 0);
            if (broken) {
                out.println("FAILED: a channel that must not lose, reorder or tear messages did; see the logs");
                return 1;
            }
            return 0;
        }
    }

    @Command(
            name = "all",
            description = "Throughput, latency, ratios, CPU per message and JMH allocation: the full run.")
    static final class All extends Base {
        @Mixin
        Cross cross;

        @Mixin
        CpuOptions cpuOptions;

        @Mixin
        JmhOptions jmhOptions;

        @Option(names = "--skip-jmh", description = "Leave out the JMH microbenchmarks.")
        boolean skipJmh;

        @Override
        public Integer call() throws Exception {
            awaitQuiet();
            Settings settings = settings(cross);
            Environment machine = Environment.current();
            try {
                List<ThroughputSuite.Case> throughput = throughput(settings, machine);
                List<LatencySuite.Case> latency = latency(settings, machine);
                List<Ratios.Ratio> ratios = ratios(settings, machine, throughput, latency);
                List<CpuSuite.Case> cpu = cpuOptions.skip
                        ? null
                        : cpu(settings.resultsDir(), cpuOptions, cross.capacity, cross.batch, machine);
                List<JmhSuite.Allocation> allocation = skipJmh ? null : jmh(settings.resultsDir(), jmhOptions, machine);
                return finish(settings.resultsDir(), settings, machine, throughput, latency, ratios, cpu, allocation);
            } finally {
                Directories.deleteRecursively(settings.workDir());
            }
        }
    }

    @Command(name = "throughput", description = "Cross-process throughput only.")
    static final class Throughput extends Base {
        @Mixin
        Cross cross;

        @Override
        public Integer call() throws Exception {
            awaitQuiet();
            Settings settings = settings(cross);
            Environment machine = Environment.current();
            try {
                List<ThroughputSuite.Case> throughput = throughput(settings, machine);
                return finish(settings.resultsDir(), settings, machine, throughput, null, null, null, null);
            } finally {
                Directories.deleteRecursively(settings.workDir());
            }
        }
    }

    @Command(name = "latency", description = "Cross-process round-trip latency only.")
    static final class Latency extends Base {
        @Mixin
        Cross cross;

        @Override
        public Integer call() throws Exception {
            awaitQuiet();
            Settings settings = settings(cross);
            Environment machine = Environment.current();
            try {
                List<LatencySuite.Case> latency = latency(settings, machine);
                return finish(settings.resultsDir(), settings, machine, null, latency, null, null, null);
            } finally {
                Directories.deleteRecursively(settings.workDir());
            }
        }
    }

    @Command(name = "jmh", description = "JMH microbenchmarks with -prof gc only.")
    static final class Jmh extends Base {
        @Mixin
        JmhOptions jmhOptions;

        @Override
        public Integer call() throws Exception {
            awaitQuiet();
            Environment machine = Environment.current();
            Path results = resultsDir();
            List<JmhSuite.Allocation> allocation = jmh(results, jmhOptions, machine);
            return finish(results, null, machine, null, null, null, null, allocation);
        }
    }

    @Command(
            name = "cpu",
            description = "CPU per message in one thread: slices of the shmlane ring, Agrona (and --baseline) taken in"
                    + " turn in one JVM per size, paired.")
    static final class Cpu extends Base {
        @Mixin
        CpuOptions cpuOptions;

        @Override
        public Integer call() throws Exception {
            awaitQuiet();
            Environment machine = Environment.current();
            Path results = resultsDir();
            List<CpuSuite.Case> cpu = cpu(results, cpuOptions, 1 << 20, 256, machine);
            return finish(results, null, machine, null, null, null, cpu, null);
        }
    }

    static List<Transport> transports(final List<String> names, final List<Transport> defaults) {
        if (names == null || names.isEmpty()) {
            return defaults;
        }
        List<Transport> list = new ArrayList<>();
        for (String name : names) {
            list.add(Transport.named(name));
        }
        return list;
    }

    static long seconds(final double seconds) {
        return (long) (seconds * 1e9);
    }

    /** {@code target/results} beside the jar (or beside {@code target/classes}). */
    static Path defaultResults() {
        try {
            Path code = Path.of(BenchMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path parent = code.getParent();
            return parent != null ? parent.resolve("results") : Path.of("target", "results");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("target", "results");
        }
    }

    /** {@code /dev/shm} where it exists and is writable (memory, no disk), else the temp directory. */
    static Path defaultDir() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
