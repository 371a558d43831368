package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RatiosTest {
    private static ThroughputSuite.Case throughput(final Transport transport, final double... rates) {
        return sized(transport, Ratios.GOAL_PAYLOAD, rates);
    }

    private static ThroughputSuite.Case sized(final Transport transport, final int size, final double... rates) {
        List<ThroughputSuite.Sample> samples = new ArrayList<>();
        for (double rate : rates) {
            samples.add(new ThroughputSuite.Sample(rate, rate, 0, 1, 1, 0, 0, 1, 1, 0));
        }
        return new ThroughputSuite.Case(transport, size, samples);
    }

    private static Ratios.Ratio named(final List<Ratios.Ratio> ratios, final String name) {
        return ratios.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldJudgeTheGoalOnTheMedianOfRunByRunRatiosNotOnTheRatioOfMedians() {
        // rounds 2 and 4 caught the machine in its slow state (both sides slow), round 5 slowed Agrona
        // alone: the ratio of the medians (24 / 20 = 1.2) says "met", the rounds say 0.92
        ThroughputSuite.Case ring = throughput(Transport.RING, 24, 6, 24, 6, 24);
        ThroughputSuite.Case agrona = throughput(Transport.AGRONA, 26, 6.5, 26, 6.5, 20);

        Ratios.Ratio ratio =
                named(Ratios.compute(List.of(ring, agrona), List.of()), "shmlane-ring / agrona throughput, 32 B");

        assertThat(ratio.runs()).containsExactly(0.92, 0.92, 0.92, 0.92, 1.2);
        assertThat(ratio.value()).isEqualTo(0.92);
        assertThat(ratio.met()).isFalse();
        assertThat(ratio.meaning()).contains("ratio of the medians is 1.2");
    }

    @Test
    void shouldMeetTheGoalWhenMostRoundsMeetIt() {
        ThroughputSuite.Case ring = throughput(Transport.RING, 30, 31, 5, 30);
        ThroughputSuite.Case agrona = throughput(Transport.AGRONA, 20, 20, 20, 20);

        Ratios.Ratio ratio =
                named(Ratios.compute(List.of(ring, agrona), List.of()), "shmlane-ring / agrona throughput, 32 B");

        assertThat(ratio.value()).isEqualTo(1.5);
        assertThat(ratio.met()).isTrue();
    }

    @Test
    void shouldJudgeEachSizeAgainstItsOwnGoal() {
        List<ThroughputSuite.Case> cases = List.of(
                sized(Transport.RING, 64, 10, 10),
                sized(Transport.AGRONA, 64, 10, 10),
                sized(Transport.RING, 4096, 14, 14),
                sized(Transport.AGRONA, 4096, 10, 10));

        List<Ratios.Ratio> ratios = Ratios.compute(cases, List.of());

        assertThat(named(ratios, "shmlane-ring / agrona throughput, 64 B").goal())
                .isEqualTo(">= 1");
        assertThat(named(ratios, "shmlane-ring / agrona throughput, 64 B").met())
                .isTrue();
        assertThat(named(ratios, "shmlane-ring / agrona throughput, 4096 B").goal())
                .isEqualTo(">= 1.5");
        assertThat(named(ratios, "shmlane-ring / agrona throughput, 4096 B").met())
                .isFalse();
    }

    @Test
    void shouldTakeAPairAgainOnlyWhenTheProbesShowAChangeOfState() {
        assertThat(StateProbe.steady(120, 130, 1.5)).isTrue();
        assertThat(StateProbe.steady(120, 470, 1.5))
                .as("fast state to slow state")
                .isFalse();
        assertThat(StateProbe.steady(470, 120, 1.5))
                .as("slow state to fast state")
                .isFalse();
        assertThat(StateProbe.steady(Double.NaN, Double.NaN, 1.5))
                .as("no probes")
                .isTrue();
    }

    /**
     * A latency case whose run {@code i} has the p50 {@code p50s[i]} and was taken by a pair of JVMs
     * whose own raw round trip was {@code ownRaw[i]} before and after (NaN: not probed).
     */
    private static LatencySuite.Case rtt(final Transport transport, final double[] p50s, final double[] ownRaw) {
        LatencySuite.Case c = new LatencySuite.Case(transport, 32);
        for (int i = 0; i < p50s.length; i++) {
            Histogram histogram = new Histogram(PingLoop.HIGHEST_NANOS, 3);
            histogram.recordValueWithCount((long) p50s[i], 100);
            c.add(
                    new LatencySuite.Run(histogram, 1.0, 0, 0, Arrays.asList(ownRaw[i], ownRaw[i])),
                    Double.NaN,
                    Double.NaN);
        }
        return c;
    }

    @Test
    void shouldDivideEachRoundTripByTheRawRoundTripOfItsOwnPairOfJvms() {
        // rounds 1 and 3 placed the ring's JVMs on far cores (raw 450 ns), round 2 Agrona's: taken
        // against each other run by run, those rounds say 3.1 or 0.3; over their own raw, 1.1 each time
        LatencySuite.Case ring = rtt(Transport.RING, new double[] {700, 230, 700}, new double[] {450, 150, 450});
        LatencySuite.Case agrona = rtt(Transport.AGRONA, new double[] {210, 620, 210}, new double[] {150, 450, 150});
        LatencySuite.Case raw = rtt(Transport.RAW, new double[] {150, 150, 440}, new double[] {150, 150, 440});
        List<Ratios.Ratio> ratios = Ratios.compute(List.of(), List.of(ring, agrona, raw));

        Ratios.Ratio overAgrona = named(ratios, "shmlane-ring RTT p50 / agrona RTT p50");
        assertThat(overAgrona.runs()).containsExactly(1.11, 1.11, 1.11);
        assertThat(overAgrona.value()).isEqualTo(1.11);
        assertThat(overAgrona.met()).isFalse();
        assertThat(overAgrona.meaning()).contains("raw round trip of its own two JVMs");

        Ratios.Ratio overRaw = named(ratios, "shmlane-ring RTT p50 / raw-cache-line RTT p50");
        assertThat(overRaw.runs())
                .as("the ring's runs over the raw round trip of the ring's own JVMs, not over the raw pair's")
                .containsExactly(1.56, 1.53, 1.56);
        assertThat(overRaw.value()).isEqualTo(1.56);
        assertThat(overRaw.met()).isFalse();
    }

    @Test
    void shouldPairTheRunsAsTakenWhenARunHasNoProbeOfItsOwnPair() {
        double[] none = {Double.NaN, Double.NaN};
        LatencySuite.Case ring = rtt(Transport.RING, new double[] {230, 240}, new double[] {150, Double.NaN});
        LatencySuite.Case agrona = rtt(Transport.AGRONA, new double[] {230, 200}, none);
        Ratios.Ratio overAgrona =
                named(Ratios.compute(List.of(), List.of(ring, agrona)), "shmlane-ring RTT p50 / agrona RTT p50");
        assertThat(overAgrona.runs()).containsExactly(1.0, 1.2);
        assertThat(overAgrona.meaning()).doesNotContain("own two JVMs");
    }

    private static ThroughputSuite.Case placed(final Transport transport, final double[] rates, final double[] ownRaw) {
        List<ThroughputSuite.Sample> samples = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            samples.add(new ThroughputSuite.Sample(rates[i], rates[i], 0, 1, 1, 0, 0, 1, 1, 0)
                    .ownProbed(ownRaw[i], ownRaw[i]));
        }
        return new ThroughputSuite.Case(transport, Ratios.GOAL_PAYLOAD, samples);
    }

    @Test
    void shouldCompareThroughputOnlyInRoundsWhoseTwoPairsWerePlacedAlikeOnTheCores() {
        // round 2: the ring's JVMs on far cores (raw 450 ns), Agrona's on close ones; round 4 the other
        // way round. Those rounds compare placements (0.35 and 2.8), the other three transports (1.15)
        ThroughputSuite.Case ring =
                placed(Transport.RING, new double[] {23, 7, 23, 23, 23}, new double[] {150, 450, 140, 440, 160});
        ThroughputSuite.Case agrona =
                placed(Transport.AGRONA, new double[] {20, 20, 20, 8.2, 20}, new double[] {150, 150, 150, 160, 150});
        Ratios.Ratio ratio =
                named(Ratios.compute(List.of(ring, agrona), List.of()), "shmlane-ring / agrona throughput, 32 B");
        assertThat(ratio.runs()).containsExactly(1.15, 1.15, 1.15);
        assertThat(ratio.value()).isEqualTo(1.15);
        assertThat(ratio.met()).isTrue();
        assertThat(ratio.meaning()).contains("3 of 5 rounds");

        Ratios.Ratio strict =
                named(Ratios.compute(List.of(ring, agrona), List.of(), 10), "shmlane-ring / agrona throughput, 32 B");
        assertThat(strict.runs())
                .as("a tolerance of 10 takes every round as placed alike")
                .hasSize(5);
    }
}
