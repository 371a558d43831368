package io.shmlane.reports.model;

import java.util.List;

/**
 * The campaign rounds of one JDK and JIT mode.
 *
 * @param jdk the JDK's label ({@code jdk17})
 * @param jit the JIT mode ({@code default}, {@code c1}, {@code nontiered}, {@code int})
 * @param rounds rounds run
 * @param failed rounds that failed
 * @param stopped rounds cut short by the end of the budget or Ctrl-C
 * @param seconds time spent in these rounds
 * @param slices what ran, with how many rounds each ({@code jcstress RingHandOff ×3}), in first-seen order
 */
public record HuntGroup(
        String jdk, String jit, long rounds, long failed, long stopped, double seconds, List<String> slices) {}
