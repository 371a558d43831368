package io.shmlane.reports.model;

import java.util.List;

/**
 * The multi-JVM scenarios, from {@code process-tests/target/process-summary/} (schema in {@code
 * process-tests/README.md}).
 *
 * @param stale whether every scenario predates this build
 * @param resultsFrom ISO-8601 time of the newest scenario file
 * @param scenarios one entry per scenario run
 */
public record ProcessRun(boolean stale, String resultsFrom, List<Scenario> scenarios) {

    /** Scenarios whose outcome is {@code failed}. */
    public long failedScenarios() {
        return scenarios.stream().filter(Scenario::failed).count();
    }

    /** Messages over all scenarios. */
    public long messages() {
        return scenarios.stream().mapToLong(Scenario::messages).sum();
    }

    /** kill -9 over all scenarios. */
    public long kills() {
        return scenarios.stream().mapToLong(Scenario::kills).sum();
    }
}
