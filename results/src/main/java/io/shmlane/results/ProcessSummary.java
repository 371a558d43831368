package io.shmlane.results;

import java.util.List;

/**
 * All process scenarios of a run, {@code process-tests/target/process-summary.json}: the per-scenario files put
 * together.
 *
 * @param schemaVersion {@link ResultFiles#SCHEMA_VERSION} when written
 * @param scenarios the scenarios, in file name order
 */
public record ProcessSummary(int schemaVersion, List<ScenarioResult> scenarios) {}
