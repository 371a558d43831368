package io.shmlane.results;

import java.util.List;

/**
 * {@code hunt/target/hunt/hunt-summary.json}: one regression hunt (documented in {@code hunt/README.md}, "Output").
 *
 * @param schemaVersion {@link ResultFiles#SCHEMA_VERSION} when written
 * @param generatedAt ISO-8601 time of writing
 * @param mode {@code campaign}, {@code mutants} or {@code pit}
 * @param budget the time budget as given
 * @param elapsedSeconds the hunt's wall time
 * @param interrupted whether Ctrl-C, SIGTERM or the budget cut it short
 * @param seed the seed of the campaign's draws
 * @param jdks the JDKs hunted on
 * @param jitModes the JIT modes drawn from
 * @param jcstressMode the jcstress mode of the rounds
 * @param rounds the rounds (campaign, pit), in order
 * @param mutants the mutants (mutants), in catalogue order
 * @param mutationScore killed mutants over all, null without mutants
 * @param pit the PIT check (pit), null otherwise
 */
public record HuntSummary(
        int schemaVersion,
        String generatedAt,
        String mode,
        String budget,
        Double elapsedSeconds,
        Boolean interrupted,
        Long seed,
        List<String> jdks,
        List<String> jitModes,
        String jcstressMode,
        List<Round> rounds,
        List<Mutant> mutants,
        Double mutationScore,
        PitSummary pit) {

    /**
     * One round of a campaign, or one stage of a mutant: a Maven command and what it found.
     *
     * @param command the command, with its {@code JAVA_HOME}
     * @param replay the command to replay it, with its directory
     * @param log the build's output, an absolute path
     * @param exitCode the build's exit status, null when it did not end by itself
     * @param outcome {@link Outcome#PASS}, {@link Outcome#FAIL}, {@link Outcome#ERROR} or {@link Outcome#STOPPED}
     * @param failures the failed tests and what else went wrong
     * @param seconds its wall time
     * @param jdk the JDK's label (a campaign round)
     * @param jit the JIT mode (a campaign round)
     * @param slice the slice of the suite (a campaign round)
     * @param seed the round's seed (a campaign round)
     * @param stage the stage (a mutant's stage)
     */
    public record Round(
            String command,
            String replay,
            String log,
            Integer exitCode,
            Outcome outcome,
            List<String> failures,
            Double seconds,
            String jdk,
            String jit,
            String slice,
            Long seed,
            String stage) {

        /** Whether it failed: a failing test, a hang, a build that broke; a stopped round did not. */
        public boolean failed() {
            return outcome != null && outcome.failed();
        }

        /** This round with the campaign's draw. */
        public Round drawn(final String jdkLabel, final String jitMode, final String sliceName, final Long roundSeed) {
            return new Round(
                    command, replay, log, exitCode, outcome, failures, seconds, jdkLabel, jitMode, sliceName, roundSeed,
                    stage);
        }

        /** This round as a mutant's stage. */
        public Round asStage(final String stageName) {
            return new Round(
                    command, replay, log, exitCode, outcome, failures, seconds, jdk, jit, slice, seed, stageName);
        }

        /** This round with another outcome and failures. */
        public Round judged(final Outcome newOutcome, final List<String> newFailures) {
            return new Round(
                    command,
                    replay,
                    log,
                    exitCode,
                    newOutcome,
                    List.copyOf(newFailures),
                    seconds,
                    jdk,
                    jit,
                    slice,
                    seed,
                    stage);
        }
    }

    /**
     * One mutant of the catalogue.
     *
     * @param name its name
     * @param description what it breaks
     * @param file the file it changes
     * @param killed whether a stage killed it
     * @param equivalent why no test can kill it, when it survived and is listed as equivalent
     * @param killers the failures that killed it, each prefixed by its stage
     * @param secondsToKill from the mutant's first stage to the stage that killed it
     * @param stages the stages run
     */
    public record Mutant(
            String name,
            String description,
            String file,
            Boolean killed,
            String equivalent,
            List<String> killers,
            Double secondsToKill,
            List<Round> stages) {}
}
