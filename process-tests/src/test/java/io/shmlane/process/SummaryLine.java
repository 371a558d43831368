package io.shmlane.process;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} tokens of a summary line, such as the consumer's {@code received=N gaps=G ...}. */
final class SummaryLine {
    private SummaryLine() {}

    static Map<String, String> parse(final String line) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                tokens.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return tokens;
    }
}
