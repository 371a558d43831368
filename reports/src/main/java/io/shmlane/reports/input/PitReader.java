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
 * Reads PIT's XML reports of the library and the command line ({@code protocol/target/pit-reports/mutations.xml} and
 * {@code cli/target/pit-reports/mutations.xml}, written by {@code ./mvnw -pl protocol,cli -Ppit verify} or {@code
 * hunt.jar --pit}) as one run and gives every mutant no test killed its reason from its module's {@code
 * pit-equivalents.txt}: an entry {@code CLASS#METHOD | MUTATOR | CODE | reason} justifies
 * a mutant of that class, method and mutator whose source line contains CODE (no line numbers: they drift). The hunt's
 * {@code --pit} check applies the same rule ({@code hunt/src/main/java/io/shmlane/hunt/PitResults.java}).
 */
public final class PitReader {
    /** The modules PIT mutates, relative to the project root. */
    public static final List<String> MODULES = List.of("protocol", "cli");
    /** PIT's XML report of a module, relative to the module. */
    public static final String MUTATIONS = "target/pit-reports/mutations.xml";
    /** The committed list of equivalent mutants of a module, relative to the module. */
    public static final String EQUIVALENTS = "pit-equivalents.txt";
    /** The sources PIT mutated in a module, relative to the module. */
    static final String SOURCES = "src/main/java";

    private PitReader() {}

    /** One entry of the equivalents list. */
    record Equivalent(String mutatedClass, String method, String mutator, String code, String reason) {}

    /**
     * The PIT run under {@code root}: the reports of every module in {@link #MODULES} that has one, as one run;
     * null when PIT did not run (no module has its {@link #MUTATIONS}).
     *
     * @throws IOException when a report or a list cannot be read
     */
    public static PitRun read(final Path root, final ReadContext context) throws IOException {
        List<Path> reports = new ArrayList<>();
        List<Equivalent> equivalents = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            Path xml = root.resolve(module).resolve(MUTATIONS);
            if (Files.isRegularFile(xml)) {
                reports.add(xml);
            }
            equivalents.addAll(equivalents(root.resolve(module).resolve(EQUIVALENTS)));
            sources.add(root.resolve(module).resolve(SOURCES));
        }
        if (reports.isEmpty()) {
            return null;
        }
        Map<String, List<String>> sourceLines = new HashMap<>();
        long total = 0;
        long killed = 0;
        long survived = 0;
        long noCoverage = 0;
        long timedOut = 0;
        List<PitSurvivor> survivors = new ArrayList<>();
        for (Path xml : reports) {
            Document document;
            try (InputStream in = Files.newInputStream(xml)) {
                document = SafeXml.builder().parse(in);
            } catch (SAXException e) {
                throw new IOException("not PIT's XML report: " + xml + ": " + e.getMessage(), e);
            }
            NodeList nodes = document.getElementsByTagName("mutation");
            total += nodes.getLength();
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
        }
        // unjustified first, then by class and line
        survivors.sort(Comparator.comparing((PitSurvivor s) -> s.reason() != null)
                .thenComparing(PitSurvivor::mutatedClass)
                .thenComparingInt(PitSurvivor::line));
        long covered = total - noCoverage;
        Instant modified = null;
        boolean stale = false;
        List<String> files = new ArrayList<>();
        for (Path xml : reports) {
            Instant m = ReadContext.modified(xml);
            stale |= context.isStale(m);
            modified = modified == null || (m != null && m.isAfter(modified)) ? m : modified;
            files.add(context.display(xml));
        }
        return new PitRun(
                String.join(", ", files),
                stale,
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
                String.join(
                        ", ", MODULES.stream().map(m -> m + "/" + EQUIVALENTS).toList()));
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
            final List<Path> sources,
            final String mutatedClass,
            final String sourceFile,
            final int line,
            final Map<String, List<String>> cache) {
        int dot = mutatedClass.lastIndexOf('.');
        String path = (dot < 0 ? "" : mutatedClass.substring(0, dot).replace('.', '/') + "/") + sourceFile;
        List<String> lines = cache.computeIfAbsent(path, p -> {
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
