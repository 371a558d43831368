package io.shmlane.bench;

import java.io.IOException;
import java.nio.file.Path;

/** Starts one side of a pair: a forked JVM ({@link ProcessLauncher}) or a thread ({@link ThreadLauncher}). */
public interface Launcher {
    /** Starts the side {@code config} describes, its output (READY, RESULT, errors) going to {@code log}. */
    Side start(ChildConfig config, Path log) throws IOException;

    /** A started side. */
    interface Side {
        /** Waits up to {@code millis} for the side to end; true if it has. */
        boolean waitFor(long millis) throws InterruptedException;

        boolean isAlive();

        /** 0 for success; only once the side has ended. */
        int exitCode();

        /** Stops the side if it still runs. */
        void destroy();
    }
}
