package io.shmlane.reports.model;

/**
 * A mutant no test killed.
 *
 * @param status {@code SURVIVED} or {@code NO_COVERAGE}
 * @param mutatedClass the class's binary name
 * @param method the method ({@code <init>} for a constructor)
 * @param line its line when PIT ran
 * @param mutator the simple name of PIT's mutator
 * @param description what PIT changed ({@code changed conditional boundary})
 * @param code the mutated source line as it reads now, null when the source is not there
 * @param reason why it is equivalent, from the list; null when unjustified
 */
public record PitSurvivor(
        String status,
        String mutatedClass,
        String method,
        int line,
        String mutator,
        String description,
        String code,
        String reason) {

    /** The class without its package. */
    public String simpleClass() {
        return mutatedClass.substring(mutatedClass.lastIndexOf('.') + 1);
    }
}
