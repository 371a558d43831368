package io.shmlane.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    private final Format format = new Format();

    @Test
    void shouldWriteDurationsInTheLargestUsefulUnit() {
        assertThat(format.duration(0.074)).isEqualTo("0.07 s");
        assertThat(format.duration(14.287)).isEqualTo("14.3 s");
        assertThat(format.duration(218.059)).isEqualTo("3 min 38 s");
        assertThat(format.duration(3723.0)).isEqualTo("1 h 02 min");
        assertThat(format.duration(null)).isEqualTo("?");
    }

    @Test
    void shouldWriteRatesLatenciesAndSizesCompactly() {
        assertThat(format.rate(12_150_000.0)).isEqualTo("12.15 M");
        assertThat(format.rate(455_000.0)).isEqualTo("455.0 k");
        assertThat(format.nanos(181.0)).isEqualTo("181 ns");
        assertThat(format.nanos(9_100.0)).isEqualTo("9.10 µs");
        assertThat(format.nanos(2_210_000.0)).isEqualTo("2.2 ms");
        assertThat(format.bytes(4096)).isEqualTo("4 KiB");
        assertThat(format.bytes(32)).isEqualTo("32 B");
    }

    @Test
    void shouldWriteSharesChangesAndTimes() {
        assertThat(format.percent(100.0)).isEqualTo("100.00 %");
        assertThat(format.percent(0.0012)).isEqualTo("0.0012 %");
        assertThat(format.percent(0)).isEqualTo("0 %");
        assertThat(format.change(-17.695)).isEqualTo("-17.7 %");
        assertThat(format.change(3.0)).isEqualTo("+3.0 %");
        assertThat(format.time("2026-11-29T04:55:45.053997620Z")).isEqualTo("2026-11-29 04:55:45 UTC");
        assertThat(format.time("")).isEqualTo("?");
        assertThat(format.commit("4c4dd5025f8e0123456789")).isEqualTo("4c4dd5025f8e");
        assertThat(format.commit(null)).isEqualTo("unknown");
    }
}
