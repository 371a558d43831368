package io.shmlane.idle;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class BackoffIdleStrategyTest {
    /** The park doubles up to the cap and stays there, for any cap up to Long.MAX_VALUE (no overflow into a spin). */
    @Property(tries = 200)
    void shouldDoubleTheParkUpToTheCapAndNeverOverflow(
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long min,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long extra) {
        long max = Math.max(min, Long.MAX_VALUE - extra + 1 >= min ? Long.MAX_VALUE - extra + 1 : min);
        long park = min;
        for (int round = 0; round < 70; round++) {
            long next = BackoffIdleStrategy.doubled(park, max);
            assertThat(next).isBetween(park, max);
            assertThat(next).isEqualTo(park > max / 2 ? max : 2 * park);
            park = next;
        }
        assertThat(park).isEqualTo(max);
    }
}
