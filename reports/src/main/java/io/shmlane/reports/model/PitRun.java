package io.shmlane.reports.model;

import java.util.List;

/**
 * PIT's mutation testing of the library and the command line ({@code ./mvnw -pl protocol,cli -Ppit verify}), from
 * {@code protocol/} and {@code cli/target/pit-reports/mutations.xml}, with the reasons of each module's {@code
 * pit-equivalents.txt}.
 *
 * @param file the XML reports read, relative to the project root, comma-separated
 * @param stale whether one of them predates this build
 * @param resultsFrom ISO-8601 time of the newest XML report
 * @param mutations every mutant PIT made
 * @param killed mutants a test detected (killed, or its tests timed out, ran out of memory or crashed)
 * @param survived mutants that every covering test passed on
 * @param noCoverage mutants on code that no test runs
 * @param timedOut of {@code killed}, those detected by a timeout
 * @param mutationScore killed / mutations, null when there are none
 * @param testStrength killed / (mutations - noCoverage), null when no mutant was covered
 * @param unjustified survivors (and uncovered mutants) with no reason in the equivalents list
 * @param survivors every mutant no test killed, the unjustified first
 * @param equivalentsFile the committed lists of equivalent mutants, relative to the project root, comma-separated
 */
public record PitRun(
        String file,
        boolean stale,
        String resultsFrom,
        long mutations,
        long killed,
        long survived,
        long noCoverage,
        long timedOut,
        Double mutationScore,
        Double testStrength,
        long unjustified,
        List<PitSurvivor> survivors,
        String equivalentsFile) {}
