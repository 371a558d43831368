package io.shmlane.relaxed;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Result;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Runs a jcstress test class under the relaxed model: each execution builds a fresh state, runs the
 * actors (and the signal of a termination test) as simulated threads scheduled from the execution's
 * seed, then the arbiter, and matches the result against the test's {@code @Outcome}s as jcstress
 * would. The class must come from a {@link RelaxedClassLoader} (or an agent) for its accesses to be
 * simulated.
 *
 * <p>An execution fails when its outcome is FORBIDDEN (or matches no outcome), when an actor throws,
 * or when two plain accesses race. The first failure is replayed from its seed with a trace of every
 * access, and the result says whether the replay gave the same outcome.
 */
public final class RelaxedRunner {
    /** Outcome of a termination test whose actor did not finish within the step limit. */
    public static final String STALE = "STALE";
    /** Outcome of a termination test whose actor finished. */
    public static final String TERMINATED = "TERMINATED";
    /** Outcome of a continuous test that did not finish within the step limit. */
    public static final String STALLED = "STALLED";
    /**
     * Simulated accesses an execution may make: a termination test whose actor has not ended by then is
     * STALE. The other actors get a turn every 50 accesses at least, on average.
     */
    public static final int DEFAULT_STEP_LIMIT = 3_000;

    private RelaxedRunner() {}

    /** How much to run. */
    public record Settings(
            int executions, long seed, int stepLimit, Duration budget, boolean racesFail, boolean stopAtFailure) {
        public Settings {
            if (executions < 1 || stepLimit < 1) {
                throw new IllegalArgumentException("executions and stepLimit must be positive");
            }
        }

        /**
         * {@code executions} from {@code seed}, {@value #DEFAULT_STEP_LIMIT} simulated accesses each at most, no time limit, and
         * a data race fails the test.
         */
        public static Settings of(final int executions, final long seed) {
            return new Settings(executions, seed, DEFAULT_STEP_LIMIT, Duration.ofDays(1), true, false);
        }

        /** The same, stopping when {@code newBudget} is spent. */
        public Settings withBudget(final Duration newBudget) {
            return new Settings(executions, seed, stepLimit, newBudget, racesFail, stopAtFailure);
        }

        /** The same, ending the run at the first failing execution (hunting: a kill is all that counts). */
        public Settings stoppingAtFailure() {
            return new Settings(executions, seed, stepLimit, budget, racesFail, true);
        }

        /** The same, with data races counted but not failing the test (litmus tests race on purpose). */
        public Settings racesAllowed() {
            return new Settings(executions, seed, stepLimit, budget, false, stopAtFailure);
        }
    }

