package io.shmlane.relaxed;

import java.time.Duration;
import java.util.List;
import org.openjdk.jcstress.annotations.Expect;

/**
 * What a relaxed run of one test found: the outcomes with their counts and expectations, the data
 * races, and the first failing execution's seed, reason and trace (replayed from the seed).
 */
public record RelaxedResult(
        String test,
        String mode,
        long seed,
        int executions,
        Duration elapsed,
        List<Row> rows,
        long races,
        long staleReads,
        long steps,
        Long failureSeed,
        String failureOutcome,
        String failureReason,
        List<String> failureTrace,
        boolean failureReplayed,
        String notSimulated) {

    /** One outcome: how often, what the test expects of it, and the first seed that gave it. */
    public static final class Row {
        private final String outcome;
        private final Expect expect;
        private final String description;
        private long count;
        private long firstSeed;

        Row(final String outcome, final Expect expect, final String description) {
            this.outcome = outcome;
            this.expect = expect;
            this.description = description;
        }

        void add(final long seed) {
            if (count++ == 0) {
                firstSeed = seed;
            }
        }

        public String outcome() {
            return outcome;
        }

        public Expect expect() {
            return expect;
        }

        public String description() {
            return description;
        }

        public long count() {
            return count;
        }

        public long firstSeed() {
            return firstSeed;
        }
    }

    /** Whether no execution failed: nothing FORBIDDEN or unknown, no error, no data race. */
    public boolean passed() {
        return failureSeed == null;
    }

    /** Whether the test could run under the model at all (see {@link #notSimulated()}). */
    public boolean simulated() {
        return notSimulated == null;
    }

    /** Count of the outcome {@code outcome}, 0 when never seen. */
    public long count(final String outcome) {
        return rows.stream()
                .filter(r -> r.outcome().equals(outcome))
                .mapToLong(Row::count)
                .sum();
    }

    /** Executions whose outcome the test marks ACCEPTABLE_INTERESTING. */
    public long interesting() {
        return rows.stream()
                .filter(r -> r.expect() == Expect.ACCEPTABLE_INTERESTING)
                .mapToLong(Row::count)
                .sum();
    }

    /** The outcome table and, for a failure, its seed, reason and trace: what a person reads. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(test)
                .append(" (relaxed, ")
                .append(executions)
                .append(" executions from seed ")
                .append(seed)
                .append(", ")
                .append(elapsed.toMillis())
                .append(" ms, ")
                .append(staleReads)
                .append(" stale reads, ")
                .append(races)
                .append(" races)\n");
        for (Row r : rows) {
            sb.append(String.format("  %-40s %,12d  %-22s %s%n", r.outcome(), r.count(), r.expect(), r.description()));
        }
        if (notSimulated != null) {
            sb.append("NOT SIMULATED: ").append(notSimulated).append('\n');
        }
        if (failureSeed != null) {
            sb.append("FAILED: ").append(failureReason).append('\n');
            sb.append("seed ")
                    .append(failureSeed)
                    .append(failureReplayed ? " (replays the same failure)" : " (replay differs!)")
                    .append(": replay with -Drelaxed.replay=")
                    .append(failureSeed)
                    .append('\n');
            int shown = 0;
            for (String line : failureTrace) {
                if (shown++ == 400) {
                    sb.append("  ... ").append(failureTrace.size() - 400).append(" more lines\n");
                    break;
                }
                sb.append("  ").append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
