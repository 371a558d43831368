package io.shmlane.reports;

import io.shmlane.testsupport.Directories;
import io.shmlane.testsupport.ProcessTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A headless Chromium run as a command: {@code --dump-dom} (the DOM after the page's scripts ran) or {@code
 * --screenshot}, with the page's console written to stderr ({@code --enable-logging=stderr}). Every run gets a new
 * profile directory, deleted afterwards.
 */
final class Chromium {
    /** The property that names the browser; else the first of {@link #NAMES} on the PATH. */
    static final String PROPERTY = "report.chromium";

    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    /** Chromium writes each console message as {@code ...:INFO:CONSOLE:12] "text", source: ...} (older: CONSOLE(12)). */
    static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0");

    private final Path executable;

    private Chromium(final Path executable) {
        this.executable = executable;
    }

    /** The browser named by {@value #PROPERTY}, else the first of {@link #NAMES} on the PATH; empty when none. */
    static Optional<Chromium> find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(new Chromium(path)) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String directory : pathVariable.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /**
     * The output of one run.
     *
     * @param exitCode the browser's exit status
     * @param stdout what it printed (the DOM, for {@code --dump-dom})
     * @param stderr its log, with the page's console messages
     */
    record Result(int exitCode, String stdout, String stderr) {
        /** The page's console messages: errors, warnings and logs alike (the page itself logs nothing). */
        List<String> console() {
            return stderr.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
        }
    }

    /** Loads {@code page} and returns its DOM after the scripts ran. */
    Result dumpDom(final Path page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom"), page);
    }

    /** Loads {@code page} in a window of {@code width} x {@code height} and saves a PNG of it to {@code png}. */
    Result screenshot(final Path page, final Path png, final int width, final int height)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height), page);
    }

    private Result run(final List<String> arguments, final Path page) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("report-chromium");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + work.resolve("profile"));
            command.addAll(arguments);
            command.add(page.toAbsolutePath().toUri().toString());
            Path out = work.resolve("stdout");
            Path err = work.resolve("stderr");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTrees.killAndWait(process, 10);
                throw new IOException("Chromium did not finish within " + TIMEOUT + ": " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
