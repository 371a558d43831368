package io.shmlane.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A project tree laid out like shmlane's ({@code MODULE/target/...}) in a temporary directory, filled from the
 * recorded fixtures under {@code src/test/resources/fixtures}. The fixtures were recorded in a checkout at {@code
 * /work/main}: the absolute paths inside the JSON summaries are moved to this tree, as a checkout elsewhere would have
 * them.
 */
public final class FixtureProject {
    /** The checkout the fixtures were recorded in. */
    static final String RECORDED_ROOT = "/work/main/";

    private final Path root;

    public FixtureProject(final Path root) {
        this.root = root;
        write(
                "pom.xml",
                """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.shmlane</groupId>
                  <artifactId>shmlane-parent</artifactId>
                  <version>0.1.0-SNAPSHOT</version>
                  <packaging>pom</packaging>
                  <modules>
                    <module>protocol</module>
                    <module>jcstress-tests</module>
                    <module>process-tests</module>
                    <module>reports</module>
                  </modules>
                </project>
                """);
    }

    public Path root() {
        return root;
    }

    /** The path of a fixture file or directory on the test class path. */
    public static Path fixture(final String name) {
        URL url = FixtureProject.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture's text with the recorded checkout's paths moved to this tree. */
    public String rewritten(final String name) {
        try {
            return Files.readString(fixture(name), StandardCharsets.UTF_8).replace(RECORDED_ROOT, root + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a JUnit XML fixture into {@code module/target/surefire-reports/}. */
    public FixtureProject surefire(final String module, final String fixture) {
        return report(module, "surefire-reports", fixture);
    }

    /** Copies a JUnit XML fixture into {@code module/target/failsafe-reports/}. */
    public FixtureProject failsafe(final String module, final String fixture) {
        return report(module, "failsafe-reports", fixture);
    }

    private FixtureProject report(final String module, final String directory, final String fixture) {
        String name = fixture.substring(fixture.lastIndexOf('/') + 1).replaceFirst("^(surefire|failsafe)-", "");
        return copy(fixture, module + "/target/" + directory + "/" + name);
    }

    /** Writes the jcstress summary fixture where the jcstress module writes it. */
    public FixtureProject jcstressSummary(final String fixture) {
        return write("jcstress-tests/target/jcstress-summary.json", rewritten(fixture));
    }

    /** Writes every per-scenario fixture of {@code fixtures/process/process-summary/}. */
    public FixtureProject processScenarios() {
        return processScenarios("process/process-summary");
    }

    /** Writes every per-scenario fixture of {@code fixtures/DIRECTORY/} where the process tests write theirs. */
    public FixtureProject processScenarios(final String directory) {
        try (Stream<Path> files = Files.list(fixture(directory))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                write("process-tests/target/process-summary/" + name, rewritten(directory + "/" + name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The directory the recorded mutant hunt ({@code fixtures/hunt/mutants-summary.json}) was written to. */
    static final String RECORDED_HUNT = "/tmp/hunt-unit3/";

    /**
     * Writes a hunt summary fixture to {@code hunt/target/DIRECTORY/hunt-summary.json}, its recorded paths moved to
     * this tree (the recorded hunt's own directory becomes {@code hunt/target/DIRECTORY/}).
     */
    public FixtureProject hunt(final String fixture, final String directory) {
        String target = "hunt/target/" + directory + "/";
        return write(target + "hunt-summary.json", rewritten(fixture).replace(RECORDED_HUNT, root + "/" + target));
    }

    /** Copies the benchmark result fixtures to {@code benchmarks/target/results/}. */
    public FixtureProject benchmarks() {
        for (String kind : List.of("throughput", "latency", "ratios", "allocation")) {
            copy("benchmarks/results/" + kind + ".json", "benchmarks/target/results/" + kind + ".json");
        }
        return this;
    }

    public FixtureProject copy(final String fixture, final String target) {
        try {
            Path destination = root.resolve(target);
            Files.createDirectories(destination.getParent());
            Files.copy(fixture(fixture), destination, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FixtureProject write(final String target, final String text) {
        try {
            Path destination = root.resolve(target);
            Files.createDirectories(destination.getParent());
            Files.writeString(destination, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets the modification time of every file under {@code relative} (as if an earlier build wrote them). */
    public FixtureProject writtenAt(final String relative, final Instant time) {
        try (Stream<Path> walk = Files.walk(root.resolve(relative))) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            for (Path file : files) {
                Files.setLastModifiedTime(file, FileTime.from(time));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
