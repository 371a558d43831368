package io.shmlane.hunt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JDKs on this machine and the JIT modes a hunt varies. */
final class Jdks {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");

    private Jdks() {}

    /** This JVM's JDK and every JDK under /usr/lib/jvm, one per feature version. */
    static List<Path> discover() {
        Map<String, Path> byVersion = new LinkedHashMap<>();
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> dirs = Files.list(jvm)) {
                dirs.sorted().forEach(candidates::add);
            } catch (IOException ignored) {
                // only this JVM then
            }
        }
        for (Path home : candidates) {
            if (Files.isExecutable(home.resolve("bin/javac")) && !Files.isSymbolicLink(home)) {
                byVersion.putIfAbsent(feature(home), home);
            }
        }
        return new ArrayList<>(byVersion.values());
    }

    /** "jdk17", "jdk25": the feature version from the JDK's release file. */
    static String label(final Path home) {
        return "jdk" + feature(home);
    }

    private static String feature(final Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            if (m.find()) {
                return m.group(1).split("[.+-]")[0];
            }
        } catch (IOException ignored) {
            // fall through
        }
        return String.valueOf(home.getFileName());
    }

    /** The JVM flags of a JIT mode. */
    static List<String> jitFlags(final String mode) {
        switch (mode) {
            case "default":
                return List.of();
            case "c1":
                return List.of("-XX:TieredStopAtLevel=1");
            case "nontiered":
                return List.of("-XX:-TieredCompilation");
            case "int":
                return List.of("-Xint");
            default:
                throw new IllegalArgumentException(
                        "unknown JIT mode '" + mode + "': use default, c1, nontiered or int");
        }
    }
}
