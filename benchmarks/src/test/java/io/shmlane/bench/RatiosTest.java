package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
