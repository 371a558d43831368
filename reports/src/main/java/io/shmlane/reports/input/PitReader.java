package io.shmlane.reports.input;

import io.shmlane.reports.model.PitRun;
import io.shmlane.reports.model.PitSurvivor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads PIT's XML report of the protocol module ({@code protocol/target/pit-reports/mutations.xml}, written by
 * {@code ./mvnw -pl protocol -Ppit verify} or {@code hunt.jar --pit}) and gives every mutant no test killed its
 * reason from {@code protocol/pit-equivalents.txt}: an entry {@code CLASS#METHOD | MUTATOR | CODE | reason} justifies
 * a mutant of that class, method and mutator whose source line contains CODE (no line numbers: they drift). The hunt's
 * {@code --pit} check applies the same rule ({@code hunt/src/main/java/io/shmlane/hunt/PitResults.java}).
 */
public final class PitReader {
    /** PIT's XML report, relative to the project root. */
    public static final String MUTATIONS = "protocol/target/pit-reports/mutations.xml";
    /** The committed list of equivalent mutants, relative to the project root. */
    public static final String EQUIVALENTS = "protocol/pit-equivalents.txt";
    /** The sources PIT mutated, relative to the project root. */
    static final String SOURCES = "protocol/src/main/java";

    private PitReader() {}

    /** One entry of the equivalents list. */
    record Equivalent(String mutatedClass, String method, String mutator, String code, String reason) {}

    /**
     * The PIT run under {@code root}, null when PIT did not run ({@link #MUTATIONS} absent).
     *
     * @throws IOException when the report or the list cannot be read
     */
    public static PitRun read(final Path root, final ReadContext context) throws IOException {
        Path xml = root.resolve(MUTATIONS);
        if (!Files.isRegularFile(xml)) {
            return null;
        }
        List<Equivalent> equivalents = equivalents(root.resolve(EQUIVALENTS));
        Path sources = root.resolve(SOURCES);
        Map<String, List<String>> sourceLines = new HashMap<>();
        Document document;
        try (InputStream in = Files.newInputStream(xml)) {
            document = SafeXml.builder().parse(in);
        } catch (SAXException e) {
            throw new IOException("not PIT's XML report: " + e.getMessage(), e);
        }
        NodeList nodes = document.getElementsByTagName("mutation");
        long killed = 0;
        long survived = 0;
        long noCoverage = 0;
        long timedOut = 0;
        List<PitSurvivor> survivors = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String status = e.getAttribute("status");
            switch (status) {
                case "KILLED", "MEMORY_ERROR", "RUN_ERROR" -> killed++;
                case "TIMED_OUT" -> {
                    killed++;
                    timedOut++;
                }
                case "SURVIVED" -> survived++;
                case "NO_COVERAGE" -> noCoverage++;
                default -> {
                    // NON_VIABLE, NOT_STARTED, STARTED: neither detected nor missed
                }
            }
            if (!"SURVIVED".equals(status) && !"NO_COVERAGE".equals(status)) {
                continue;
            }
            String mutatedClass = text(e, "mutatedClass");
            String method = text(e, "mutatedMethod");
            String mutator = text(e, "mutator");
            mutator = mutator.substring(mutator.lastIndexOf('.') + 1);
            int line = lineNumber(text(e, "lineNumber"));
            String code = sourceLine(sources, mutatedClass, text(e, "sourceFile"), line, sourceLines);
            String reason = null;
            for (Equivalent q : equivalents) {
                if (q.mutatedClass().equals(mutatedClass)
                        && q.method().equals(method)
                        && q.mutator().equals(mutator)
                        && code != null
                        && code.contains(q.code())) {
                    reason = q.reason();
                    break;
                }
            }
            survivors.add(new PitSurvivor(
                    status,
                    mutatedClass,
                    method,
                    line,
                    mutator,
                    text(e, "description"),
                    code == null ? null : code.strip(),
                    reason));
        }
        // unjustified first, then by class and line
        survivors.sort(Comparator.comparing((PitSurvivor s) -> s.reason() != null)
                .thenComparing(PitSurvivor::mutatedClass)
                .thenComparingInt(PitSurvivor::line));
        long total = nodes.getLength();
        long covered = total - noCoverage;
        Instant modified = ReadContext.modified(xml);
        return new PitRun(
                context.display(xml),
                context.isStale(modified),
                modified == null ? null : modified.toString(),
                total,
                killed,
                survived,
                noCoverage,
                timedOut,
                total == 0 ? null : (double) killed / total,
                covered == 0 ? null : (double) killed / covered,
                survivors.stream().filter(s -> s.reason() == null).count(),
                List.copyOf(survivors),
                EQUIVALENTS);
    }

    /** The list's entries; empty when there is no list. */
    static List<Equivalent> equivalents(final Path file) throws IOException {
        List<Equivalent> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+\\|\\s+", 4);
            int hash = parts[0].indexOf('#');
            if (parts.length == 4 && hash > 0) {
                entries.add(new Equivalent(
                        parts[0].substring(0, hash), parts[0].substring(hash + 1), parts[1], parts[2], parts[3]));
            }
        }
        return entries;
    }

    private static String sourceLine(
            final Path sources,
            final String mutatedClass,
            final String sourceFile,
            final int line,
            final Map<String, List<String>> cache) {
        int dot = mutatedClass.lastIndexOf('.');
        String path = (dot < 0 ? "" : mutatedClass.substring(0, dot).replace('.', '/') + "/") + sourceFile;
        List<String> lines = cache.computeIfAbsent(path, p -> {
            try {
                return Files.readAllLines(sources.resolve(p), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return List.of();
            }
        });
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
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
