package io.shmlane.reports.model;

import java.util.List;

/**
 * One regression hunt, from a {@code hunt/target/hunt*}{@code /hunt-summary.json} (schema 1, documented in {@code
 * hunt/README.md}, "Output").
 *
 * @param file the summary, relative to the project root
 * @param anchor the id of its part of the page
 * @param stale whether the summary predates this build
 * @param resultsFrom ISO-8601 time of the summary file
 * @param generatedAt ISO-8601 time the hunt wrote it, null when unknown
 * @param mode {@code campaign} or {@code mutants}
 * @param budget the time budget as given ({@code 10m})
 * @param elapsedSeconds how long the hunt ran
 * @param interrupted whether it was stopped (Ctrl-C) before its budget was spent
 * @param seed the seed of the draws, null when unknown
 * @param jdks the JDKs it could draw from ({@code jdk17})
 * @param jitModes the JIT modes it could draw from ({@code default}, {@code c1}, ...)
 * @param groups the campaign's rounds per JDK and JIT mode, in first-seen order
 * @param rounds the campaign's rounds, in the order they ran
 * @param mutants the mutants run, survivors first
 * @param mutationScore killed / run, null when no mutant ran
 */
public record HuntRun(
        String file,
        String anchor,
        boolean stale,
        String resultsFrom,
        String generatedAt,
        String mode,
        String budget,
        double elapsedSeconds,
        boolean interrupted,
        Long seed,
        List<String> jdks,
        List<String> jitModes,
        List<HuntGroup> groups,
        List<HuntRound> rounds,
        List<HuntMutant> mutants,
        Double mutationScore) {

    /** Campaign rounds that failed (a failed test, a crash, or a round that could not run). */
    public long failedRounds() {
        return rounds.stream().filter(HuntRound::failed).count();
    }

    /** Mutants some test killed. */
    public long killedMutants() {
        return mutants.stream().filter(HuntMutant::killed).count();
    }

    /** Mutants no test killed. */
    public long survivingMutants() {
        return mutants.size() - killedMutants();
    }
}
