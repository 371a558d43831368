package io.shmlane.bench;

import io.shmlane.naive.NaiveChannel;
import io.shmlane.results.BenchmarkResults;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-process throughput: for each run, each payload size and each transport in turn (round
 * robin, so a slow minute of the machine hits every case rather than all runs of one), a consumer JVM
 * and a producer JVM stream for warm-up plus duration; the consumer's measured window gives the rate.
 *
 * <p>The transports of one size in one round form a <em>pair</em> (ring and Agrona, and whatever else
 * is measured at that size): their ratios are taken within it. A short raw cache-line round trip
 * probes the machine's state before and after each pair; when the two probes differ by more than the
 * tolerance, the machine changed state during the pair (this VM has a fast and a 3-5x slower state
 * that last seconds to minutes), and the pair is taken again.
 */
public final class ThroughputSuite {
    private final Settings settings;
    private final PairRunner runner;
    private final StateProbe probes;
    private final PrintStream progress;

    public ThroughputSuite(final Settings settings, final Launcher launcher, final PrintStream progress) {
        this.settings = settings;
        this.runner = new PairRunner(launcher, settings.logDir(), settings.workDir());
        this.probes = new StateProbe(settings, runner);
        this.progress = progress;
    }

    /** One run of one case. */
    public record Sample(
            double messagesPerSecond,
            double sentPerSecond,
            long windowLost,
            long sent,
            long received,
            long outOfOrder,
            long torn,
            double meanBatch,
            double cpuShare,
            int retries,
            double probeBefore,
            double probeAfter,
            double ownProbeBefore,
            double ownProbeAfter) {
        Sample(
                final double messagesPerSecond,
                final double sentPerSecond,
                final long windowLost,
                final long sent,
                final long received,
                final long outOfOrder,
                final long torn,
                final double meanBatch,
                final double cpuShare,
                final int retries) {
            this(
                    messagesPerSecond,
                    sentPerSecond,
                    windowLost,
                    sent,
                    received,
                    outOfOrder,
                    torn,
                    meanBatch,
                    cpuShare,
                    retries,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN);
        }

        /** This sample with the machine-state probes of its pair (raw round trip p50, ns). */
        Sample probed(final double before, final double after) {
            return withProbes(before, after, ownProbeBefore, ownProbeAfter);
        }

        /**
         * This sample with the raw round trip p50 of its own pair of JVMs before and after it ({@link
         * PairProbe}), in ns; NaN where not taken.
         */
        Sample ownProbed(final double before, final double after) {
            return withProbes(probeBefore, probeAfter, before, after);
        }

        private Sample withProbes(
                final double before, final double after, final double ownBefore, final double ownAfter) {
            return new Sample(
                    messagesPerSecond,
                    sentPerSecond,
                    windowLost,
                    sent,
                    received,
                    outOfOrder,
                    torn,
                    meanBatch,
                    cpuShare,
                    retries,
                    before,
                    after,
                    ownBefore,
                    ownAfter);
        }

        /** The raw round trip of the pair's own JVMs, the mean of before and after; NaN where not taken. */
        double ownRaw() {
            return ownProbeBefore > 0 && ownProbeAfter > 0 ? (ownProbeBefore + ownProbeAfter) / 2 : Double.NaN;
        }

        /** Whether a busy-spinning side lost CPU time to another process (checked for shared memory only). */
        boolean disturbed(final Transport transport, final double minCpuShare) {
            return transport.sharedMemory() && !(cpuShare >= minCpuShare);
        }

        /** Every message arrived once, in order, whole. */
        boolean clean() {
            return sent == received && outOfOrder == 0 && torn == 0;
        }
    }

    /** All runs of one case. */
    public record Case(Transport transport, int payload, List<Sample> samples) {
        /** Whether every run delivered every message once, in order, whole. */
        public boolean verified() {
            return samples.stream().allMatch(Sample::clean);
        }

        public double medianRate() {
            return Stats.median(rates());
        }

        /** Each run's raw round trip of its own two JVMs ({@link Sample#ownRaw()}), in run order. */
        public List<Double> ownRaw() {
            List<Double> raw = new ArrayList<>();
            samples.forEach(s -> raw.add(s.ownRaw()));
            return raw;
        }

