package io.shmlane.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The one rule that checks PIT's results over the library and the command line (each module's {@code
 * target/pit-reports/mutations.xml}: {@code protocol/} and {@code cli/}) against each module's committed list of
 * equivalent mutants ({@code pit-equivalents.txt}), used by the hunt's {@code --pit} and by the report.
 *
 * <p>An entry of the list names a mutant without its line number, which drifts with every edit: {@code CLASS#METHOD |
 * MUTATOR | CODE | reason}, where CLASS is the mutated class's binary name, METHOD PIT's method name ({@code <init>}
 * for a constructor), MUTATOR the simple name of PIT's mutator class and CODE a piece of the mutated source line. A
 * mutant no test killed is justified by an entry whose class, method and mutator are its own and whose code occurs in
 * its source line.
 */
public final class PitCheck {
    /** The modules PIT mutates ({@code -Ppit}), relative to the repository root. */
    public static final List<String> MODULES = List.of("protocol", "cli");
    /** PIT's XML report of a module, relative to the module. */
    public static final String MUTATIONS = "target/pit-reports/mutations.xml";
    /** The committed list of a module, relative to the module. */
    public static final String EQUIVALENTS = "pit-equivalents.txt";
    /** The sources PIT mutated in a module, relative to the module. */
    public static final String SOURCES = "src/main/java";

    private PitCheck() {}

    /**
     * One mutant of PIT's XML report.
     *
     * @param status PIT's status ({@code KILLED}, {@code SURVIVED}, {@code NO_COVERAGE}, ...)
     * @param sourceFile the source file's name
     * @param mutatedClass the class's binary name
     * @param method PIT's method name
     * @param line the line number, 0 when unknown
     * @param mutator the simple name of PIT's mutator
     * @param description PIT's description
     * @param killingTest the test that killed it
     */
    public record Mutation(
            String status,
            String sourceFile,
            String mutatedClass,
            String method,
            int line,
            String mutator,
            String description,
            String killingTest) {

        /** Whether no test killed it: survived, or no test covered it. */
        public boolean unkilled() {
            return "SURVIVED".equals(status) || "NO_COVERAGE".equals(status);
        }

        /** Whether a test detected it: killed, or its tests timed out, ran out of memory or crashed. */
        public boolean detected() {
            return "KILLED".equals(status)
                    || "TIMED_OUT".equals(status)
                    || "MEMORY_ERROR".equals(status)
                    || "RUN_ERROR".equals(status);
        }

        /** The path of its source file relative to the source root, from the class's package. */
        public String sourcePath() {
            int dot = mutatedClass.lastIndexOf('.');
            String pkg = dot < 0 ? "" : mutatedClass.substring(0, dot).replace('.', '/') + "/";
            return pkg + sourceFile;
        }
    }

    /**
     * One entry of the equivalents list.
     *
     * @param mutatedClass the class's binary name
     * @param method PIT's method name
     * @param mutator the simple name of PIT's mutator
     * @param code a piece of the mutated source line
     * @param reason why no test can kill it
     */
    public record Equivalent(String mutatedClass, String method, String mutator, String code, String reason) {
        /** Whether this entry justifies {@code m}, whose source line is {@code sourceLine} (null when unknown). */
        public boolean justifies(final Mutation m, final String sourceLine) {
            return mutatedClass.equals(m.mutatedClass())
                    && method.equals(m.method())
                    && mutator.equals(m.mutator())
                    && sourceLine != null
                    && sourceLine.contains(code);
        }

        /** The entry as it is written in the list, without its reason. */
        public String key() {
            return mutatedClass + "#" + method + " | " + mutator + " | " + code;
        }
    }

    /**
     * Checks the PIT run under {@code root} (the repository root): the reports of every module in {@link #MODULES}
     * that has one, as one run, against those modules' lists.
     *
     * @throws java.nio.file.NoSuchFileException when no module has a report
     */
    public static PitSummary check(final Path root) throws IOException {
        List<Mutation> mutations = new ArrayList<>();
        List<Equivalent> equivalents = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (String module : reported(root)) {
            mutations.addAll(readMutations(root.resolve(module).resolve(MUTATIONS)));
            equivalents.addAll(readEquivalents(root.resolve(module).resolve(EQUIVALENTS)));
            sources.add(root.resolve(module).resolve(SOURCES));
        }
        if (sources.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(reports());
        }
        return check(mutations, equivalents, sources);
    }

    /** The modules of {@link #MODULES} that have a PIT report under {@code root}. */
    public static List<String> reported(final Path root) {
        return MODULES.stream()
                .filter(m -> Files.isRegularFile(root.resolve(m).resolve(MUTATIONS)))
                .toList();
    }

