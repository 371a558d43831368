package io.shmlane.hunt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * PIT's results over the library and the command line (each module's {@code target/pit-reports/mutations.xml}:
 * {@code protocol/} and {@code cli/}) against the committed lists of equivalent mutants (each module's {@code
 * pit-equivalents.txt}): every mutant that no test killed (survived, or not covered by any test) must be listed
 * in its module's list with the reason no test can kill it.
 *
 * <p>An entry of the list names a mutant without its line number, which drifts with every edit: {@code
 * CLASS#METHOD | MUTATOR | CODE | reason}, where CLASS is the mutated class's binary name, METHOD PIT's
 * method name ({@code <init>} for a constructor), MUTATOR the simple name of PIT's mutator class ({@code
 * ConditionalsBoundaryMutator}, {@code RemoveConditionalMutator_ORDER_ELSE}) and CODE a piece of the
 * mutated source line. A survivor is justified by an entry whose class, method and mutator are its own and
 * whose code occurs in its source line.
 */
final class PitResults {
    /** The modules PIT mutates ({@code -Ppit}), relative to the repository root. */
    static final List<String> MODULES = List.of("protocol", "cli");
    /** The committed list of a module, relative to the module. */
    static final String EQUIVALENTS = "pit-equivalents.txt";
    /** PIT's XML report of a module's {@code -Ppit} profile, relative to the module. */
    static final String MUTATIONS = "target/pit-reports/mutations.xml";
    /** The sources PIT mutated in a module, relative to the module. */
    static final String SOURCES = "src/main/java";
    /** The test strength the library and the command line must reach together. */
    static final double REQUIRED_TEST_STRENGTH = 0.90;

    private PitResults() {}

    /** One mutant of PIT's XML report. */
    record Mutation(
            String status,
            String sourceFile,
            String mutatedClass,
            String method,
            int line,
            String mutator,
            String description,
            String killingTest) {

        /** Whether no test killed it: survived, or no test covered it. */
        boolean unkilled() {
            return "SURVIVED".equals(status) || "NO_COVERAGE".equals(status);
        }

        /** Whether a test detected it: killed, or its tests timed out, ran out of memory or crashed. */
        boolean detected() {
            return "KILLED".equals(status)
                    || "TIMED_OUT".equals(status)
                    || "MEMORY_ERROR".equals(status)
                    || "RUN_ERROR".equals(status);
        }

        /** The path of its source file relative to the source root, from the class's package. */
        String sourcePath() {
            int dot = mutatedClass.lastIndexOf('.');
            String pkg = dot < 0 ? "" : mutatedClass.substring(0, dot).replace('.', '/') + "/";
            return pkg + sourceFile;
        }
    }

    /** One entry of the equivalents list. */
    record Equivalent(String mutatedClass, String method, String mutator, String code, String reason) {
        boolean justifies(final Mutation m, final String sourceLine) {
            return mutatedClass.equals(m.mutatedClass())
                    && method.equals(m.method())
                    && mutator.equals(m.mutator())
                    && sourceLine != null
                    && sourceLine.contains(code);
        }

        String key() {
            return mutatedClass + "#" + method + " | " + mutator + " | " + code;
        }
    }

    /** The mutants of PIT's {@code mutations.xml}. */
    static List<Mutation> readMutations(final Path xml) throws IOException {
        Document document;
        try (InputStream in = Files.newInputStream(xml)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(in);
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
                    Integer.parseInt(text(e, "lineNumber").isEmpty() ? "0" : text(e, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1),
                    text(e, "description"),
                    text(e, "killingTest")));
        }
        return mutations;
    }

    private static String text(final Element parent, final String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }

    /** The entries of the equivalents list; empty when it does not exist. */
    static List<Equivalent> readEquivalents(final Path file) {
        List<Equivalent> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * The source line of {@code m} under {@code sources}, null when the file or line is not there. Cached by file
     * in {@code cache}.
     */
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

    /**
     * The summary of a PIT run against the list: counts, mutation score (detected / all), test strength (detected
     * / covered), every unkilled mutant with its reason (null when unjustified), and the list's entries that
     * justified none of them.
     */
    static Map<String, Object> check(final Path root) throws IOException {
        List<Mutation> mutations = new ArrayList<>();
        List<Equivalent> equivalents = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            mutations.addAll(readMutations(root.resolve(module).resolve(MUTATIONS)));
            equivalents.addAll(readEquivalents(root.resolve(module).resolve(EQUIVALENTS)));
            sources.add(root.resolve(module).resolve(SOURCES));
        }
        return check(mutations, equivalents, sources);
    }

    /** The mutations reports of every module, for messages: {@code protocol/target/pit-reports/mutations.xml, ...}. */
    static String reports() {
        return String.join(", ", MODULES.stream().map(m -> m + "/" + MUTATIONS).toList());
    }

    static Map<String, Object> check(
            final List<Mutation> mutations, final List<Equivalent> equivalents, final Path sources) {
        return check(mutations, equivalents, List.of(sources));
    }

    static Map<String, Object> check(
            final List<Mutation> mutations, final List<Equivalent> equivalents, final List<Path> sources) {
        long total = mutations.size();
        long detected = mutations.stream().filter(Mutation::detected).count();
        long survived =
                mutations.stream().filter(m -> "SURVIVED".equals(m.status())).count();
        long noCoverage =
                mutations.stream().filter(m -> "NO_COVERAGE".equals(m.status())).count();
        long covered = total - noCoverage;
        Map<String, List<String>> cache = new LinkedHashMap<>();
        List<Map<String, Object>> unkilled = new ArrayList<>();
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
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", m.status());
            entry.put("class", m.mutatedClass());
            entry.put("method", m.method());
            entry.put("line", m.line());
            entry.put("mutator", m.mutator());
            entry.put("description", m.description());
            entry.put("code", line == null ? null : line.strip());
            entry.put("equivalent", reason == null ? null : reason.reason());
            unkilled.add(entry);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mutations", total);
        summary.put("killed", detected);
        summary.put("survived", survived);
        summary.put("noCoverage", noCoverage);
        summary.put("mutationScore", total == 0 ? null : (double) detected / total);
        summary.put("testStrength", covered == 0 ? null : (double) detected / covered);
        summary.put("unjustified", unjustified);
        summary.put("unkilled", unkilled);
        summary.put(
                "unusedEquivalents",
                equivalents.stream()
                        .filter(e -> !used.contains(e))
                        .map(Equivalent::key)
                        .toList());
        return summary;
    }

    /** What is wrong with a checked run: unjustified survivors, a test strength below the requirement. */
    static List<String> problems(final Map<String, Object> summary) {
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unkilled = (List<Map<String, Object>>) summary.get("unkilled");
        for (Map<String, Object> m : unkilled) {
            if (m.get("equivalent") == null) {
                problems.add(String.format(
                        Locale.ROOT,
                        "unjustified %s mutant %s#%s line %s, %s: %s (kill it with a test, or list it in its module's %s)",
                        m.get("status"),
                        m.get("class"),
                        m.get("method"),
                        m.get("line"),
                        m.get("mutator"),
                        m.get("description"),
                        EQUIVALENTS));
            }
        }
        Double strength = (Double) summary.get("testStrength");
        if (strength == null || strength < REQUIRED_TEST_STRENGTH) {
            problems.add(String.format(
                    Locale.ROOT,
                    "test strength %s is below %.0f %%",
                    strength == null ? "?" : String.format(Locale.ROOT, "%.1f %%", strength * 100),
                    REQUIRED_TEST_STRENGTH * 100));
        }
        return problems;
    }
}