        /** Each run's rate, in run order. */
        public List<Double> rates() {
            List<Double> rates = new ArrayList<>();
            samples.forEach(s -> rates.add(s.messagesPerSecond()));
            return rates;
        }

        List<Double> megabytes() {
            List<Double> mb = new ArrayList<>();
            samples.forEach(s -> mb.add(s.messagesPerSecond() * payload / 1e6));
            return mb;
        }

        /** The case as it goes into throughput.json. */
        public BenchmarkResults.Throughput toResult() {
            List<Double> meanBatch = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            List<List<Double>> probes = new ArrayList<>();
            List<List<Double>> ownProbes = new ArrayList<>();
            List<Double> lost = new ArrayList<>();
            List<Double> sentRates = new ArrayList<>();
            int retries = 0;
            long sent = 0;
            long received = 0;
            for (Sample s : samples) {
                meanBatch.add(s.meanBatch());
                shares.add(s.cpuShare());
                retries += s.retries();
                probes.add(List.of(s.probeBefore(), s.probeAfter()));
                ownProbes.add(java.util.Arrays.asList(s.ownProbeBefore(), s.ownProbeAfter()));
                lost.add((double) s.windowLost());
                sentRates.add(s.sentPerSecond());
                sent += s.sent();
                received += s.received();
            }
            return new BenchmarkResults.Throughput(
                    transport.label(),
                    payload,
                    samples.size(),
                    Stats.median(rates()),
                    Stats.min(rates()),
                    Stats.max(rates()),
                    Stats.median(megabytes()),
                    Stats.min(megabytes()),
                    Stats.max(megabytes()),
                    rates(),
                    meanBatch,
                    shares,
                    retries,
                    probes,
                    (long) Stats.median(lost),
                    Stats.median(sentRates),
                    sent,
                    received,
                    verified(),
                    ownProbes);
        }
    }

    /** Whether {@code transport} can carry {@code payload} bytes. */
    public static boolean fits(final Transport transport, final int payload) {
        return transport != Transport.NAIVE || payload <= NaiveChannel.MAX_MESSAGE_LENGTH;
    }

    /** Runs every case {@code runs} times, round robin. */
    public List<Case> run() throws IOException, InterruptedException {
        Map<String, Case> cases = new LinkedHashMap<>();
        for (int size : settings.sizes()) {
            for (Transport transport : settings.transports()) {
                if (fits(transport, size)) {
                    cases.put(key(transport, size), new Case(transport, size, new ArrayList<>()));
                } else {
                    progress.printf(
                            "# %s skipped at %d B: its region holds at most %d bytes%n",
                            transport.label(), size, NaiveChannel.MAX_MESSAGE_LENGTH);
                }
            }
        }
        double probe = probes.probe("r1");
        for (int run = 1; run <= settings.runs(); run++) {
            for (int size : settings.sizes()) {
                List<Case> pair = new ArrayList<>();
                for (Case c : cases.values()) {
                    if (c.payload() == size) {
                        pair.add(c);
                    }
                }
                if (pair.isEmpty()) {
                    continue;
                }
                for (int attempt = 0; ; attempt++) {
                    double before = probe;
                    List<Sample> taken = new ArrayList<>();
                    for (Case c : pair) {
                        taken.add(runOnce(c.transport(), c.payload(), run));
                    }
                    probe = probes.probe("r" + run + "-" + size + "-a" + attempt);
                    boolean steady = StateProbe.steady(before, probe, settings.probeTolerance());
                    if (steady || attempt >= settings.pairRetries()) {
                        for (int i = 0; i < pair.size(); i++) {
                            Sample sample = taken.get(i).probed(before, probe);
                            pair.get(i).samples().add(sample);
                            report(run, pair.get(i), sample);
                        }
                        if (!steady) {
                            progress.printf(
                                    Locale.ROOT,
                                    "# %d B run %d: the machine changed state during the pair (raw round trip %.0f ->"
                                            + " %.0f ns), kept (no pair retries left)%n",
                                    size,
                                    run,
                                    before,
                                    probe);
                        }
                        break;
                    }
                    progress.printf(
                            Locale.ROOT,
                            "# %d B run %d: the machine changed state during the pair (raw round trip %.0f -> %.0f"
                                    + " ns), again%n",
                            size,
                            run,
                            before,
                            probe);
                }
            }
        }
        return new ArrayList<>(cases.values());
    }

