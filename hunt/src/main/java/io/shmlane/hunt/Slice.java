package io.shmlane.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One slice of the suite that a hunt round runs: a Maven command over a few modules. */
final class Slice {
    private static final List<String> QUIET_BUILD =
            List.of("-Dspotless.check.skip=true", "-Dspotbugs.skip=true", "-Denforcer.skip=true");
    /** The library and the command line, whose unit tests run on it: what the unit, property and PIT stages build. */
    static final List<String> LIBRARY_AND_CLI = List.of("protocol", "cli");

    /** Failsafe's tests only: {@code unit.skip} (the root pom's) skips Surefire's, in every module of the build. */
    private static final List<String> ONLY_FAILSAFE =
            List.of("-Dunit.skip=true", "-Dfailsafe.failIfNoSpecifiedTests=false");

    /** The package of the jcstress tests. */
    private static final String JCSTRESS_PACKAGE = "io.shmlane.jcstress.";
    /** The areas of the protocol's jcstress tests (not the naive reference's, not the driver's self-check). */
    private static final List<String> JCSTRESS_AREAS = List.of("mailbox", "ring", "header");

    private final String name;
    private final List<String> modules;
    private final Kind kind;
    private final String selection;
    /** The least {@code process.scale} of the slice's rounds, whatever the campaign's {@code --scale}. */
    private final int minimumScale;

    private enum Kind {
        UNIT,
        RELAXED,
        JCSTRESS,
        PROCESS,
        PROPERTIES,
        PIT
    }

    /** Tries per stateful property (ring and mailbox models) in a hunt round; verify runs 100. */
    static final int PROPERTY_TRIES = 10_000;

    /**
     * Process scenarios that a campaign round runs at least at this scale: the crash matrix runs a subset of
     * its cells at scale 1 ({@code verify}) and every cell from scale 2 on; the hunt runs it at scale 10.
     */
    static final Map<String, Integer> PROCESS_MINIMUM_SCALE = Map.of("CrashMatrixIT", 10);

    private Slice(final String name, final List<String> modules, final Kind kind, final String selection) {
        this(name, modules, kind, selection, 1);
    }

    private Slice(
            final String name,
            final List<String> modules,
            final Kind kind,
            final String selection,
            final int minimumScale) {
        this.name = name;
        this.modules = modules;
        this.kind = kind;
        this.selection = selection;
        this.minimumScale = minimumScale;
    }

