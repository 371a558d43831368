package io.shmlane.relaxed;

/**
 * Thrown from a simulated access to unwind an actor whose execution was abandoned (a step limit
 * reached, another actor stuck). Never escapes the runner.
 */
final class ExecutionAbandoned extends Error {
    private static final long serialVersionUID = 1L;

    static final ExecutionAbandoned INSTANCE = new ExecutionAbandoned();

    private ExecutionAbandoned() {
        super("execution abandoned", null, false, false);
    }
}
