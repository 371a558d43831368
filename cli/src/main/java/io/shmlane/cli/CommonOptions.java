package io.shmlane.cli;

import io.shmlane.ChannelException;
import io.shmlane.ChannelOptions;
import io.shmlane.FileModes;
import io.shmlane.idle.IdleStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Option(
            names = "--mode",
            paramLabel = "OCTAL",
            description = "Permissions of the file when creating it (default 0600: only you), whatever the umask;"
                    + " 0660 shares it with the file's group on purpose, and then accepts a group-writable file.")
    String mode;

    @Option(
            names = "--allow-owner",
            paramLabel = "USER",
            description = "Also use a channel file owned by USER (repeatable). By default a file owned by another"
                    + " user is refused.")
    List<String> allowOwners = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    /** The library options these flags ask for; not for the naive channel. */
    ChannelOptions toChannelOptions() {
        if (attachTimeoutSeconds < 0) {
            throw new IllegalArgumentException("--attach-timeout must not be negative: " + attachTimeoutSeconds);
        }
        ChannelOptions options = ChannelOptions.of(channel.kind())
                .withAttachTimeout(Duration.ofNanos((long) (attachTimeoutSeconds * 1e9)));
        if (mode != null) {
            try {
                options = options.withPermissions(FileModes.parseOctal(mode));
            } catch (ChannelException e) {
                throw new IllegalArgumentException("--mode " + mode + ": " + e.getMessage(), e);
            }
        }
        for (String owner : allowOwners) {
            options = options.withAllowedOwner(owner);
        }
        return capacity != null ? options.withCapacity(capacity) : options;
    }

    IdleStrategy idleStrategy() {
        return IdleStrategy.named(idle);
    }
}
