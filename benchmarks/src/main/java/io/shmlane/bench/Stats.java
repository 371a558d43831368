package io.shmlane.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, percentiles, minimum and maximum of a few runs. */
public final class Stats {
    private Stats() {}

    /** The median (the mean of the two middle values for an even count), NaN when empty. */
    public static double median(final List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static double min(final List<Double> values) {
        List<Double> sorted = sorted(values);
        return sorted.isEmpty() ? Double.NaN : sorted.get(0);
    }

    public static double max(final List<Double> values) {
        List<Double> sorted = sorted(values);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    /**
     * The {@code p}-th percentile by nearest rank (the smallest value with at least {@code p} percent of
     * the values at or below it), NaN when empty.
     */
    public static double percentile(final List<Double> values, final double p) {
        List<Double> sorted = sorted(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    private static List<Double> sorted(final List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                sorted.add(v);
            }
        }
        Collections.sort(sorted);
        return sorted;
    }
}
