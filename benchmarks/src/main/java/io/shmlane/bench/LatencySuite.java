package io.shmlane.bench;

import io.shmlane.results.BenchmarkResults;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Round-trip latency: a ponger JVM echoes every message of a pinger JVM over a pair of channels (or
 * one socket); the pinger records each round trip after its warm-up. Runs go round robin over the
 * transports; the histograms of a transport's runs are added. Shared-memory sides busy-spin (on two
 * cores that leaves nothing for the OS or the JIT, so runs are short, and a run in which another
 * process took CPU time from a side is repeated); socket sides block in the kernel.
 */
public final class LatencySuite {
    private final Settings settings;
    private final PairRunner runner;
    private final StateProbe probes;
    private final PrintStream progress;

    public LatencySuite(final Settings settings, final Launcher launcher, final PrintStream progress) {
        this.settings = settings;
        this.runner = new PairRunner(launcher, settings.logDir(), settings.workDir());
        this.probes = new StateProbe(settings, runner);
        this.progress = progress;
    }

    /** All runs of one transport. */
    public static final class Case {
        private final Transport transport;
        private final int payload;
        private final Histogram histogram = new Histogram(PingLoop.HIGHEST_NANOS, 3);
        private final List<Double> runP50 = new ArrayList<>();
        private final List<Double> cpuShares = new ArrayList<>();
        private final List<List<Double>> probes = new ArrayList<>();
        private final List<List<Double>> pairProbes = new ArrayList<>();
        private int retries;
        private long badEchoes;

        Case(final Transport transport, final int payload) {
            this.transport = transport;
            this.payload = payload;
        }

        public Transport transport() {
            return transport;
        }

        public int payload() {
            return payload;
        }

        /** All recorded round trips of all runs. */
        public Histogram histogram() {
            return histogram;
        }

        /** The p50 of each run. */
        public List<Double> runP50() {
            return runP50;
        }

        /**
         * Each run's p50 over the raw round trip of its own two JVMs ({@link PairProbe}, the mean of
         * the probe before and the one after it); empty unless every run has both.
         */
        public List<Double> runP50OverOwnRaw() {
            List<Double> relative = new ArrayList<>();
            for (int i = 0; i < runP50.size(); i++) {
                List<Double> probe = i < pairProbes.size() ? pairProbes.get(i) : List.of();
                if (probe.size() != 2 || !positive(probe.get(0)) || !positive(probe.get(1))) {
                    return List.of();
                }
                relative.add(runP50.get(i) / ((probe.get(0) + probe.get(1)) / 2));
            }
            return relative;
        }

        private static boolean positive(final Double value) {
            return value != null && value > 0;
        }

        /** Adds run {@code r}, taken between the machine-state probes {@code before} and {@code after}. */
        void add(final Run r, final double before, final double after) {
            histogram.add(r.histogram());
            runP50.add((double) r.histogram().getValueAtPercentile(50));
            cpuShares.add(r.share());
            retries += r.retries();
            badEchoes += r.badEchoes();
            probes.add(java.util.Arrays.asList(before, after));
            pairProbes.add(r.pairProbe());
        }

        /** Runs repeated because another process took CPU time from a spinning side. */
        public int retries() {
            return retries;
        }

        /** Echoes that did not come back as sent. */
        public long badEchoes() {
            return badEchoes;
        }

        /** Percentile {@code p} of all round trips, in nanoseconds. */
        public double percentile(final double p) {
            return histogram.getValueAtPercentile(p);
        }

        /** The case as it goes into latency.json. */
        public BenchmarkResults.Latency toResult() {
            return new BenchmarkResults.Latency(
                    transport.label(),
                    payload,
                    runP50.size(),
                    histogram.getTotalCount(),
                    transport.sharedMemory() ? "busy-spin" : "blocking",
                    null,
                    (double) histogram.getMinValue(),
                    percentile(50),
                    percentile(90),
                    percentile(99),
                    percentile(99.9),
                    (double) histogram.getMaxValue(),
                    histogram.getMean(),
                    runP50,
                    Stats.min(runP50),
                    Stats.max(runP50),
                    (long) badEchoes,
                    cpuShares,
                    retries,
                    probes,
                    pairProbes);
        }
    }

