package io.shmlane.results;

import java.util.Map;

/**
 * One process scenario's run, {@code process-tests/target/process-summary/<scenario>.json} (documented in {@code
 * process-tests/README.md}).
 *
 * @param schemaVersion {@link ResultFiles#SCHEMA_VERSION} when written
 * @param scenario {@code TestClass.method} and, for a parameterized test, {@code [display name]}
 * @param testClass the test class's simple name
 * @param testMethod the test method
 * @param channel the channel kind ({@code ring}, {@code mailbox}, {@code naive})
 * @param outcome {@link Outcome#PASS}, {@link Outcome#FAIL} or {@link Outcome#SKIPPED}
 * @param failure the failure's first line, null when it passed
 * @param messages messages sent and checked
 * @param lost messages never delivered
 * @param duplicated messages delivered twice
 * @param reordered messages out of order
 * @param torn messages whose payload failed its checksum
 * @param redelivered messages delivered again after a consumer's restart
 * @param kills children killed by the test
 * @param seconds the scenario's wall time
 * @param seed the run's seed ({@code -Dprocess.seed})
 * @param scale the run's scale ({@code -Dprocess.scale})
 * @param java {@code java.version} of the test JVM
 * @param logDir the scenario's log directory, an absolute path
 * @param details scenario-specific facts: numbers, texts, booleans or lists of them
 */
public record ScenarioResult(
        int schemaVersion,
        String scenario,
        String testClass,
        String testMethod,
        String channel,
        Outcome outcome,
        String failure,
        long messages,
        long lost,
        long duplicated,
        long reordered,
        long torn,
        long redelivered,
        long kills,
        double seconds,
        Long seed,
        Integer scale,
        String java,
        String logDir,
        Map<String, Object> details) {}
