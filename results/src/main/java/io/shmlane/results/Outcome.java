package io.shmlane.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The one outcome vocabulary of every result file: a jcstress test's verdict, a process scenario's outcome, a hunt
 * round's or stage's outcome. Written as the constant's name; read case-insensitively, and from the words of the
 * files written before this vocabulary ({@code passed}, {@code failed}, {@code skipped}).
 */
public enum Outcome {
    /** Ran and met what it checks. */
    PASS,
    /** Ran and found a defect: a forbidden outcome, a lost message, a failed assertion. */
    FAIL,
    /** Could not tell: the test or the build broke (an exception, a crashed JVM, a compile error). */
    ERROR,
    /** An error of a reference test (a known-broken protocol): reported, not failed. */
    TOLERATED,
    /** Selected, but produced no result. */
    NOT_RUN,
    /** Cut short on purpose: the end of a time budget, Ctrl-C or SIGTERM. */
    STOPPED,
    /** Not run on purpose: an assumption did not hold on this machine. */
    SKIPPED;

    /** Whether this outcome fails the run it belongs to: {@link #FAIL} and {@link #ERROR}. */
    public boolean failed() {
        return this == FAIL || this == ERROR;
    }

    /** Whether this outcome passes: {@link #PASS} and {@link #TOLERATED}. */
    public boolean passes() {
        return this == PASS || this == TOLERATED;
    }

    /**
     * The outcome named {@code text}: a constant's name in any case, or one of the older words.
     *
     * @throws IllegalArgumentException for any other text
     */
    @JsonCreator
    public static Outcome of(final String text) {
        String word = text.trim().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "PASSED" -> PASS;
            case "FAILED" -> FAIL;
            case "ERRORED" -> ERROR;
            default -> valueOf(word);
        };
    }
}
