package io.shmlane.reports.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the readers share: the project root, the start of the build (to tell this build's results from older ones),
 * where to copy linked files, and the warnings collected on the way.
 */
public final class ReadContext {
    private final Path root;
    private final Instant buildStart;
    private final Artifacts artifacts;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param root the project's root directory
     * @param buildStart the start of the Maven session, null when unknown (then nothing is stale)
     * @param artifacts where linked files are copied
     */
    public ReadContext(final Path root, final Instant buildStart, final Artifacts artifacts) {
        this.root = root;
        this.buildStart = buildStart;
        this.artifacts = artifacts;
    }

    public Path root() {
        return root;
    }

    public Instant buildStart() {
        return buildStart;
    }

    public Artifacts artifacts() {
        return artifacts;
    }

    /** The warnings so far, in order. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void warn(final String warning) {
        warnings.add(warning);
    }

    /** Whether a result written at {@code modified} predates this build. */
    public boolean isStale(final Instant modified) {
        return buildStart != null && modified != null && modified.isBefore(buildStart);
    }

    /** The file's modification time, null when it cannot be read. */
    public static Instant modified(final Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code path} relative to the root when it is inside it, else as given: for messages. */
    public String display(final Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