    /** Runs every transport {@code latencyRuns} times, round robin. */
    public List<Case> run() throws IOException, InterruptedException {
        Map<Transport, Case> cases = new LinkedHashMap<>();
        for (Transport transport : settings.latencyTransports()) {
            int payload = transport == Transport.RAW ? RawLane.PAYLOAD : settings.latencyPayload();
            cases.put(transport, new Case(transport, payload));
        }
        double probe = probes.probe("rtt-r1");
        for (int run = 1; run <= settings.latencyRuns(); run++) {
            for (int attempt = 0; ; attempt++) {
                double before = probe;
                List<Run> taken = new ArrayList<>();
                for (Case c : cases.values()) {
                    taken.add(runOnce(c, run));
                }
                probe = probes.probe("rtt-r" + run + "-a" + attempt);
                boolean steady = StateProbe.steady(before, probe, settings.probeTolerance());
                if (steady || attempt >= settings.pairRetries()) {
                    int i = 0;
                    for (Case c : cases.values()) {
                        add(c, run, taken.get(i++), before, probe);
                    }
                    break;
                }
                progress.printf(
                        Locale.ROOT,
                        "# latency run %d: the machine changed state during the round (raw round trip %.0f -> %.0f"
                                + " ns), again%n",
                        run,
                        before,
                        probe);
            }
        }
        return new ArrayList<>(cases.values());
    }

    /**
     * One run's outcome, before it is added to its case.
     *
     * @param pairProbe the raw round trip p50 of the pair's own JVMs before and after, in ns; NaN when
     *     not taken
     */
    record Run(Histogram histogram, double share, int retries, long badEchoes, List<Double> pairProbe) {}

    /** One run, repeated while another process took CPU time from a busy-spinning side. */
    private Run runOnce(final Case c, final int run) throws IOException, InterruptedException {
        int retries = 0;
        Transport transport = c.transport;
        Map<String, String> ping = Map.of();
        double share = Double.NaN;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            String label = "rtt-" + transport.label() + "-r" + run + (attempt > 0 ? "-a" + attempt : "");
            PairRunner.Outcome outcome = runner.run(label, settings.latencyConfig(transport), "pong", "ping");
            ping = outcome.client();
            share = Math.min(share(ping), share(outcome.server()));
            retries += attempt > 0 ? 1 : 0;
            double before = value(ping, PairProbe.BEFORE);
            double after = value(ping, PairProbe.AFTER);
            boolean placed = StateProbe.steady(before, after, settings.probeTolerance());
            if (!transport.sharedMemory()
                    || (share >= settings.minCpuShare() && placed)
                    || Long.parseLong(ping.get("badEchoes")) > 0) {
                break;
            }
            if (!placed) {
                progress.printf(
                        Locale.ROOT,
                        "# %s run %d: the raw round trip of the pair's own JVMs went from %.0f to %.0f ns during"
                                + " the run%s%n",
                        transport.label(),
                        run,
                        before,
                        after,
                        attempt < settings.retries() ? ", again" : ", kept (no retries left)");
                continue;
            }
            progress.printf(
                    Locale.ROOT,
                    "# %s run %d: a spinning side got %.0f%% of a CPU%s%n",
                    transport.label(),
                    run,
                    100 * share,
                    attempt < settings.retries() ? ", again" : ", kept (no retries left)");
        }
        return new Run(
                PingLoop.decode(ping.get("histogram")),
                share,
                retries,
                Long.parseLong(ping.get("badEchoes")),
                java.util.Arrays.asList(value(ping, PairProbe.BEFORE), value(ping, PairProbe.AFTER)));
    }

    /** Adds a run taken between the probes {@code before} and {@code after} to its case. */
    private void add(final Case c, final int run, final Run r, final double before, final double after) {
        c.add(r, before, after);
        Histogram histogram = r.histogram();
        progress.printf(
                Locale.ROOT,
                "latency run %d/%d %-18s p50 %,9d ns  p99 %,9d ns  (%,d round trips, cpu %.2f, probe %.0f/%.0f ns,"
                        + " own raw %.0f/%.0f ns)%n",
                run,
                settings.latencyRuns(),
                c.transport.label(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99),
                histogram.getTotalCount(),
                r.share(),
                before,
                after,
                r.pairProbe().get(0),
                r.pairProbe().get(1));
    }

    private static double share(final Map<String, String> values) {
        return value(values, "cpuShare");
    }

    private static double value(final Map<String, String> values, final String key) {
        String value = values.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }
}
