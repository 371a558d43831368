package io.shmlane.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * PIT's results over the protocol module checked against the committed list of equivalent mutants: the counts, the
 * scores and every mutant no test killed with its reason. Made by {@link PitCheck}; written into the hunt's summary.
 *
 * @param mutations all mutants
 * @param killed mutants a test detected (killed, timed out, out of memory, crashed)
 * @param survived mutants every covering test let pass
 * @param noCoverage mutants no test covered
 * @param timedOut mutants whose tests timed out (counted as killed)
 * @param mutationScore killed over all, null without mutants
 * @param testStrength killed over covered, null without covered mutants
 * @param unjustified unkilled mutants the list does not justify
 * @param unkilled every unkilled mutant, in the order of PIT's report
 * @param unusedEquivalents the list's entries that justified no mutant
 */
public record PitSummary(
        long mutations,
        long killed,
        long survived,
        long noCoverage,
        long timedOut,
        Double mutationScore,
        Double testStrength,
        long unjustified,
        List<Unkilled> unkilled,
        List<String> unusedEquivalents) {

    /**
     * A mutant no test killed.
     *
     * @param status {@code SURVIVED} or {@code NO_COVERAGE}
     * @param mutatedClass the mutated class's binary name
     * @param method PIT's method name
     * @param line the line number
     * @param mutator the simple name of PIT's mutator
     * @param description PIT's description of the change
     * @param code the mutated source line, stripped; null when the source is not there
     * @param equivalent the list's reason, null when unjustified
     */
    public record Unkilled(
            String status,
            @JsonProperty("class") String mutatedClass,
            String method,
            int line,
            String mutator,
            String description,
            String code,
            String equivalent) {}
}
