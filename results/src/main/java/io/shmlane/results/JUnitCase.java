package io.shmlane.results;

/**
 * One test case of a Surefire or Failsafe XML report.
 *
 * @param className the {@code classname} attribute
 * @param name the {@code name} attribute
 * @param status {@code PASSED}, {@code FAILED}, {@code ERROR} or {@code SKIPPED}
 * @param seconds the {@code time} attribute
 * @param message the failure's, error's or skip's message, null when none
 * @param type the exception type of a failure or error, null when none
 * @param detail the stack trace of a failure or error, null when none
 * @param flaky whether it passed only on a rerun
 */
public record JUnitCase(
        String className,
        String name,
        String status,
        double seconds,
        String message,
        String type,
        String detail,
        boolean flaky) {

    /** Whether the case failed or errored. */
    public boolean failed() {
        return "FAILED".equals(status) || "ERROR".equals(status);
    }
}
