package io.shmlane.cli;

import java.util.Locale;

/** Counts what a consumer received against the sequence Msg-0, Msg-1, ...: gaps, duplicates, torn. */
final class SequenceChecker {
    private long expected;
    private long received;
    private long gaps;
    private long duplicates;
    private long torn;
    private long first = -1;
    private long last = -1;
    private long firstProblem = -1;

    SequenceChecker(final long expectedFirst) {
        this.expected = expectedFirst;
    }

    /** Records message {@code n} (a decoded N, or a negative {@link MessageCodec} result for a torn one). */
    void accept(final long n) {
        received++;
        if (n < 0) {
            torn++;
            noteProblem(expected);
            return;
        }
        if (first < 0) {
            first = n;
        }
        last = n;
        if (n == expected) {
            expected++;
        } else if (n > expected) {
            gaps += n - expected;
            noteProblem(expected);
            expected = n + 1;
        } else {
            duplicates++;
            noteProblem(n);
        }
    }

    private void noteProblem(final long at) {
        if (firstProblem < 0) {
            firstProblem = at;
        }
    }

    boolean clean() {
        return gaps == 0 && duplicates == 0 && torn == 0;
    }

    long received() {
        return received;
    }

    /** The summary line's tokens. */
    String summary(final double seconds) {
        return "received=" + received + " gaps=" + gaps + " duplicates=" + duplicates + " torn=" + torn + " first="
                + first + " last=" + last + (firstProblem >= 0 ? " first_problem=Msg-" + firstProblem : "")
                + " seconds=" + String.format(Locale.ROOT, "%.3f", seconds) + " rate="
                + String.format(Locale.ROOT, "%.0f", seconds > 0 ? received / seconds : 0.0);
    }
}
