package io.shmlane.bench;

import java.io.IOException;

/**
 * The machine's state, probed: the p50 of a short raw cache-line round trip between two JVMs. This
 * VM runs in a fast and a 3-5x slower state for seconds to minutes at a time; two probes that differ
 * by more than the tolerance bracket a change of state, and what was measured between them is taken
 * again.
 */
final class StateProbe {
    private final Settings settings;
    private final PairRunner runner;

    StateProbe(final Settings settings, final PairRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** The raw round trip p50 in ns, or NaN when probes are off ({@code --probe 0}). */
    double probe(final String label) throws IOException, InterruptedException {
        if (settings.probeNanos() <= 0) {
            return Double.NaN;
        }
        PairRunner.Outcome outcome = runner.run("probe-" + label, settings.probeConfig(), "pong", "ping");
        return PingLoop.decode(outcome.client().get("histogram")).getValueAtPercentile(50);
    }

    /** Whether two probes show the same state of the machine (missing probes count as the same). */
    static boolean steady(final double before, final double after, final double tolerance) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return true;
        }
        return Math.max(before, after) <= tolerance * Math.min(before, after);
    }
}
