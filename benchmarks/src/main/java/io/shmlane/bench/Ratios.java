package io.shmlane.bench;

import io.shmlane.results.BenchmarkResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ratios of the goals, computed from cases measured in the same run. */
public final class Ratios {
    /** The payload at which the UDS goal applies. */
    public static final int GOAL_PAYLOAD = 32;

    /** Ring over Agrona throughput, at least this per payload size (issue 14); sizes not listed: none. */
    static double agronaGoal(final int size) {
        switch (size) {
            case 32:
            case 256:
                return 1.1;
            case 64:
            case 1024:
                return 1.0;
            case 4096:
                return 1.5;
            default:
                return Double.NaN;
        }
    }

    private Ratios() {}

    /**
     * One ratio.
     *
     * @param name what is divided by what
     * @param value the ratio, NaN when a side is missing
     * @param goal the goal in words, null when there is none
     * @param met whether the goal is met, null when there is none
     * @param meaning how to read it
     */
    public record Ratio(String name, double value, String goal, Boolean met, String meaning, List<Double> runs) {
        Ratio(final String name, final double value, final String goal, final Boolean met, final String meaning) {
            this(name, value, goal, met, meaning, null);
        }

        /** The ratio as it goes into ratios.json. */
        public BenchmarkResults.Ratio toResult() {
            return new BenchmarkResults.Ratio(name, value, goal, met, meaning, runs);
        }
    }

    /** The default of {@code --probe-tolerance}: raw round trips within this factor show one placement. */
    static final double PLACEMENT_TOLERANCE = 1.5;

    /** Every ratio that the measured cases allow, with the default placement tolerance. */
    public static List<Ratio> compute(
            final List<ThroughputSuite.Case> throughput, final List<LatencySuite.Case> latency) {
        return compute(throughput, latency, PLACEMENT_TOLERANCE);
    }

    /**
     * Every ratio that the measured cases allow.
     *
     * @param tolerance two raw round trips of pairs' own JVMs within this factor show the same placement
     *     on the cores ({@link #pair})
     */
    public static List<Ratio> compute(
            final List<ThroughputSuite.Case> throughput,
            final List<LatencySuite.Case> latency,
            final double tolerance) {
        List<Ratio> ratios = new ArrayList<>();
        for (ThroughputSuite.Case ring : throughput) {
            if (ring.transport() != Transport.RING && ring.transport() != Transport.RING_POLL) {
                continue;
            }
            int size = ring.payload();
            boolean ring14 = ring.transport() == Transport.RING;
            boolean goals = size == GOAL_PAYLOAD && ring14;
            find(throughput, Transport.AGRONA, size)
                    .ifPresent(agrona ->
                            ratios.add(pair(ring, agrona, ring14 ? agronaGoal(size) : Double.NaN, tolerance)));
            find(throughput, Transport.UDS, size)
                    .ifPresent(uds -> ratios.add(pair(ring, uds, goals ? 20 : Double.NaN, tolerance)));
            find(throughput, Transport.TCP, size).ifPresent(tcp -> ratios.add(pair(ring, tcp, Double.NaN, tolerance)));
        }
        Optional<Double> raw = p50(latency, Transport.RAW);
        Optional<Double> mailbox = p50(latency, Transport.MAILBOX);
        Optional<LatencySuite.Case> rawCase = latencyCase(latency, Transport.RAW);
        if (rawCase.isPresent()) {
            latencyCase(latency, Transport.RING)
                    .ifPresent(r -> ratios.add(
                            rttPair(r, rawCase.get(), 1.25, "1.0 is the machine's limit: one cache line each way")));
            latencyCase(latency, Transport.AGRONA)
                    .ifPresent(a -> ratios.add(rttPair(a, rawCase.get(), Double.NaN, "for comparison")));
            latencyCase(latency, Transport.MAILBOX)
                    .ifPresent(m -> ratios.add(
                            rttPair(m, rawCase.get(), 1.1, "1.0 is the machine's limit: one cache line each way")));
        }
        Optional<LatencySuite.Case> agronaRtt = latencyCase(latency, Transport.AGRONA);
        if (agronaRtt.isPresent()) {
            latencyCase(latency, Transport.RING)
                    .ifPresent(r -> ratios.add(rttPair(r, agronaRtt.get(), 1.0, "below 1.0 the ring is the faster")));
        }
        Optional<ThroughputSuite.Case> mailboxRate = throughput.stream()
                .filter(c -> c.transport() == Transport.MAILBOX)
                .min((a, b) -> Integer.compare(a.payload(), b.payload()));
        if (mailboxRate.isPresent()) {
            double rate = mailboxRate.get().medianRate();
            int size = mailboxRate.get().payload();
            raw.ifPresent(r -> ratios.add(new Ratio(
                    "shmlane-mailbox rate x raw-cache-line RTT p50, " + size + " B",
                    rate * r / 1e9,
                    null,
                    null,
                    "1.0 would be one raw round trip per message; the mailbox needs one hand-over and one"
                            + " acknowledgement per message")));
            mailbox.ifPresent(m -> ratios.add(new Ratio(
                    "shmlane-mailbox rate x shmlane-mailbox RTT p50, " + size + " B",
                    rate * m / 1e9,
                    null,
                    null,
                    "about 1 when streaming costs what a ping-pong costs; above 1 the producer overlaps"
                            + " writing the next message with the acknowledgement of the last")));
        }
        return ratios;
    }

