package io.shmlane.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what a consumer received against the sequence Msg-0, Msg-1, ...: each received message is
 * counted once, under one name: in order, late (it arrived after a later one: a reordering),
 * duplicate (it arrived before), or torn (its payload failed the checksum, or the record's sequence
 * disagrees with the intact payload). A gap is a message that has not arrived (yet): a late arrival
 * fills it. No allocation while the stream is clean.
 */
final class SequenceChecker {
    /** What {@link #accept} made of one message. */
    enum Verdict {
        IN_ORDER,
        /** In order with the ones before it missing. */
        AFTER_GAP,
        LATE,
        DUPLICATE,
        TORN
    }

    /** One past the highest N received intact: the next message in order. */
    private long expected;

    private long received;
    private long late;
    private long duplicates;
    private long torn;
    private long first = -1;
    private long last = -1;
    private String firstProblem;
    /** The gaps not filled yet: first missing N to one past the last. */
    private final TreeMap<Long, Long> missing = new TreeMap<>();

    private long missingCount;

    SequenceChecker(final long expectedFirst) {
        this.expected = expectedFirst;
    }

    /** A message without a channel sequence (the naive channel): {@link #accept(long, long)} unchecked. */
    static final long NO_SEQUENCE = Long.MIN_VALUE;

    /**
     * Records one message: {@code sequence} as the channel delivered it (or {@link #NO_SEQUENCE}),
     * {@code n} the N decoded from its payload, or a negative {@link MessageCodec} result for a torn or
     * malformed one.
     */
    Verdict accept(final long sequence, final long n) {
        received++;
        boolean intact = n >= 0 && (sequence == NO_SEQUENCE || n == sequence);
        // a torn message stands in for the next one in order (its N is not vouched for by a checksum);
        // one whose intact payload disagrees with the record's sequence is its payload's N
        long id = n >= 0 ? n : expected;
        if (!intact) {
            torn++;
            noteProblem(
                    n < 0
                            ? "torn: " + (sequence == NO_SEQUENCE ? "a message" : "the message at sequence " + sequence)
                                    + " (Msg-" + expected + " expected) failed its checksum"
                            : "torn: Msg-" + n + " arrived in a record with sequence " + sequence);
        } else {
            if (first < 0) {
                first = n;
            }
            last = n;
        }
        if (id == expected) {
            expected++;
            return intact ? Verdict.IN_ORDER : Verdict.TORN;
        }
        if (id > expected) {
            missing.put(expected, id);
            missingCount += id - expected;
            noteProblem("gap: Msg-" + expected + (id - expected > 1 ? " to Msg-" + (id - 1) : "")
                    + " missing before Msg-" + id);
            expected = id + 1;
            return intact ? Verdict.AFTER_GAP : Verdict.TORN;
        }
        Map.Entry<Long, Long> gap = missing.floorEntry(id);
        if (gap != null && id < gap.getValue()) {
            fill(gap.getKey(), gap.getValue(), id);
            if (!intact) {
                return Verdict.TORN;
            }
            late++; // never the first problem: the gap it fills was noted before it
            return Verdict.LATE;
        }
        if (!intact) {
            return Verdict.TORN;
        }
        duplicates++;
        noteProblem("duplicate: Msg-" + n + " arrived again");
        return Verdict.DUPLICATE;
    }

    /** Removes {@code n} from the missing range [from, to). */
    private void fill(final long from, final long to, final long n) {
        missing.remove(from);
        if (from < n) {
            missing.put(from, n);
        }
        if (n + 1 < to) {
            missing.put(n + 1, to);
        }
        missingCount--;
    }

    private void noteProblem(final String what) {
        if (firstProblem == null) {
            firstProblem = what;
        }
    }

    boolean clean() {
        return missingCount == 0 && late == 0 && duplicates == 0 && torn == 0;
    }

    long received() {
        return received;
    }

    /** The first problem in words, naming the message, or null when clean. */
    String firstProblem() {
        return firstProblem;
    }

    /** The first message still missing, or -1. */
    long firstMissing() {
        return missing.isEmpty() ? -1 : missing.firstKey();
    }

    /** The problem counters: {@code gaps= duplicates= reordered= torn=}. */
    String counts() {
        return "gaps=" + missingCount + " duplicates=" + duplicates + " reordered=" + late + " torn=" + torn;
    }

    /** The summary line's tokens. */
    String summary(final double seconds) {
        long firstGap = firstMissing();
        return "received=" + received + " " + counts() + " first=" + first + " last=" + last
                + (firstGap >= 0 ? " first_missing=Msg-" + firstGap : "")
                + " seconds=" + String.format(Locale.ROOT, "%.3f", seconds) + " rate="
                + String.format(Locale.ROOT, "%.0f", seconds > 0 ? received / seconds : 0.0);
    }
}
