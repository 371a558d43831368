package io.shmlane.bench;

import io.shmlane.results.BenchmarkResults;
import io.shmlane.testsupport.JavaCommand;
import io.shmlane.testsupport.ProcessTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU per message in one thread, paired: for each payload size a few JVMs ({@link CpuPairing}) run
 * slices of every subject in turn, and each subject's slice is divided by the reference's slice of
 * the same round. Several JVMs, because C2 does not compile the same code the same way in every JVM
 * (a build compared with itself has shown 1.6x in one JVM and 1.0 in the next). A pair of slices is
 * milliseconds apart, so the ratios hold through the machine's changes of state that make cross-process pairs spread by a factor of 3 or more; and a build
 * compared with itself gives the control. No cross-core traffic: this is the code's cost, not a
 * cross-process speed. The producer's side (offer) and the consumer's (poll) are timed apart, since
 * across processes the slower of the two sets the rate.
 */
public final class CpuSuite {
    /** The subject every ratio is taken against: this build's ring. */
    public static final String REFERENCE = "shmlane-ring";

    /** What runs in the slices, and how much. */
    public record Plan(
            List<Integer> sizes,
            int capacity,
            int batch,
            int messages,
            int warmup,
            int slices,
            int forks,
            Path baseline,
            boolean agronaBoundsChecks,
            List<String> jvmArgs,
            boolean inProcess,
            Path logDir) {}

    /** One subject at one size: nanoseconds per message of each slice, offering and polling. */
    public record Case(String subject, int payload, List<Double> offer, List<Double> poll) {
        /** Offer plus poll of each slice. */
        List<Double> total() {
            List<Double> total = new ArrayList<>();
            for (int i = 0; i < offer.size(); i++) {
                total.add(offer.get(i) + poll.get(i));
            }
            return total;
        }

        List<Double> phase(final String phase) {
            switch (phase) {
                case "offer":
                    return offer;
                case "poll":
                    return poll;
                default:
                    return total();
            }
        }

        /** This subject's results for each phase, as ratios to {@code reference} slice by slice. */
        List<BenchmarkResults.CpuCost> toResults(final Case reference) {
            List<BenchmarkResults.CpuCost> results = new ArrayList<>();
            for (String phase : PHASES) {
                List<Double> mine = phase(phase);
                List<Double> ratios = reference == this ? null : ratios(mine, reference.phase(phase));
                results.add(new BenchmarkResults.CpuCost(
                        subject,
                        phase,
                        payload,
                        mine.size(),
                        Stats.median(mine),
                        Stats.percentile(mine, 10),
                        Stats.percentile(mine, 90),
                        ratios == null ? null : reference.subject(),
                        ratios == null ? null : Stats.median(ratios),
                        ratios == null ? null : Stats.percentile(ratios, 10),
                        ratios == null ? null : Stats.percentile(ratios, 90)));
            }
            return results;
        }
    }

    /** The phases reported: the producer's, the consumer's, and the two together. */
    public static final List<String> PHASES = List.of("offer", "poll", "offer+poll");

    private final Plan plan;
    private final PrintStream progress;

    public CpuSuite(final Plan plan, final PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** The subjects' labels, the reference first. */
    public List<String> subjects() {
        List<String> labels = new ArrayList<>(List.of(REFERENCE, "agrona"));
        if (plan.baseline() != null) {
            labels.add(baselineLabel());
        }
        return labels;
    }

    private static String baselineLabel() {
        return REFERENCE + "@baseline";
    }

    /** Runs every size; the cases come size by size, the reference first. */
    public List<Case> run() throws IOException, InterruptedException, ReflectiveOperationException {
        if (plan.baseline() != null) {
            checkBaseline(plan.baseline());
        }
        List<Case> cases = new ArrayList<>();
        for (int size : plan.sizes()) {
            if (size < 8) {
                throw new IllegalArgumentException(
                        "--cpu-sizes " + size + " is below 8 bytes: the handler reads the payload's last 8 bytes");
            }
            progress.printf(
                    Locale.ROOT,
                    "cpu %d B: %d JVMs x %d slices of %,d messages per subject%n",
                    size,
                    plan.forks(),
                    plan.slices(),
                    plan.messages());
            List<String> lines = new ArrayList<>();
            for (int fork = 1; fork <= plan.forks(); fork++) {
                lines.addAll(slices(size, fork));
            }
            cases.addAll(parse(size, lines));
        }
        return cases;
    }

    /** The class whose presence makes a jar or directory a build of the ring. */
    static final String RING_CLASS = "io/shmlane/ring/RingProducer.class";

    /**
     * Refuses a baseline without the ring's classes: its class loader would find this build's on the class path
     * behind it and compare this build with itself, without a word.
     */
    static void checkBaseline(final Path baseline) throws IOException {
        String what = "--baseline " + baseline;
        String hint = ": give the jar of another build (its benchmarks.jar or protocol jar) or its classes directory";
        if (!Files.exists(baseline)) {
            throw new IllegalArgumentException(what + " does not exist" + hint);
        }
        boolean hasRing;
        if (Files.isDirectory(baseline)) {
            hasRing = Files.isRegularFile(baseline.resolve(RING_CLASS));
        } else {
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(baseline.toFile())) {
                hasRing = jar.getEntry(RING_CLASS) != null;
            } catch (java.util.zip.ZipException e) {
                throw new IllegalArgumentException(what + " is not a jar (" + e.getMessage() + ")" + hint, e);
            }
        }
        if (!hasRing) {
            throw new IllegalArgumentException(what + " has no " + RING_CLASS + hint);
        }
    }

