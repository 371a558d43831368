package io.shmlane.bench;

import io.shmlane.testsupport.JavaCommand;
import io.shmlane.testsupport.ProcessTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forks each side as its own JVM: the same {@code java} and class path as this one, a small heap and
 * the serial collector (nothing allocates on the measured paths; one GC thread instead of several
 * leaves the two cores to the benchmark). Agrona runs as its own benchmarks run it, with bounds
 * checks off ({@code -Dagrona.disable.bounds.checks=true}) unless asked otherwise.
 */
public final class ProcessLauncher implements Launcher {
    private final List<String> jvmArgs;
    private final boolean agronaBoundsChecks;

    public ProcessLauncher(final List<String> jvmArgs, final boolean agronaBoundsChecks) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.agronaBoundsChecks = agronaBoundsChecks;
    }

    /** The JVM options every side gets. */
    public static List<String> baseJvmArgs() {
        return List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx64m");
    }

    /**
     * The options for the Agrona sides: Agrona 2 reaches {@code jdk.internal.misc.Unsafe}, which its
     * documentation opens with {@value #AGRONA_OPENS}.
     */
    public static List<String> agronaJvmArgs(final boolean boundsChecks) {
        List<String> args = new ArrayList<>(List.of("--add-opens", AGRONA_OPENS));
        if (!boundsChecks) {
            args.add("-Dagrona.disable.bounds.checks=true");
        }
        return args;
    }

    /** What Agrona 2 needs opened. */
    public static final String AGRONA_OPENS = "java.base/jdk.internal.misc=ALL-UNNAMED";

    @Override
    public Side start(final ChildConfig config, final Path log) throws IOException {
        List<String> flags = new ArrayList<>(baseJvmArgs());
        if (config.transport() == Transport.AGRONA) {
            flags.addAll(agronaJvmArgs(agronaBoundsChecks));
        }
        flags.addAll(jvmArgs);
        Process process = JavaCommand.of(Child.class.getName())
                .withJvmFlags(flags)
                .withArguments(config.toArgs())
                .processBuilder()
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Side() {
            @Override
            public boolean waitFor(final long millis) throws InterruptedException {
                return process.waitFor(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public boolean isAlive() {
                return process.isAlive();
            }

            @Override
            public int exitCode() {
                return process.exitValue();
            }

            @Override
            public void destroy() {
                ProcessTrees.kill(process.toHandle());
            }
        };
    }
}