    /**
     * Campaign slices: each jcstress test of the protocol (one nested test class, so that a round in a harsh mode stays
     * minutes long) as jcstress's own list names it ({@link JcstressTestList}, built by the module's test-compile),
     * and each process scenario.
     */
    static List<Slice> campaignSlices(final Path root) {
        try {
            return campaignSlices(root, JcstressTestList.read(root.resolve(JcstressTestList.FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no jcstress test list (" + JcstressTestList.FILE + "): compile the tests first", e);
        }
    }

    /** Campaign slices with the jcstress tests named in {@code jcstressTests} (jcstress's names). */
    static List<Slice> campaignSlices(final Path root, final List<String> jcstressTests) {
        List<Slice> slices = new ArrayList<>();
        for (String name : jcstressTests) {
            for (String area : JCSTRESS_AREAS) {
                String prefix = JCSTRESS_PACKAGE + area + ".";
                if (name.startsWith(prefix)) {
                    String test = name.substring(prefix.length());
                    slices.add(new Slice(
                            "jcstress " + test,
                            List.of("jcstress-tests"),
                            Kind.JCSTRESS,
                            test.replace(".", "\\.") + "$"));
                }
            }
        }
        for (String test : List.of("MailboxHandOff", "RingHandOff", "HeaderHandshake")) {
            // the same tests under the relaxed memory model, from the round's seed, 10x the build's executions
            slices.add(new Slice("relaxed " + test, List.of("jcstress-tests"), Kind.RELAXED, test));
        }
        for (String test :
                List.of("RingStatefulPropertiesTest", "MailboxStatefulPropertiesTest", "CorruptionFuzzTest")) {
            slices.add(new Slice("properties " + test, LIBRARY_AND_CLI, Kind.PROPERTIES, test));
        }
        for (String it : classesIn(root.resolve("process-tests/src/test/java/io/shmlane/process"), "IT")) {
            if (!it.equals("BlackBoxIT")) {
                slices.add(process(it));
            }
        }
        if (slices.isEmpty()) {
            throw new IllegalStateException("no jcstress test class and no process scenario found under " + root);
        }
        return slices;
    }

    /** PIT over the library and the command line: their tests, then their {@code -Ppit} profiles. */
    static Slice pit() {
        return new Slice("pit protocol", LIBRARY_AND_CLI, Kind.PIT, null);
    }

    /** The slice of {@code stage} that targets {@code mutant}. */
    static Slice forMutant(final String stage, final Mutant mutant) {
        switch (stage) {
            case "unit":
                return new Slice("unit", LIBRARY_AND_CLI, Kind.UNIT, null);
            case "relaxed":
                return new Slice(
                        "relaxed " + mutant.jcstressSelection(),
                        List.of("jcstress-tests"),
                        Kind.RELAXED,
                        mutant.jcstressSelection());
            case "jcstress":
                return jcstress(mutant.jcstressSelection());
            case "process":
                return process("");
            default:
                throw new IllegalArgumentException(
                        "unknown stage '" + stage + "': use unit, relaxed, jcstress or process");
        }
    }

    private static Slice jcstress(final String testClass) {
        return new Slice("jcstress " + testClass, List.of("jcstress-tests"), Kind.JCSTRESS, testClass);
    }

    private static Slice process(final String it) {
        return new Slice(
                "process " + (it.isEmpty() ? "all scenarios" : it),
                List.of("process-tests"),
                Kind.PROCESS,
                it,
                PROCESS_MINIMUM_SCALE.getOrDefault(it, 1));
    }

    String name() {
        return name;
    }

    List<String> modules() {
        return modules;
    }

    /**
     * The Maven command: {@code jitFlags} for the test JVMs, {@code seed} and {@code scale} for
     * scenarios, {@code jcstressMode} (the driver's {@code jcstress.mode}) for jcstress.
     */
    List<String> command(final List<String> jitFlags, final long seed, final int scale, final String jcstressMode) {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-o", "-B"));
        switch (kind) {
            case UNIT:
                // the command line's tests run on the (mutated) library of the same reactor
                command.addAll(List.of("-pl", String.join(",", modules), "test"));
                break;
            case JCSTRESS:
                command.addAll(List.of("-pl", "jcstress-tests", "-am", "verify"));
                command.addAll(ONLY_FAILSAFE);
                command.add("-Dit.test=JcstressSuiteIT");
                command.add("-Djcstress.tests=" + selection);
                command.add("-Djcstress.mode=" + jcstressMode);
                if (!jitFlags.isEmpty()) {
                    command.add("-Djcstress.jvmArgsPrepend=" + String.join(" ", jitFlags));
                }
                break;
            case RELAXED:
                command.addAll(List.of("-pl", "jcstress-tests", "-am", "verify"));
                command.addAll(ONLY_FAILSAFE);
                command.add("-Dit.test=RelaxedSuiteIT");
                command.add("-Drelaxed.tests=" + selection);
                command.add("-Drelaxed.seed=" + seed);
                command.add("-Drelaxed.failFast=true");
                command.add("-Drelaxed.executions=" + 100_000 * scale);
                command.add("-Drelaxed.budget=" + 60 * scale);
                break;
            case PROCESS:
                command.addAll(List.of("-pl", "process-tests", "-am", "verify"));
                command.addAll(ONLY_FAILSAFE);
                if (!selection.isEmpty()) {
                    command.add("-Dit.test=" + selection);
                }
                command.add("-Dprocess.seed=" + seed);
                command.add("-Dprocess.scale=" + Math.max(scale, minimumScale));
                if (!jitFlags.isEmpty()) {
                    command.add("-Dprocess.childJvmArgs=" + String.join(" ", jitFlags));
                }
                break;
            case PROPERTIES:
                // jqwik draws its own seed and prints it with any failure (shrunk action list included)
                command.addAll(List.of("-pl", String.join(",", modules), "test"));
                command.add("-Dtest=" + selection);
                command.add("-Dsurefire.failIfNoSpecifiedTests=false"); // the test is in one of the modules
                command.add("-Dshmlane.properties.tries=" + PROPERTY_TRIES);
                break;
            case PIT:
                // the modules' tests (which PIT needs green), then PIT in verify; writes
                // protocol/target/pit-reports/ and cli/target/pit-reports/ (index.html, mutations.xml)
                command.addAll(List.of("-pl", String.join(",", modules), "-Ppit", "verify"));
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        command.addAll(QUIET_BUILD);
        return command;
    }

    private static List<String> classesIn(final Path dir, final String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix + ".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
