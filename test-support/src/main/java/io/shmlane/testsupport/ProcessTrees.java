package io.shmlane.testsupport;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process and everything it started (a Maven build's forked test JVMs, a shell's commands), children first
 * so that none is left behind re-parented. Through {@link ProcessHandle}s: {@link Process#destroyForcibly()} would
 * also close the pipes the caller may still be reading.
 */
public final class ProcessTrees {
    private ProcessTrees() {}

    /** kill -9 of every descendant of {@code root}, then of {@code root}; does not wait. */
    public static void kill(final ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    /** {@link #kill(ProcessHandle)} of {@code process}'s tree, then waits up to {@code seconds} for it to end. */
    public static boolean killAndWait(final Process process, final long seconds) throws InterruptedException {
        kill(process.toHandle());
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }
}