    /** The batch at {@code size}: the requested one, or as many records as fill half the ring. */
    int batch(final int size) {
        int record = size + 16;
        return Math.max(1, Math.min(plan.batch(), plan.capacity() / 2 / record));
    }

    private List<String> arguments(final int size) {
        List<String> args = new ArrayList<>(List.of(
                Integer.toString(size),
                Integer.toString(plan.capacity()),
                Integer.toString(batch(size)),
                Integer.toString(plan.messages()),
                Integer.toString(plan.warmup()),
                Integer.toString(plan.slices())));
        args.add(REFERENCE + "=" + CpuSlices.Ring.class.getName());
        args.add("agrona=" + CpuSlices.Agrona.class.getName());
        if (plan.baseline() != null) {
            args.add(baselineLabel() + "=" + CpuSlices.Ring.class.getName() + "="
                    + plan.baseline().toAbsolutePath());
        }
        return args;
    }

    /** The SLICE lines of one JVM (fork) at {@code size}; its output is kept in the logs. */
    private List<String> slices(final int size, final int fork)
            throws IOException, InterruptedException, ReflectiveOperationException {
        List<String> args = arguments(size);
        Files.createDirectories(plan.logDir());
        Path log = plan.logDir().resolve("cpu-" + size + "-" + fork + ".log");
        if (plan.inProcess()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                CpuPairing.run(args.toArray(new String[0]), out);
            }
            Files.write(log, bytes.toByteArray());
        } else {
            List<String> flags = new ArrayList<>(ProcessLauncher.baseJvmArgs());
            flags.addAll(ProcessLauncher.agronaJvmArgs(plan.agronaBoundsChecks()));
            flags.addAll(plan.jvmArgs());
            Process process = JavaCommand.of(CpuPairing.class.getName())
                    .withJvmFlags(flags)
                    .withArguments(args)
                    .processBuilder()
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the cpu JVM for " + size + " B ran over 10 minutes; see " + log);
                }
            } finally {
                ProcessTrees.kill(process.toHandle());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "the cpu JVM for " + size + " B exited with " + process.exitValue() + "; see " + log);
            }
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /**
     * The cases of one size from the SLICE lines of its JVMs, in the order of {@link #subjects()}: slice
     * {@code i} of every subject comes from the same JVM and round, so ratios pair them by index.
     */
    List<Case> parse(final int size, final List<String> lines) {
        Map<String, List<Double>> offer = new LinkedHashMap<>();
        Map<String, List<Double>> poll = new LinkedHashMap<>();
        for (String label : subjects()) {
            offer.put(label, new ArrayList<>());
            poll.put(label, new ArrayList<>());
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[0].equals("SLICE") && offer.containsKey(f[1])) {
                offer.get(f[1]).add(Double.parseDouble(f[2]));
                poll.get(f[1]).add(Double.parseDouble(f[3]));
            }
        }
        List<Case> cases = new ArrayList<>();
        for (String label : subjects()) {
            int expected = plan.slices() * plan.forks();
            if (offer.get(label).size() != expected) {
                throw new IllegalStateException("the cpu JVMs for " + size + " B reported "
                        + offer.get(label).size() + " slices of " + label + ", not " + expected);
            }
            cases.add(new Case(label, size, offer.get(label), poll.get(label)));
        }
        return cases;
    }

    /** Slice by slice, {@code subject / reference}. */
    static List<Double> ratios(final List<Double> subject, final List<Double> reference) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < subject.size(); i++) {
            ratios.add(subject.get(i) / reference.get(i));
        }
        return ratios;
    }

    /** Every case's results, each against the reference of its size. */
    public static List<BenchmarkResults.CpuCost> toResults(final List<Case> cases) {
        List<BenchmarkResults.CpuCost> results = new ArrayList<>();
        for (Case c : cases) {
            Case reference = cases.stream()
                    .filter(r -> r.payload() == c.payload() && r.subject().equals(REFERENCE))
                    .findFirst()
                    .orElse(c);
            results.addAll(c.toResults(reference));
        }
        return results;
    }
}