    /** The seed of execution {@code i} of a run from {@code seed}. */
    public static long executionSeed(final long seed, final long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs {@code test} for the settings' executions, or until its budget is spent. */
    public static RelaxedResult run(final Class<?> test, final Settings settings) {
        TestShape shape = TestShape.of(test);
        Map<String, RelaxedResult.Row> rows = new LinkedHashMap<>();
        long start = System.nanoTime();
        long deadline = start + settings.budget().toNanos();
        int done = 0;
        long races = 0;
        long staleReads = 0;
        long steps = 0;
        Long failureSeed = null;
        String failureOutcome = null;
        String failureReason = null;
        String notSimulated = null;
        try (Workers workers = new Workers(shape.threads(), "relaxed-" + test.getSimpleName())) {
            for (int i = 0; i < settings.executions() && System.nanoTime() < deadline; i++) {
                long seed = executionSeed(settings.seed(), i);
                Run run = shape.execute(seed, settings.stepLimit(), false, workers);
                done++;
                if (run.execution.unsimulated()) {
                    notSimulated = "an actor made no simulated access for 2 s: it waits on memory the model does not"
                            + " cover (a field, a heap buffer), so the test cannot run under the model; natively the"
                            + " execution " + (run.execution.hung() ? "did not end either" : "then ended");
                    break;
                }
                races += run.execution.races();
                staleReads += run.execution.staleReads();
                steps += run.execution.steps();
                Outcome match = shape.match(run.outcome);
                RelaxedResult.Row row = rows.computeIfAbsent(
                        run.outcome, o -> new RelaxedResult.Row(o, expectOf(match), descOf(match)));
                row.add(seed);
                if (failureSeed == null) {
                    String reason = run.failure(match, settings.racesFail());
                    if (reason != null) {
                        failureSeed = seed;
                        failureOutcome = run.outcome;
                        failureReason = reason;
                        if (settings.stopAtFailure()) {
                            break;
                        }
                    }
                }
            }
            List<String> trace = List.of();
            boolean replayed = false;
            if (failureSeed != null && notSimulated == null) {
                Run replay = shape.execute(failureSeed, settings.stepLimit(), true, workers);
                trace = replay.execution.trace();
                replayed = replay.outcome.equals(failureOutcome)
                        && String.valueOf(replay.failure(shape.match(replay.outcome), settings.racesFail()))
                                .equals(failureReason);
            }
            List<RelaxedResult.Row> sorted = new ArrayList<>(rows.values());
            sorted.sort(Comparator.comparing(RelaxedResult.Row::outcome));
            return new RelaxedResult(
                    test.getName(),
                    shape.mode.name(),
                    settings.seed(),
                    done,
                    Duration.ofNanos(System.nanoTime() - start),
                    sorted,
                    races,
                    staleReads,
                    steps,
                    failureSeed,
                    failureOutcome,
                    failureReason,
                    trace,
                    replayed,
                    notSimulated);
        }
    }

    /** Runs the one execution of {@code seed} with a trace: what a failure prints, replayed. */
    public static Replay replay(final Class<?> test, final long seed, final int stepLimit) {
        TestShape shape = TestShape.of(test);
        try (Workers workers = new Workers(shape.threads(), "relaxed-replay")) {
            Run run = shape.execute(seed, stepLimit, true, workers);
            return new Replay(run.outcome, run.failure(shape.match(run.outcome), true), run.execution.trace());
        }
    }

    /** One replayed execution: its outcome, why it failed (or null) and its trace. */
    public record Replay(String outcome, String failure, List<String> trace) {}

    private static Expect expectOf(final Outcome o) {
        return o == null ? Expect.UNKNOWN : o.expect();
    }

    private static String descOf(final Outcome o) {
        return o == null ? "matches no @Outcome" : o.desc();
    }

    /** One execution's outcome. */
    private static final class Run {
        final Execution execution;
        final String outcome;
        final String error;

        Run(final Execution execution, final String outcome, final String error) {
            this.execution = execution;
            this.outcome = outcome;
            this.error = error;
        }

        /** Why this execution fails the test, or null. */
        String failure(final Outcome match, final boolean racesFail) {
            if (error != null) {
                return error;
            }
            if (match == null || match.expect() == Expect.FORBIDDEN || match.expect() == Expect.UNKNOWN) {
                return "outcome [" + outcome + "] is " + (match == null ? "unknown" : "FORBIDDEN: " + match.desc());
            }
            if (racesFail && execution.races() > 0) {
                return execution.firstRace();
            }
            return null;
        }
    }

    /** What a test class consists of: state, result type, actors, arbiter, outcomes. */
    private static final class TestShape {
        final Class<?> test;
        final Mode mode;
        final Class<?> stateType;
        final Class<?> resultType;
        final List<Method> actors;
        final Method arbiter;
        final List<Outcome> outcomes;
        final List<Pattern[]> patterns;

        private TestShape(
                final Class<?> test,
                final Mode mode,
                final Class<?> stateType,
                final Class<?> resultType,
                final List<Method> actors,
                final Method arbiter,
                final List<Outcome> outcomes) {
            this.test = test;
            this.mode = mode;
            this.stateType = stateType;
            this.resultType = resultType;
            this.actors = actors;
            this.arbiter = arbiter;
            this.outcomes = outcomes;
            this.patterns = new ArrayList<>();
            for (Outcome o : outcomes) {
                this.patterns.add(Arrays.stream(o.id()).map(Pattern::compile).toArray(Pattern[]::new));
            }
        }

        static TestShape of(final Class<?> test) {
            JCStressTest annotation = test.getAnnotation(JCStressTest.class);
            if (annotation == null) {
                throw new IllegalArgumentException(test.getName() + " is not a @JCStressTest");
            }
            List<Method> actors = new ArrayList<>();
            Method arbiter = null;
            Method signal = null;
            Class<?> stateType = test.isAnnotationPresent(State.class) ? test : null;
            Class<?> resultType = null;
            List<Method> methods = new ArrayList<>(Arrays.asList(test.getMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            for (Method m : methods) {
                boolean actor = m.isAnnotationPresent(Actor.class);
                boolean isArbiter = m.isAnnotationPresent(Arbiter.class);
                boolean isSignal = m.isAnnotationPresent(Signal.class);
                if (!actor && !isArbiter && !isSignal) {
                    continue;
                }
                for (Class<?> p : m.getParameterTypes()) {
                    if (p.isAnnotationPresent(Result.class)) {
                        resultType = p;
                    } else if (p.isAnnotationPresent(State.class)) {
                        stateType = p;
                    }
                }
                if (actor) {
                    actors.add(m);
                } else if (isArbiter) {
                    arbiter = m;
                } else {
                    signal = m;
                }
            }
            if (signal != null) {
                actors.add(signal);
            }
            if (actors.isEmpty()) {
                throw new IllegalArgumentException(test.getName() + " has no @Actor");
            }
            return new TestShape(
                    test,
                    annotation.value(),
                    stateType,
                    resultType,
                    actors,
                    arbiter,
                    Arrays.asList(test.getAnnotationsByType(Outcome.class)));
        }

        int threads() {
            return actors.size();
        }

        /** The first {@code @Outcome} with an id that matches, else the one without id, else null. */
        Outcome match(final String outcome) {
            Outcome fallback = null;
            for (int i = 0; i < outcomes.size(); i++) {
                Pattern[] ids = patterns.get(i);
                if (ids.length == 0) {
                    fallback = fallback == null ? outcomes.get(i) : fallback;
                }
                for (Pattern p : ids) {
                    if (p.matcher(outcome).matches()) {
                        return outcomes.get(i);
                    }
                }
            }
            return fallback;
        }

        Run execute(final long seed, final int stepLimit, final boolean tracing, final Workers workers) {
            Object instance = newInstance(test);
            Object state = stateType == null || stateType.isInstance(instance) ? instance : newInstance(stateType);
            Object result = resultType == null ? null : newInstance(resultType);
            Execution execution = new Execution(seed, stepLimit, tracing);
            List<String> names = new ArrayList<>();
            List<Runnable> bodies = new ArrayList<>();
            for (Method m : actors) {
                names.add(m.getName());
                Object[] args = arguments(m, state, result);
                bodies.add(() -> invoke(m, instance, args));
            }
            ThreadState[] threads = execution.threads(names, bodies);
            execution.run(workers);
            for (ThreadState t : threads) {
                if (t.failure != null) {
                    return new Run(execution, "ERROR", t.name + " threw " + t.failure);
                }
            }
            if (mode == Mode.Termination) {
                return new Run(execution, execution.stalled() ? STALE : TERMINATED, null);
            }
            if (execution.stalled()) {
                return new Run(execution, STALLED, "no progress within " + stepLimit + " simulated accesses");
            }
            if (arbiter != null) {
                try {
                    invoke(arbiter, instance, arguments(arbiter, state, result));
                } catch (RuntimeException | Error e) {
                    return new Run(execution, "ERROR", "the arbiter threw " + e);
                }
            }
            return new Run(execution, String.valueOf(result), null);
        }

        private Object[] arguments(final Method m, final Object state, final Object result) {
            Class<?>[] types = m.getParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = types[i].isAnnotationPresent(Result.class) ? result : state;
            }
            return args;
        }

        private static Object newInstance(final Class<?> type) {
            try {
                Constructor<?> c = type.getDeclaredConstructor();
                c.setAccessible(true);
                return c.newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot create " + type.getName() + ": " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
            }
        }

        private static void invoke(final Method m, final Object target, final Object[] args) {
            try {
                m.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + m, e);
            }
        }
    }
}
