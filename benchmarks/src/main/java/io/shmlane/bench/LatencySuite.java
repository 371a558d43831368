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
                    probes);
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

    /** One run's outcome, before it is added to its case. */
    private record Run(Histogram histogram, double share, int retries, long badEchoes) {}

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
            if (!transport.sharedMemory()
                    || share >= settings.minCpuShare()
                    || Long.parseLong(ping.get("badEchoes")) > 0) {
                break;
            }
            progress.printf(
                    Locale.ROOT,
                    "# %s run %d: a spinning side got %.0f%% of a CPU%s%n",
                    transport.label(),
                    run,
                    100 * share,
                    attempt < settings.retries() ? ", again" : ", kept (no retries left)");
        }
        return new Run(PingLoop.decode(ping.get("histogram")), share, retries, Long.parseLong(ping.get("badEchoes")));
    }

    /** Adds a run taken between the probes {@code before} and {@code after} to its case. */
    private void add(final Case c, final int run, final Run r, final double before, final double after) {
        Histogram histogram = r.histogram();
        c.histogram.add(histogram);
        c.runP50.add((double) histogram.getValueAtPercentile(50));
        c.cpuShares.add(r.share());
        c.retries += r.retries();
        c.badEchoes += r.badEchoes();
        c.probes.add(java.util.Arrays.asList(before, after));
        progress.printf(
                Locale.ROOT,
                "latency run %d/%d %-18s p50 %,9d ns  p99 %,9d ns  (%,d round trips, cpu %.2f, probe %.0f/%.0f ns)%n",
                run,
                settings.latencyRuns(),
                c.transport.label(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99),
                histogram.getTotalCount(),
                r.share(),
                before,
                after);
    }

    private static double share(final Map<String, String> values) {
        String share = values.get("cpuShare");
        return share == null ? Double.NaN : Double.parseDouble(share);
    }
}