    private void report(final int run, final Case c, final Sample sample) {
        progress.printf(
                Locale.ROOT,
                "throughput run %d/%d %-18s %5d B %,14.0f msgs/s  batch %6.1f  cpu %.2f  probe %.0f/%.0f ns,"
                        + " own raw %.0f/%.0f ns%s%n",
                run,
                settings.runs(),
                c.transport().label(),
                c.payload(),
                sample.messagesPerSecond(),
                sample.meanBatch(),
                sample.cpuShare(),
                sample.probeBefore(),
                sample.probeAfter(),
                sample.ownProbeBefore(),
                sample.ownProbeAfter(),
                sample.sent() == sample.received()
                        ? ""
                        : String.format(
                                Locale.ROOT, "  (lost %,d of %,d)", sample.sent() - sample.received(), sample.sent()));
    }

    /**
     * One run of a case, repeated (up to {@code retries} times) while another process took CPU time
     * from a busy-spinning side: such a run measures the scheduler, not the transport.
     */
    private Sample runOnce(final Transport transport, final int payload, final int run)
            throws IOException, InterruptedException {
        Sample sample = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            sample = attempt(transport, payload, run, attempt);
            boolean placed =
                    StateProbe.steady(sample.ownProbeBefore(), sample.ownProbeAfter(), settings.probeTolerance());
            if ((!sample.disturbed(transport, settings.minCpuShare()) && placed)
                    || (transport != Transport.NAIVE && !sample.clean())) {
                break; // a lossless channel that lost a message is kept: verified() reports it
            }
            if (!placed) {
                progress.printf(
                        Locale.ROOT,
                        "# %s %d B run %d: the raw round trip of the pair's own JVMs went from %.0f to %.0f ns%s%n",
                        transport.label(),
                        payload,
                        run,
                        sample.ownProbeBefore(),
                        sample.ownProbeAfter(),
                        attempt < settings.retries() ? ", again" : ", kept (no retries left)");
                continue;
            }
            progress.printf(
                    Locale.ROOT,
                    "# %s %d B run %d: a spinning side got %.0f%% of a CPU (%,.0f msgs/s)%s%n",
                    transport.label(),
                    payload,
                    run,
                    100 * sample.cpuShare(),
                    sample.messagesPerSecond(),
                    attempt < settings.retries() ? ", again" : ", kept (no retries left)");
        }
        return sample;
    }

    private Sample attempt(final Transport transport, final int payload, final int run, final int attempt)
            throws IOException, InterruptedException {
        String label = "tp-" + transport.label() + "-" + payload + "-r" + run + (attempt > 0 ? "-a" + attempt : "");
        PairRunner.Outcome outcome =
                runner.run(label, settings.throughputConfig(transport, payload), "consume", "produce");
        Map<String, String> consumer = outcome.server();
        Map<String, String> producer = outcome.client();
        long sent = Long.parseLong(producer.get("sent"));
        long received = Long.parseLong(consumer.get("received"));
        long batches = Long.parseLong(consumer.getOrDefault("batches", "0"));
        long windowSent = Long.parseLong(consumer.get("windowSent"));
        long windowReceived = Long.parseLong(consumer.get("windowReceived"));
        long windowNanos = Long.parseLong(consumer.get("windowNanos"));
        double seconds = windowNanos / 1e9;
        return new Sample(
                        windowNanos > 0 ? windowReceived / seconds : Double.NaN,
                        windowNanos > 0 ? windowSent / seconds : Double.NaN,
                        windowSent - windowReceived,
                        sent,
                        received,
                        Long.parseLong(consumer.get("outOfOrder")),
                        Long.parseLong(consumer.get("torn")),
                        batches > 0 ? (double) received / batches : Double.NaN,
                        Math.min(share(consumer), share(producer)),
                        attempt)
                .ownProbed(value(producer, PairProbe.BEFORE), value(producer, PairProbe.AFTER));
    }

    private static double value(final Map<String, String> values, final String key) {
        String value = values.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    private static double share(final Map<String, String> values) {
        String share = values.get("cpuShare");
        return share == null ? Double.NaN : Double.parseDouble(share);
    }

    private static String key(final Transport transport, final int payload) {
        return transport.label() + "/" + payload;
    }
}
