package io.shmlane.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated ordering mutants that the suite cannot kill because the weaker mode is in fact
 * enough (or the access is outside what a test can observe), each with the argument why:
 * {@code hunt/ordering-equivalents.txt}, one {@code name: reason} a line, {@code #} comments.
 */
final class OrderingEquivalents {
    static final String FILE = "hunt/ordering-equivalents.txt";

    private OrderingEquivalents() {}

    /** Mutant name to reason; empty when the file does not exist. */
    static Map<String, String> read(final Path file) {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return reasons;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || colon == trimmed.length() - 1) {
                    throw new IllegalArgumentException(file + ": not 'name: reason': " + line);
                }
                reasons.put(
                        trimmed.substring(0, colon).strip(),
                        trimmed.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }
}
