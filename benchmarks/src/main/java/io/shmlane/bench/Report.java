package io.shmlane.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines a side writes for the harness: one {@code READY key=value...} when the other side may
 * start, one {@code RESULT key=value...} at the end. Values contain no spaces.
 */
public final class Report {
    /** Prefix of the ready line. */
    public static final String READY = "READY";
    /** Prefix of the result line. */
    public static final String RESULT = "RESULT";

    private final PrintStream out;
    private final Runnable afterReady;

    public Report(final PrintStream out) {
        this(out, () -> {});
    }

    private Report(final PrintStream out, final Runnable afterReady) {
        this.out = out;
        this.afterReady = afterReady;
    }

    /**
     * A report to the same output that runs {@code action} right after the READY line, before {@link
     * #ready} returns to the side: what the other side, which starts on READY, does first.
     */
    Report afterReady(final Runnable action) {
        return new Report(out, action);
    }

    /** Says that the other side may start; {@code values} are handed to it (a port, say). */
    public void ready(final Map<String, ?> values) {
        line(READY, values);
        afterReady.run();
    }

    /** Says that the side may start, with nothing to hand over. */
    public void ready() {
        ready(Map.of());
    }

    /** The measurements of this side; a later RESULT line adds its values to those of the earlier ones. */
    public void result(final Map<String, ?> values) {
        line(RESULT, values);
    }

    /** A free-form line for the log. */
    public void note(final String text) {
        out.println("# " + text);
        out.flush();
    }

    private void line(final String prefix, final Map<String, ?> values) {
        StringBuilder line = new StringBuilder(prefix);
        values.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
        out.flush();
    }

    /**
     * Reads the values of a {@code READY} or {@code RESULT} line.
     *
     * @return the values, in order
     */
    public static Map<String, String> parse(final String line) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] parts = line.trim().split(" ");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return values;
    }
}
