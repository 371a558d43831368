package io.shmlane.relaxed;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One execution under the relaxed model: the simulated memory of every direct buffer its actors
 * touch, their vector clocks, and the scheduler that lets exactly one of them run at a time and
 * switches between them at memory accesses, every choice drawn from one seeded random source so that
 * a seed replays the same execution.
 *
 * <p>The model (the module's README has it in full, with the litmus outcomes): every store is kept,
 * per byte, in modification order (the order stores execute in). A load may return any store that
 * is not older than both the newest store that happens before it and the store its thread last read
 * or wrote there (coherence); which one is drawn at random, biased by the execution's staleness. A
 * release store carries its thread's vector clock; an acquire load that reads it joins that clock
 * (synchronizes-with). Volatile accesses also join one global clock, so they are totally ordered.
 * Plain accesses that conflict without happens-before between them are data races and reported.
 */
final class Execution {
    static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();

    private static final int SPINS = 2_000;
    private static final long WATCHDOG_NANOS = 2_000_000_000L;
    private static final double[] SWITCH = {0.02, 0.1, 0.3, 0.6};
    private static final double[] PLAIN_STALENESS = {0.0, 0.3, 0.7, 1.0};
    private static final double[] ORDERED_STALENESS = {0.0, 0.3, 0.5};

    final long seed;
    private final SplittableRandom random;
    private final int stepLimit;
    final double switchProbability;
    final double plainStaleness;
    final double orderedStaleness;
    private final List<String> trace;

    private ThreadState[] threads = new ThreadState[0];
    private final Map<ByteBuffer, BufferState> buffers = new IdentityHashMap<>();
    private long[] scClock;
    private long order;
    private volatile int steps;
    private int unfinished;
    private volatile boolean free;
    private boolean hung;
    private boolean stalled;
    private int staleReads;
    private String firstRace;
    private int races;

    /** Scratch of {@link #load}: only the running thread uses them. */
    private final ByteHistory[][] scratchHistories = new ByteHistory[9][];

    private final int[] scratchBounds = new int[8];

    private volatile int running = -1;
    private volatile boolean abandoned;
    private volatile boolean allDone;
    private volatile Thread driver;

    Execution(final long seed, final int stepLimit, final boolean tracing) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.stepLimit = stepLimit;
        this.switchProbability = SWITCH[random.nextInt(SWITCH.length)];
        this.plainStaleness = PLAIN_STALENESS[random.nextInt(PLAIN_STALENESS.length)];
        this.orderedStaleness = ORDERED_STALENESS[random.nextInt(ORDERED_STALENESS.length)];
        this.trace = tracing ? new ArrayList<>() : null;
    }

    /** Creates the simulated threads; {@link #run} hands them to {@code workers}. */
    ThreadState[] threads(final List<String> names, final List<Runnable> bodies) {
        threads = new ThreadState[names.size()];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new ThreadState(i, names.get(i), this, bodies.get(i), threads.length);
        }
        scClock = new long[threads.length];
        return threads;
    }

    // ---------------------------------------------------------------- scheduling

    /** Runs every thread to its end (or until abandoned) on {@code workers}; returns when all are done. */
    void run(final Workers workers) {
        driver = Thread.currentThread();
        unfinished = threads.length;
        running = random.nextInt(threads.length);
        if (trace != null) {
            trace.add(String.format(
                    "execution seed=%d: switch probability %.2f, plain staleness %.1f, ordered staleness %.1f",
                    seed, switchProbability, plainStaleness, orderedStaleness));
        }
        workers.start(threads);
        int spins = 0;
        while (!allDone && spins < SPINS) {
            spins++;
            Thread.onSpinWait();
        }
        int seen = -1;
        long since = System.nanoTime();
        while (!allDone) {
            LockSupport.parkNanos(this, 10_000_000L);
            int now = steps;
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (!free && System.nanoTime() - since > WATCHDOG_NANOS) {
                // the running thread makes no simulated access: it spins on memory the model does not
                // cover (a field, a heap buffer). Let every thread run natively so that it can end.
                free = true;
                since = System.nanoTime();
                for (ThreadState t : threads) {
                    LockSupport.unpark(t.thread);
                }
            } else if (free && System.nanoTime() - since > 5 * WATCHDOG_NANOS) {
                hung = true;
                return;
            }
        }
    }

    /**
     * Whether a thread made no simulated access for a while, so the execution let its threads run
     * natively: its test waits on memory the model does not cover.
     */
    boolean unsimulated() {
        return free;
    }

    /** Whether even native execution did not end: the workers are lost. */
    boolean hung() {
        return hung;
    }

    void awaitTurn(final ThreadState me) {
        int spins = 0;
        while (running != me.id && !free) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        if (abandoned) {
            throw ExecutionAbandoned.INSTANCE;
        }
    }

    synchronized void finished(final ThreadState me) {
        me.finished = true;
        unfinished--;
        if (unfinished == 0) {
            running = -1;
            allDone = true;
            LockSupport.unpark(driver);
            return;
        }
        if (!free) {
            handTo(pickOther(me));
        }
    }

    private void handTo(final ThreadState next) {
        running = next.id;
        LockSupport.unpark(next.thread);
    }

    private ThreadState pickOther(final ThreadState me) {
        int candidates = me.finished ? unfinished : unfinished - 1;
        int k = random.nextInt(candidates);
        for (ThreadState t : threads) {
            if (t != me && !t.finished && k-- == 0) {
                return t;
            }
        }
        throw new IllegalStateException("no thread to run");
    }

    /** Called before every simulated access: counts the step and maybe lets another thread run first. */
    private void step(final ThreadState me) {
        if (abandoned) {
            throw ExecutionAbandoned.INSTANCE;
        }
        if (++steps > stepLimit) {
            stalled = true;
            abandoned = true;
            if (trace != null) {
                trace.add("#" + steps + " step limit reached in " + me.name + ": execution abandoned");
            }
            throw ExecutionAbandoned.INSTANCE;
        }
        if (unfinished > 1 && random.nextDouble() < switchProbability) {
            handTo(pickOther(me));
            awaitTurn(me);
        }
    }

    // ---------------------------------------------------------------- memory

    private BufferState state(final ByteBuffer buffer) {
        BufferState state = buffers.get(buffer);
        if (state == null) {
            state = new BufferState(buffer, "buffer" + buffers.size(), threads.length);
            buffers.put(buffer, state);
        }
        return state;
    }

    /**
     * A load of {@code size} bytes at {@code address}, returned with byte {@code k} in bits
     * {@code 8k..8k+7}. One access: all its bytes come from one point of the modification order, so
     * an aligned access of up to 8 bytes is single-copy atomic.
     */
    long load(final ThreadState t, final ByteBuffer buffer, final int address, final int size, final AccessMode mode) {
        step(t);
        BufferState state = state(buffer);
        if (mode == AccessMode.VOLATILE) {
            ThreadState.join(t.clock, scClock);
        }
        ByteHistory[] histories = scratchHistories[size];
        if (histories == null) {
            histories = new ByteHistory[size];
            scratchHistories[size] = histories;
        }
        int[] bounds = scratchBounds;
        long floor = 0;
        long newest = 0;
        for (int k = 0; k < size; k++) {
            ByteHistory h = state.history(address + k);
            histories[k] = h;
            bounds[k] = h.lowerBound(t.id, t.clock);
            floor = Math.max(floor, h.get(bounds[k]).order);
            newest = Math.max(newest, h.newest().order);
        }
        long chosen = newest;
        if (mode != AccessMode.VOLATILE && floor < newest) {
            double staleness = mode == AccessMode.PLAIN ? plainStaleness : orderedStaleness;
            if (staleness > 0 && random.nextDouble() < staleness) {
                chosen = pickStale(histories, floor, newest);
            }
        }
        long bits = 0;
        StringBuilder from = trace != null ? new StringBuilder() : null;
        Store previous = null;
        for (int k = 0; k < size; k++) {
            ByteHistory h = histories[k];
            int i = h.newestAtOrBefore(chosen);
            Store s = h.get(i);
            bits |= (long) s.byteAt(address + k) << (8 * k);
            h.coherence[t.id] = i;
            if (s != previous) {
                synchronize(t, s, mode);
                if (from != null) {
                    from.append(from.length() == 0 ? "" : ", ").append(describe(s));
                }
                previous = s;
            }
            if (mode == AccessMode.PLAIN) {
                checkRead(t, h, state, address + k);
            }
        }
        if (mode == AccessMode.VOLATILE) {
            ThreadState.join(scClock, t.clock);
        }
        if (chosen < newest) {
            staleReads++;
        }
        if (trace != null) {
            trace.add(String.format(
                    "#%d %-10s load  %-8s %s[%d..%d] = %s  from %s%s",
                    steps,
                    t.name,
                    mode.label(),
                    state.name,
                    address,
                    address + size - 1,
                    hex(bits, size),
                    from,
                    chosen < newest ? "  STALE: a newer store exists (" + newerStores(histories, chosen) + ")" : ""));
        }
        return bits;
    }

    private long pickStale(final ByteHistory[] histories, final long floor, final long newest) {
        long[] candidates = new long[16];
        int n = 0;
        for (ByteHistory h : histories) {
            for (int i = h.count() - 1; i >= 0; i--) {
                long o = h.get(i).order;
                if (o < floor) {
                    break;
                }
                if (o < newest && !contains(candidates, n, o)) {
                    if (n == candidates.length) {
                        candidates = Arrays.copyOf(candidates, n * 2);
                    }
                    candidates[n++] = o;
                }
            }
        }
        if (n == 0) {
            return newest;
        }
        // floor itself is always a candidate: it is the store some byte must at least return
        return candidates[random.nextInt(n)];
    }

    private static boolean contains(final long[] values, final int n, final long value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static void synchronize(final ThreadState t, final Store s, final AccessMode mode) {
        if (s.releaseClock == null) {
            return;
        }
        if (mode == AccessMode.ACQUIRE || mode == AccessMode.VOLATILE) {
            ThreadState.join(t.clock, s.releaseClock);
        } else {
            ThreadState.join(t.pendingAcquire, s.releaseClock);
        }
    }

    /** A store of {@code size} bytes at {@code address}, byte {@code k} taken from bits {@code 8k..8k+7}. */
    void store(
            final ThreadState t,
            final ByteBuffer buffer,
            final int address,
            final int size,
            final long bits,
            final AccessMode mode) {
        step(t);
        if (mode == AccessMode.VOLATILE) {
            ThreadState.join(t.clock, scClock);
        }
        append(t, state(buffer), address, size, bits, mode);
        if (mode == AccessMode.VOLATILE) {
            ThreadState.join(scClock, t.clock);
        }
    }

    private void append(
            final ThreadState t,
            final BufferState state,
            final int address,
            final int size,
            final long bits,
            final AccessMode mode) {
        boolean releasing = mode == AccessMode.RELEASE || mode == AccessMode.VOLATILE;
        long[] releaseClock = releasing ? t.clock.clone() : t.fenceRelease;
        Store s = new Store(++order, t.id, t.clock[t.id], releaseClock, mode, address, size, bits, steps);
        for (int k = 0; k < size; k++) {
            ByteHistory h = state.history(address + k);
            if (mode == AccessMode.PLAIN) {
                checkWrite(t, h, state, address + k);
                h.lastPlainStore = s;
            }
            h.coherence[t.id] = h.append(s);
            // the real memory always holds the newest store: code outside the simulation reads it
            state.buffer.put(address + k, (byte) (bits >>> (8 * k)));
        }
        if (releasing) {
            t.clock[t.id]++;
        }
        if (trace != null) {
            trace.add(String.format(
                    "#%d %-10s store %-8s %s[%d..%d] = %s  (store %d)",
                    steps, t.name, mode.label(), state.name, address, address + size - 1, hex(bits, size), s.order));
        }
    }

    /** A volatile compare-and-set: reads the newest value and, if it is {@code expected}, stores {@code bits}. */
    boolean compareAndSet(
            final ThreadState t,
            final ByteBuffer buffer,
            final int address,
            final int size,
            final long expected,
            final long bits) {
        step(t);
        BufferState state = state(buffer);
        ThreadState.join(t.clock, scClock);
        long current = 0;
        for (int k = 0; k < size; k++) {
            ByteHistory h = state.history(address + k);
            Store s = h.newest();
            current |= (long) s.byteAt(address + k) << (8 * k);
            h.coherence[t.id] = h.count() - 1;
            synchronize(t, s, AccessMode.VOLATILE);
        }
        boolean success = current == expected;
        if (success) {
            append(t, state, address, size, bits, AccessMode.VOLATILE);
        } else if (trace != null) {
            trace.add(String.format(
                    "#%d %-10s cas   volatile %s[%d..%d] failed: %s, not %s",
                    steps, t.name, state.name, address, address + size - 1, hex(current, size), hex(expected, size)));
        }
        ThreadState.join(scClock, t.clock);
        return success;
    }

    /** {@code VarHandle.fullFence}, {@code acquireFence} and {@code releaseFence}. */
    void fence(final ThreadState t, final boolean acquire, final boolean release, final boolean sequential) {
        step(t);
        if (acquire) {
            ThreadState.join(t.clock, t.pendingAcquire);
        }
        if (sequential) {
            ThreadState.join(t.clock, scClock);
        }
        if (release) {
            t.fenceRelease = t.clock.clone();
            t.clock[t.id]++;
        }
        if (sequential) {
            ThreadState.join(scClock, t.clock);
        }
        if (trace != null) {
            trace.add("#" + steps + " " + t.name + " fence" + (acquire ? " acquire" : "") + (release ? " release" : "")
                    + (sequential ? " full" : ""));
        }
    }

    // ---------------------------------------------------------------- data races

    private void checkRead(final ThreadState t, final ByteHistory h, final BufferState state, final int address) {
        Store w = h.lastPlainStore;
        if (w != null && w.thread != t.id && w.thread != Store.INITIAL && !w.happensBefore(t.clock)) {
            race(
                    state,
                    address,
                    "plain load by " + t.name + " (step " + steps + ")",
                    "plain store by " + threads[w.thread].name + " (step " + w.step + ")");
        }
        h.plainReadEpoch[t.id] = t.clock[t.id];
        h.plainReadStep[t.id] = steps;
    }

    private void checkWrite(final ThreadState t, final ByteHistory h, final BufferState state, final int address) {
        for (int u = 0; u < threads.length; u++) {
            if (u != t.id && h.plainReadEpoch[u] > t.clock[u]) {
                race(
                        state,
                        address,
                        "plain store by " + t.name + " (step " + steps + ")",
                        "plain load by " + threads[u].name + " (step " + h.plainReadStep[u] + ")");
            }
        }
        Store w = h.lastPlainStore;
        if (w != null && w.thread != t.id && w.thread != Store.INITIAL && !w.happensBefore(t.clock)) {
            race(
                    state,
                    address,
                    "plain store by " + t.name + " (step " + steps + ")",
                    "plain store by " + threads[w.thread].name + " (step " + w.step + ")");
        }
    }

    /** Counts a race; whether it is to be described (the first one, or every one in a trace). */
    private boolean reportRace() {
        if (firstRace != null && trace == null) {
            races++;
            return false;
        }
        return true;
    }

    private void race(final BufferState state, final int address, final String access, final String other) {
        races++;
        String message = "data race on " + state.name + "[" + address + "]: " + access + " and " + other
                + ", neither happens before the other";
        if (firstRace == null) {
            firstRace = message;
        }
        if (trace != null) {
            trace.add("#" + steps + " RACE " + message);
        }
    }

    // ---------------------------------------------------------------- results

    boolean stalled() {
        return stalled;
    }

    int steps() {
        return steps;
    }

    int staleReads() {
        return staleReads;
    }

    int races() {
        return races;
    }

    String firstRace() {
        return firstRace;
    }

    List<String> trace() {
        return trace;
    }

    private String describe(final Store s) {
        if (s.thread == Store.INITIAL) {
            return "initial contents";
        }
        return "store " + s.order + " by " + threads[s.thread].name + " (" + s.mode.label() + ", step " + s.step + ")";
    }

    private String newerStores(final ByteHistory[] histories, final long chosen) {
        StringBuilder sb = new StringBuilder();
        for (ByteHistory h : histories) {
            for (int i = h.count() - 1; i >= 0 && h.get(i).order > chosen; i--) {
                String d = describe(h.get(i));
                if (sb.indexOf(d) < 0) {
                    sb.append(sb.length() == 0 ? "" : "; ").append(d);
                }
            }
        }
        return sb.toString();
    }

    private static String hex(final long bits, final int size) {
        StringBuilder sb = new StringBuilder("0x");
        for (int k = size - 1; k >= 0; k--) {
            sb.append(String.format("%02x", (bits >>> (8 * k)) & 0xFF));
        }
        return sb.toString();
    }
}
