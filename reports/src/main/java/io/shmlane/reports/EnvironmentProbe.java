package io.shmlane.reports;

import io.shmlane.reports.model.EnvironmentInfo;
import io.shmlane.results.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine, the JDK, the commit and the build's duration. */
final class EnvironmentProbe {
    private static final long GIT_TIMEOUT_SECONDS = 10;

    private EnvironmentProbe() {}

    static EnvironmentInfo probe(final Path root, final Instant buildStart, final Instant now) {
        String commit = git(root, "rev-parse", "HEAD");
        Boolean dirty = null;
        if (commit != null) {
            String status = git(root, "status", "--porcelain", "--untracked-files=no");
            dirty = status == null ? null : !status.isEmpty();
        }
        Environment jvm = Environment.current();
        return new EnvironmentInfo(
                jvm.jdkVersion(),
                jvm.jdkVendor(),
                jvm.vmName() + " " + jvm.vmVersion(),
                jvm.os(),
                jvm.osVersion(),
                jvm.arch(),
                jvm.cpus(),
                commit == null || commit.isEmpty() ? null : commit,
                dirty,
                buildStart == null ? null : buildStart.toString(),
                buildStart == null ? null : Duration.between(buildStart, now).toMillis() / 1000.0);
    }

    /** The trimmed output of a git command in {@code root}, null when git is missing or fails. */
    private static String git(final Path root, final String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
