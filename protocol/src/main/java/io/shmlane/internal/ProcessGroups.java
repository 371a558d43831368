package io.shmlane.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The group ids this process belongs to (real, effective and supplementary), read from {@code
 * /proc/self/status}; unknown (empty) where that file does not exist, as on macOS.
 */
public final class ProcessGroups {
    private static final Path STATUS = Paths.get("/proc/self/status");

    private ProcessGroups() {}

    /** This process's group ids, or empty when the platform does not tell. */
    public static Optional<Set<Integer>> ids() {
        if (!Files.isReadable(STATUS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readAllLines(STATUS, StandardCharsets.US_ASCII)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The ids on the {@code Gid:} and {@code Groups:} lines of a {@code /proc/PID/status} file. */
    public static Set<Integer> parse(final Iterable<String> statusLines) {
        Set<Integer> ids = new HashSet<>();
        for (String line : statusLines) {
            if (line.startsWith("Gid:") || line.startsWith("Groups:")) {
                for (String id : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    if (!id.isEmpty()) {
                        ids.add(Integer.parseInt(id));
                    }
                }
            }
        }
        return ids;
    }
}
