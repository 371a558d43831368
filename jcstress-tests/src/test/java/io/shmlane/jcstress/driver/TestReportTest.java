package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.jcstress.driver.TestReport.OutcomeRow;
import io.shmlane.results.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestReportTest {
    private static final OutcomeRow ACCEPTED = new OutcomeRow("1, 1", true, 1000, "ACCEPTABLE", "fine");
    private static final OutcomeRow INTERESTING = new OutcomeRow("1, 0", true, 5, "ACCEPTABLE_INTERESTING", "known");
    private static final OutcomeRow FORBIDDEN_SEEN = new OutcomeRow("0, 1", true, 3, "FORBIDDEN", "broken");
    private static final OutcomeRow FORBIDDEN_DECLARED = new OutcomeRow(".*", false, 0, "FORBIDDEN", "catch-all");

    @Test
    void shouldPassWhenNoForbiddenOutcomeIsObserved() {
        List<OutcomeRow> rows = List.of(ACCEPTED, INTERESTING, FORBIDDEN_DECLARED);

        assertThat(TestReport.decide("NORMAL", rows, false)).isEqualTo(Outcome.PASS);
        assertThat(TestReport.reason("NORMAL", rows, false)).contains("1,005 samples");
    }

    @Test
    void shouldFailWhenForbiddenOutcomeIsObserved() {
        List<OutcomeRow> rows = List.of(ACCEPTED, FORBIDDEN_SEEN);

        assertThat(TestReport.decide("NORMAL", rows, false)).isEqualTo(Outcome.FAIL);
        assertThat(TestReport.reason("NORMAL", rows, false)).contains("\"0, 1\" observed 3 times (broken)");
    }

    @Test
    void shouldFailReferenceTestWhenItsCatchAllIsObserved() {
        assertThat(TestReport.decide("NORMAL", List.of(ACCEPTED, FORBIDDEN_SEEN), true))
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void shouldFailOnOutcomeWithoutDescription() {
        OutcomeRow unknown = new OutcomeRow("2", true, 1, "UNKNOWN", null);

        assertThat(TestReport.decide("NORMAL", List.of(ACCEPTED, unknown), false))
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void shouldReportErrorOfProtocolTest() {
        assertThat(TestReport.decide("TIMEOUT_ERROR", List.of(ACCEPTED), false)).isEqualTo(Outcome.ERROR);
        assertThat(TestReport.decide("VM_ERROR", List.of(), false)).isEqualTo(Outcome.ERROR);
        assertThat(TestReport.decide("TEST_ERROR", List.of(), false)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void shouldTolerateErrorOfReferenceTest() {
        assertThat(TestReport.decide("VM_ERROR", List.of(INTERESTING), true)).isEqualTo(Outcome.TOLERATED);
        assertThat(Outcome.TOLERATED.passes()).isTrue();
    }

    @Test
    void shouldFailTestThatObservedNothing() {
        assertThat(TestReport.decide("NORMAL", List.of(FORBIDDEN_DECLARED), false))
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void shouldCountSkippedOrMissingTestAsNotRun() {
        assertThat(TestReport.decide("API_MISMATCH", List.of(), false)).isEqualTo(Outcome.NOT_RUN);
        assertThat(TestReport.decide("NOT_RUN", List.of(), true)).isEqualTo(Outcome.NOT_RUN);
        assertThat(Outcome.NOT_RUN.passes()).isFalse();
    }
}
