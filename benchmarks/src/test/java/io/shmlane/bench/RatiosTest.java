package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
    private static ThroughputSuite.Case throughput(final Transport transport, final double... rates) {
        List<ThroughputSuite.Sample> samples = new ArrayList<>();
        for (double rate : rates) {
            samples.add(new ThroughputSuite.Sample(rate, rate, 0, 1, 1, 0, 0, 1, 1, 0));
        }
        return new ThroughputSuite.Case(transport, Ratios.GOAL_PAYLOAD, samples);
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
}
