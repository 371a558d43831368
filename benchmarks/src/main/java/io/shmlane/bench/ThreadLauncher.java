package io.shmlane.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs each side as a daemon thread of this JVM: the same code as a forked side without the JVM
 * start-up, for the smoke test. Numbers from it mean nothing (one JIT, one heap, shared caches).
 */
public final class ThreadLauncher implements Launcher {
    @Override
    public Side start(final ChildConfig config, final Path log) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8);
        int[] status = {-1};
        Thread thread = new Thread(
                () -> {
                    try {
                        Child.run(config, out);
                        status[0] = 0;
                    } catch (Throwable t) {
                        t.printStackTrace(out);
                        status[0] = 1;
                    } finally {
                        out.close();
                    }
                },
                "bench-" + config.role() + "-" + config.transport().label());
        thread.setDaemon(true);
        thread.start();
        return new Side() {
            @Override
            public boolean waitFor(final long millis) throws InterruptedException {
                thread.join(Math.max(1, millis));
                return !thread.isAlive();
            }

            @Override
            public boolean isAlive() {
                return thread.isAlive();
            }

            @Override
            public int exitCode() {
                return status[0];
            }

            @Override
            public void destroy() {
                thread.interrupt();
            }
        };
    }
}
