package io.shmlane.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ordering mutants, generated rather than hand-picked: for every ordered {@code VarHandle} access in
 * the protocol's sources, each weaker mode it could have been written with (release to plain or
 * opaque, acquire to plain or opaque, volatile to acquire/release, opaque to plain). Each must be
 * killed by the suite or be listed in {@code hunt/ordering-equivalents.txt} with the argument why
 * that access does not need its mode.
 *
 * <p>Names say where, without line numbers so that they survive edits elsewhere in the file:
 * {@code ring-RingProducer-commit-setRelease-to-set} (area, class, method, change), with {@code -2},
 * {@code -3} after the mode for a second and third access of that mode in the method. The area picks
 * the jcstress tests of the relaxed and jcstress stages.
 */
public final class OrderingMutants {
    /** The source tree scanned; the naive reference is known-broken and the command line has no access. */
    static final String SOURCES = "protocol/src/main/java/io/shmlane";

    private static final Pattern ACCESS =
            Pattern.compile("\\b(INT|LONG)\\.(getAcquire|setRelease|getVolatile|setVolatile|getOpaque|setOpaque)\\(");
    private static final Pattern METHOD = Pattern.compile(
            "^    (?:public |private |static |final |synchronized )*[\\w<>\\[\\], ]+ (\\w+)\\(.*\\)\\s*\\{\\s*$");
    private static final Map<String, List<String>> WEAKER = weaker();

    private OrderingMutants() {}

    private static Map<String, List<String>> weaker() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("getAcquire", List.of("get", "getOpaque"));
        m.put("setRelease", List.of("set", "setOpaque"));
        m.put("getVolatile", List.of("getAcquire"));
        m.put("setVolatile", List.of("setRelease"));
        m.put("getOpaque", List.of("get"));
        m.put("setOpaque", List.of("set"));
        return m;
    }

    /** Every ordering mutant of the sources under {@code root}, in file and line order. */
    public static List<Mutant> generate(final Path root) {
        List<Mutant> mutants = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(SOURCES))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.contains("/naive/") || relative.contains("/cli/")) {
                    continue;
                }
                mutants.addAll(generate(relative, Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mutants;
    }

    /** The ordering mutants of one source file, {@code relative} to the repository root. */
    static List<Mutant> generate(final String relative, final String source) {
        List<Mutant> mutants = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        String className = String.valueOf(Path.of(relative).getFileName()).replace(".java", "");
        String area = relative.contains("/ring/") ? "ring" : relative.contains("/mailbox/") ? "mailbox" : "channel";
        String method = "init";
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher declaration = METHOD.matcher(lines[i]);
            if (declaration.matches()) {
                method = declaration.group(1);
            }
            String code = lines[i].replaceFirst("//.*$", "");
            Matcher access = ACCESS.matcher(code);
            while (access.find()) {
                String mode = access.group(2);
                int occurrence = seen.merge(className + "." + method + "." + mode, 1, Integer::sum);
                String label = occurrence == 1 ? mode : mode + "-" + occurrence;
                for (String weaker : WEAKER.get(mode)) {
                    String mutatedLine =
                            lines[i].substring(0, access.start(2)) + weaker + lines[i].substring(access.end(2));
                    String find = uniqueContext(lines, i, source);
                    String replace = find.replace(lines[i] + "\n", mutatedLine + "\n");
                    String name =
                            String.format(Locale.ROOT, "%s-%s-%s-%s-to-%s", area, className, method, label, weaker);
                    String description = "generated: " + access.group(1) + "." + mode + " in " + className + "."
                            + method + " (line " + (i + 1) + ") weakened to " + weaker
                            + ": the access loses the ordering it documents";
                    mutants.add(Mutant.of(name, description, relative, find, replace));
                }
            }
        }
        return mutants;
    }

    /** Line {@code i} with as many lines before it as make it occur once in {@code source}. */
    private static String uniqueContext(final String[] lines, final int i, final String source) {
        StringBuilder context = new StringBuilder(lines[i]).append('\n');
        for (int j = i - 1; j >= 0 && occurrences(source, context.toString()) > 1; j--) {
            context.insert(0, lines[j] + "\n");
        }
        return context.toString();
    }

    private static int occurrences(final String source, final String text) {
        int count = 0;
        for (int at = source.indexOf(text); at >= 0; at = source.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }
}
