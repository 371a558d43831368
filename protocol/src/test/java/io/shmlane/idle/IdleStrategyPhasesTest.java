package io.shmlane.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phases each idle strategy goes through, seen through the state it reports. */
class IdleStrategyPhasesTest {
    @Test
    void shouldSpinThenYieldThenParkDoublingUpToTheCapAndStartAgainAfterReset() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(2, 3, 1, 8);
        List<String> states = new ArrayList<>();
        states.add(idle.toString());
        for (int i = 0; i < 9; i++) {
            idle.idle();
            states.add(idle.toString());
        }
        assertThat(states)
                .containsExactly(
                        "BackoffIdleStrategy{spins=0/2, yields=0/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=1/2, yields=0/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=0/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=1/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=2/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=3/3, park=1ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=3/3, park=2ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=3/3, park=4ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=3/3, park=8ns (1..8)}",
                        "BackoffIdleStrategy{spins=2/2, yields=3/3, park=8ns (1..8)}");
        idle.reset();
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=0/2, yields=0/3, park=1ns (1..8)}");
    }

    @Test
    void shouldResetOnWorkAndIdleOnNoWork() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(5, 0, 1, 1);
        idle.idle(0);
        idle.idle(-1);
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=2/5, yields=0/0, park=1ns (1..1)}");
        idle.idle(1);
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=0/5, yields=0/0, park=1ns (1..1)}");
        SpinYieldIdleStrategy yielding = new SpinYieldIdleStrategy(1);
        yielding.idle(0);
        assertThat(yielding).hasToString("SpinYieldIdleStrategy{spins=1/1}");
        yielding.idle(3);
        assertThat(yielding).hasToString("SpinYieldIdleStrategy{spins=0/1}");
    }

    @Test
    void shouldSkipStraightToParkingWithNoSpinsOrYields() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 1, 1);
        idle.idle();
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=0/0, yields=0/0, park=1ns (1..1)}");
    }

    @Test
    void shouldRefuseBoundsOutOfRangeAndAcceptTheirEdges() {
        assertThat(new BackoffIdleStrategy(0, 0, 1, 1)).isNotNull();
        assertThatThrownBy(() -> new BackoffIdleStrategy(-1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffIdleStrategy(0, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffIdleStrategy(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffIdleStrategy(0, 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0, 0, 2, 1");
        assertThat(new SpinYieldIdleStrategy(0)).hasToString("SpinYieldIdleStrategy{spins=0/0}");
        assertThatThrownBy(() -> new SpinYieldIdleStrategy(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSpinThenYieldForever() {
        SpinYieldIdleStrategy idle = new SpinYieldIdleStrategy(2);
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            idle.idle();
            states.add(idle.toString());
        }
        assertThat(states)
                .containsExactly(
                        "SpinYieldIdleStrategy{spins=1/2}",
                        "SpinYieldIdleStrategy{spins=2/2}",
                        "SpinYieldIdleStrategy{spins=2/2}",
                        "SpinYieldIdleStrategy{spins=2/2}");
        assertThat(new SpinYieldIdleStrategy()).hasToString("SpinYieldIdleStrategy{spins=0/1000}");
    }

    @Test
    void shouldNameEachStrategyAsTheCommandLineDoes() {
        assertThat(IdleStrategy.named("spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategy.named("yield")).isInstanceOf(SpinYieldIdleStrategy.class);
        assertThat(IdleStrategy.named("backoff"))
                .hasToString("BackoffIdleStrategy{spins=0/10000, yields=0/100, park=1000ns (1000..1000000)}");
        assertThat(IdleStrategy.defaults())
                .hasToString(IdleStrategy.named("backoff").toString());
        assertThatThrownBy(() -> IdleStrategy.named("sleepy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown idle strategy 'sleepy': use spin, yield or backoff");
    }

    @Test
    void shouldDoubleAnOddCapsHalfIntoTheDoubleNotTheCap() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 3, 7);
        idle.idle();
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=0/0, yields=0/0, park=6ns (3..7)}");
        idle.idle();
        assertThat(idle).hasToString("BackoffIdleStrategy{spins=0/0, yields=0/0, park=7ns (3..7)}");
    }
}