    /**
     * {@code a} over {@code b}, paired: each run of {@code a} over the run of {@code b} of the same
     * round robin round (taken seconds apart, so a change of the machine's state between rounds
     * cancels out), and the median of those paired ratios, with the goal. The ratio of the medians is
     * given in the meaning for comparison: it mixes runs from different rounds.
     *
     * <p>Where both pairs of a round took the raw round trip of their own JVMs ({@link PairProbe}), the
     * round counts only when the two agree within {@code tolerance}: both pairs were placed alike on
     * the cores. A round with one pair on close cores and the other on far ones compares placements,
     * not transports. When no round qualifies, all count.
     */
    private static Ratio pair(
            final ThroughputSuite.Case a, final ThroughputSuite.Case b, final double goal, final double tolerance) {
        List<Double> rateA = new ArrayList<>();
        List<Double> rateB = new ArrayList<>();
        List<Double> ownA = a.ownRaw();
        List<Double> ownB = b.ownRaw();
        int rounds = Math.min(a.rates().size(), b.rates().size());
        for (int i = 0; i < rounds; i++) {
            if (samePlacement(ownA.get(i), ownB.get(i), tolerance)) {
                rateA.add(a.rates().get(i));
                rateB.add(b.rates().get(i));
            }
        }
        String placed = "";
        if (rateA.isEmpty()) {
            rateA = a.rates();
            rateB = b.rates();
        } else if (rateA.size() < rounds) {
            placed = "; " + rateA.size() + " of " + rounds
                    + " rounds, those whose two pairs' own raw round trips show one placement on the cores";
        }
        List<Double> runs = paired(rateA, rateB);
        double value = runs.isEmpty() ? a.medianRate() / b.medianRate() : Stats.median(runs);
        String name = a.transport().label() + " / " + b.transport().label() + " throughput, " + a.payload() + " B";
        String meaning = "median of the run-by-run ratios (same round)" + placed + "; the ratio of the medians is "
                + trim(Math.round(a.medianRate() / b.medianRate() * 100) / 100.0);
        if (Double.isNaN(goal)) {
            return new Ratio(name, value, null, null, meaning, runs);
        }
        return new Ratio(name, value, ">= " + trim(goal), value >= goal, meaning, runs);
    }

    /**
     * RTT p50 of {@code a} over {@code b}, paired run by run as in {@link #pair}; at most {@code goal}.
     * Where each run took the raw round trip of its own two JVMs ({@link PairProbe}), a run's p50 is
     * first divided by it, so that a pair placed on far cores counts as much as one placed on close
     * ones; over the raw cache line itself, that quotient is the ratio.
     */
    private static Ratio rttPair(
            final LatencySuite.Case a, final LatencySuite.Case b, final double goal, final String meaning) {
        List<Double> ownA = a.runP50OverOwnRaw();
        List<Double> ownB = b.runP50OverOwnRaw();
        List<Double> runs;
        String how;
        if (!ownA.isEmpty() && b.transport() == Transport.RAW) {
            runs = paired(ownA, java.util.Collections.nCopies(ownA.size(), 1.0));
            how = meaning + "; median over the runs of each run's p50 over the raw round trip of its own two JVMs"
                    + " (probed before and after it)";
        } else if (!ownA.isEmpty() && !ownB.isEmpty()) {
            runs = paired(ownA, ownB);
            how = meaning + "; median of the run-by-run ratios (same round) of the p50s, each over the raw round"
                    + " trip of its own two JVMs";
        } else {
            runs = paired(a.runP50(), b.runP50());
            how = meaning + "; median of the run-by-run ratios of the p50s (same round)";
        }
        double value = runs.isEmpty() ? a.percentile(50) / b.percentile(50) : Stats.median(runs);
        String name = a.transport().label() + " RTT p50 / " + b.transport().label() + " RTT p50";
        if (Double.isNaN(goal)) {
            return new Ratio(name, value, null, null, how, runs);
        }
        return new Ratio(name, value, "<= " + trim(goal), value <= goal, how, runs);
    }

    /**
     * Whether two pairs' own raw round trips show the same placement; a pair without one (a socket, or
     * probes off) is taken as placed like any other.
     */
    private static boolean samePlacement(final double a, final double b, final double tolerance) {
        return !(a > 0) || !(b > 0) || Math.max(a, b) <= tolerance * Math.min(a, b);
    }

    private static List<Double> paired(final List<Double> a, final List<Double> b) {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            runs.add(Math.round(a.get(i) / b.get(i) * 100) / 100.0);
        }
        return runs;
    }

    private static String trim(final double goal) {
        return goal == Math.rint(goal) ? Long.toString((long) goal) : Double.toString(goal);
    }

    private static Optional<ThroughputSuite.Case> find(
            final List<ThroughputSuite.Case> throughput, final Transport transport, final int size) {
        return throughput.stream()
                .filter(c -> c.transport() == transport && c.payload() == size)
                .findFirst();
    }

    private static Optional<LatencySuite.Case> latencyCase(
            final List<LatencySuite.Case> latency, final Transport transport) {
        return latency.stream()
                .filter(c -> c.transport() == transport && c.histogram().getTotalCount() > 0)
                .findFirst();
    }

    private static Optional<Double> p50(final List<LatencySuite.Case> latency, final Transport transport) {
        return latency.stream()
                .filter(c -> c.transport() == transport && c.histogram().getTotalCount() > 0)
                .map(c -> c.percentile(50))
                .findFirst();
    }
}
