package io.shmlane.cli;

import io.shmlane.ChannelOptions;
import io.shmlane.idle.IdleStrategy;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by {@code producer} and {@code consumer}. */
final class CommonOptions {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The channel file.")
    Path file;

    @Option(
            names = "--channel",
            defaultValue = "ring",
            paramLabel = "KIND",
            description = "ring (default), mailbox, or naive (the known-broken reference).")
    ChannelType channel;

    @Option(
            names = "--capacity",
            paramLabel = "BYTES",
            description = "Size when creating: ring data area (power of two, default 1 MiB, messages up to"
                    + " capacity/8) or mailbox slot (default 1024). Given, an existing file must match.")
    Integer capacity;

    @Option(
            names = "--idle",
            defaultValue = "backoff",
            paramLabel = "STRATEGY",
            description = "How to wait: spin, yield or backoff (default; kind to a 2-core machine).")
    String idle;

    @Option(
            names = "--attach-timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "How long to wait for a creator to publish the header (default 5).")
    double attachTimeoutSeconds;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    /** The library options these flags ask for; not for the naive channel. */
    ChannelOptions toChannelOptions() {
        if (attachTimeoutSeconds < 0) {
            throw new IllegalArgumentException("--attach-timeout must not be negative: " + attachTimeoutSeconds);
        }
        ChannelOptions options = ChannelOptions.of(channel.kind())
                .withAttachTimeout(Duration.ofNanos((long) (attachTimeoutSeconds * 1e9)));
        return capacity != null ? options.withCapacity(capacity) : options;
    }

    IdleStrategy idleStrategy() {
        return IdleStrategy.named(idle);
    }
}
