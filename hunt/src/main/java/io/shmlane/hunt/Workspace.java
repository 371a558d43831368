package io.shmlane.hunt;

import io.shmlane.testsupport.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A scratch copy of the repository's sources (what git tracks or would track), for one mutant. */
final class Workspace {
    private Workspace() {}

    static Path copyOf(final Path root, final Path target) throws IOException {
        Directories.deleteRecursively(target);
        for (String file : sourceFiles(root)) {
            Path from = root.resolve(file);
            if (!Files.isRegularFile(from) || file.startsWith("hunt/target")) {
                continue;
            }
            Path to = target.resolve(file);
            Path dir = to.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }

    private static List<String> sourceFiles(final Path root) throws IOException {
        Process git = new ProcessBuilder("git", "ls-files", "-co", "--exclude-standard", "-z")
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (git.waitFor() != 0) {
                throw new IOException("git ls-files failed in " + root + ": a hunt needs a git checkout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
        return Stream.of(listing.split("\0")).filter(s -> !s.isEmpty()).toList();
    }
}
