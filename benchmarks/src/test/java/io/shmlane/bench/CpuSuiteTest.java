package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shmlane.results.BenchmarkResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the CPU comparison turns the slices of its JVMs into medians and paired ratios. */
class CpuSuiteTest {
    private static CpuSuite suite(final int slices, final int forks, final Path baseline) {
        return new CpuSuite(
                new CpuSuite.Plan(
                        List.of(32),
                        1 << 20,
                        256,
                        1000,
                        0,
                        slices,
                        forks,
                        baseline,
                        false,
                        List.of(),
                        true,
                        Path.of(".")),
                System.out);
    }

    @Test
    void shouldPairEachSliceWithTheReferencesSliceOfTheSameRound() {
        // the machine's speed swings 3x between rounds; agrona is 0.5x the ring in every round
        List<String> lines = new ArrayList<>();
        double[] speed = {1, 3, 1, 3, 2};
        for (double s : speed) {
            lines.add("SLICE shmlane-ring " + 20 * s + " " + 10 * s);
            lines.add("SLICE agrona " + 10 * s + " " + 5 * s);
        }

        List<CpuSuite.Case> cases = suite(5, 1, null).parse(32, lines);
        List<BenchmarkResults.CpuCost> results = CpuSuite.toResults(cases);

        assertThat(results).hasSize(6);
        BenchmarkResults.CpuCost agronaOffer = results.get(3);
        assertThat(agronaOffer.subject()).isEqualTo("agrona");
        assertThat(agronaOffer.phase()).isEqualTo("offer");
        assertThat(agronaOffer.nanosPerMessage()).isEqualTo(20.0);
        assertThat(agronaOffer.ratio()).as("paired: the swings cancel").isCloseTo(0.5, within(1e-9));
        assertThat(agronaOffer.ratioLow()).isCloseTo(0.5, within(1e-9));
        assertThat(agronaOffer.ratioHigh()).isCloseTo(0.5, within(1e-9));
        BenchmarkResults.CpuCost agronaTotal = results.get(5);
        assertThat(agronaTotal.phase()).isEqualTo("offer+poll");
        assertThat(agronaTotal.nanosPerMessage()).isEqualTo(30.0);
        BenchmarkResults.CpuCost ringOffer = results.get(0);
        assertThat(ringOffer.reference()).isNull();
        assertThat(ringOffer.ratio()).isNull();
    }

    @Test
    void shouldTakeTheMedianOfThePairedRatiosNotTheRatioOfTheMedians() {
        // the machine slowed down 3-4x in round 3, between the ring's slice and Agrona's
        double[] ring = {10, 10, 10, 40, 40};
        double[] agrona = {9, 9, 30, 30, 30};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ring.length; i++) {
            lines.add("SLICE shmlane-ring " + ring[i] + " 1");
            lines.add("SLICE agrona " + agrona[i] + " 1");
        }

        BenchmarkResults.CpuCost agronaOffer =
                CpuSuite.toResults(suite(5, 1, null).parse(32, lines)).get(3);

        assertThat(agronaOffer.nanosPerMessage() / 10.0)
                .as("the ratio of the medians")
                .isEqualTo(3.0);
        assertThat(agronaOffer.ratio()).as("pairs 0.9, 0.9, 3.0, 0.75, 0.75").isCloseTo(0.9, within(1e-9));
        assertThat(agronaOffer.ratioLow()).isCloseTo(0.75, within(1e-9));
        assertThat(agronaOffer.ratioHigh()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void shouldPoolTheSlicesOfEveryJvmAndShowTheSpreadBetweenThem() {
        // JVM 1 compiled the baseline 1.6x slower, JVMs 2 and 3 the same as the reference
        List<String> lines = new ArrayList<>();
        double[] baselineFactor = {1.6, 1.6, 1.0, 1.0, 1.0, 1.0};
        for (double f : baselineFactor) {
            lines.add("SLICE shmlane-ring 10 10");
            lines.add("SLICE agrona 5 5");
            lines.add("SLICE shmlane-ring@baseline " + 10 * f + " 10");
        }

        List<BenchmarkResults.CpuCost> results =
                CpuSuite.toResults(suite(2, 3, Path.of("other.jar")).parse(32, lines));

        BenchmarkResults.CpuCost baselineOffer = results.get(6);
        assertThat(baselineOffer.subject()).isEqualTo("shmlane-ring@baseline");
        assertThat(baselineOffer.slices()).isEqualTo(6);
        assertThat(baselineOffer.ratio()).isCloseTo(1.0, within(1e-9));
        assertThat(baselineOffer.ratioHigh()).isCloseTo(1.6, within(1e-9));
    }

    @Test
    void shouldRefuseAJvmThatReportedTooFewSlices() {
        List<String> lines = List.of("SLICE shmlane-ring 1 1", "SLICE agrona 1 1", "SLICE shmlane-ring 1 1");

        assertThatThrownBy(() -> suite(2, 1, null).parse(32, lines))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reported 1 slices of agrona, not 2");
    }

    @Test
    void shouldKeepTheBatchOfTheCrossProcessRunsWhereHalfTheRingHoldsIt() {
        CpuSuite suite = suite(1, 1, null);

        assertThat(suite.batch(32)).isEqualTo(256);
        assertThat(suite.batch(4096)).as("half of 1 MiB in 4,112-byte records").isEqualTo(127);
    }

    @Test
    void shouldTakeNearestRankPercentiles() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, Double.NaN);

        assertThat(Stats.percentile(values, 10)).isEqualTo(1.0);
        assertThat(Stats.percentile(values, 50)).isEqualTo(3.0);
        assertThat(Stats.percentile(values, 90)).isEqualTo(5.0);
        assertThat(Stats.percentile(List.of(), 50)).isNaN();
    }
}