    /** Every module's report, for messages: {@code protocol/target/pit-reports/mutations.xml, cli/...}. */
    public static String reports() {
        return String.join(", ", MODULES.stream().map(m -> m + "/" + MUTATIONS).toList());
    }

    /** Every module's list, for messages. */
    public static String equivalentsLists() {
        return String.join(
                ", ", MODULES.stream().map(m -> m + "/" + EQUIVALENTS).toList());
    }

    /** {@link #check(List, List, List)} over one source root. */
    public static PitSummary check(
            final List<Mutation> mutations, final List<Equivalent> equivalents, final Path sources) {
        return check(mutations, equivalents, List.of(sources));
    }

    /**
     * The summary of a PIT run against the list: counts, mutation score (detected / all), test strength (detected /
     * covered), every unkilled mutant with its reason (null when unjustified), and the entries that justified none.
     */
    public static PitSummary check(
            final List<Mutation> mutations, final List<Equivalent> equivalents, final List<Path> sources) {
        long total = mutations.size();
        long detected = mutations.stream().filter(Mutation::detected).count();
        long survived =
                mutations.stream().filter(m -> "SURVIVED".equals(m.status())).count();
        long noCoverage =
                mutations.stream().filter(m -> "NO_COVERAGE".equals(m.status())).count();
        long timedOut =
                mutations.stream().filter(m -> "TIMED_OUT".equals(m.status())).count();
        long covered = total - noCoverage;
        Map<String, List<String>> cache = new HashMap<>();
        List<PitSummary.Unkilled> unkilled = new ArrayList<>();
        List<Equivalent> used = new ArrayList<>();
        long unjustified = 0;
        for (Mutation m : mutations) {
            if (!m.unkilled()) {
                continue;
            }
            String line = sourceLine(sources, m, cache);
            Equivalent reason = equivalents.stream()
                    .filter(e -> e.justifies(m, line))
                    .findFirst()
                    .orElse(null);
            if (reason == null) {
                unjustified++;
            } else if (!used.contains(reason)) {
                used.add(reason);
            }
            unkilled.add(new PitSummary.Unkilled(
                    m.status(),
                    m.mutatedClass(),
                    m.method(),
                    m.line(),
                    m.mutator(),
                    m.description(),
                    line == null ? null : line.strip(),
                    reason == null ? null : reason.reason()));
        }
        return new PitSummary(
                total,
                detected,
                survived,
                noCoverage,
                timedOut,
                total == 0 ? null : (double) detected / total,
                covered == 0 ? null : (double) detected / covered,
                unjustified,
                List.copyOf(unkilled),
                equivalents.stream()
                        .filter(e -> !used.contains(e))
                        .map(Equivalent::key)
                        .toList());
    }

    /** The mutants of PIT's {@code mutations.xml}. */
    public static List<Mutation> readMutations(final Path xml) throws IOException {
        Document document;
        try (InputStream in = Files.newInputStream(xml)) {
            document = SafeXml.builder().parse(in);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(xml + ": not PIT's XML report: " + e.getMessage(), e);
        }
        List<Mutation> mutations = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("mutation");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String mutator = text(e, "mutator");
            mutations.add(new Mutation(
                    e.getAttribute("status"),
                    text(e, "sourceFile"),
                    text(e, "mutatedClass"),
                    text(e, "mutatedMethod"),
                    lineNumber(text(e, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1),
                    text(e, "description"),
                    text(e, "killingTest")));
        }
        return mutations;
    }

    /**
     * The entries of the equivalents list; empty when it does not exist.
     *
     * @throws IllegalArgumentException for a line that is not an entry, a comment or blank
     */
    public static List<Equivalent> readEquivalents(final Path file) throws IOException {
        List<Equivalent> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+\\|\\s+", 4);
            int hash = parts[0].indexOf('#');
            if (parts.length != 4 || hash <= 0 || hash == parts[0].length() - 1 || parts[3].isBlank()) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": not 'CLASS#METHOD | MUTATOR | CODE | reason': " + lines.get(i));
            }
            entries.add(new Equivalent(
                    parts[0].substring(0, hash), parts[0].substring(hash + 1), parts[1], parts[2], parts[3]));
        }
        return entries;
    }

    /** The source line of {@code m} under {@code sources}, null when the file or line is not there. */
    static String sourceLine(final List<Path> sources, final Mutation m, final Map<String, List<String>> cache) {
        List<String> lines = cache.computeIfAbsent(m.sourcePath(), p -> {
            for (Path root : sources) {
                if (Files.isRegularFile(root.resolve(p))) {
                    try {
                        return Files.readAllLines(root.resolve(p), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return List.of();
                    }
                }
            }
            return List.of();
        });
        return m.line() >= 1 && m.line() <= lines.size() ? lines.get(m.line() - 1) : null;
    }

    private static int lineNumber(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(final Element parent, final String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }
}
