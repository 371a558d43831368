package io.shmlane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The echo side of a latency run counts its CPU share over the pinging side's recorded time only. */
class CpuShareTest {
    @Test
    void shouldNotStartTheEchoSideBeforeThePingersWarmUpHasPassedSinceTheFirstMessage() {
        CpuShare share = new CpuShare();
        for (int message = 0; message < 1000; message++) {
            share.startAfterWarmup(TimeUnit.HOURS.toNanos(1));
        }
        assertThat(share.started()).isFalse();
        assertThat(share.stop()).isNaN();
    }

    @Test
    void shouldStartTheEchoSideAtTheFirstMessageAfterTheWarmUp() {
        CpuShare share = new CpuShare();
        share.startAfterWarmup(0);
        assertThat(share.started())
                .as("the first message only marks where the warm-up begins")
                .isFalse();
        share.startAfterWarmup(0);
        assertThat(share.started()).isTrue();
        long spinUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        while (System.nanoTime() - spinUntil < 0) {
            share.startAfterWarmup(0); // started once: later calls change nothing
        }
        assertThat(share.stop()).isBetween(0.0, 1.0);
    }
}
