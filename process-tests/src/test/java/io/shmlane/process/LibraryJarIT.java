package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library jar, {@code protocol/target/shmlane-protocol-VERSION.jar}, is only the library: no class of the command
 * line ({@code io.shmlane.cli}) or of the naive reference ({@code io.shmlane.naive}), nothing that names picocli, a
 * module {@code io.shmlane} that exports the four API packages, and {@code jdeps} finds nothing beyond {@code
 * java.base}.
 */
@ExtendWith(ProcessHarness.Extension.class)
class LibraryJarIT {
    private static final List<String> EXPORTS =
            List.of("io.shmlane", "io.shmlane.idle", "io.shmlane.mailbox", "io.shmlane.ring");

    private static Path libraryJar() {
        Path jar = Paths.get(System.getProperty(
                "process.libraryJar",
                "../protocol/target/shmlane-protocol-" + System.getProperty("process.projectVersion") + ".jar"));
        assertThat(jar)
                .as("the library jar: build it with ./mvnw -pl protocol package")
                .isRegularFile();
        return jar;
    }

    @Test
    void shouldHoldNoCommandLineNaiveOrPicocliClass(final ProcessHarness harness) throws IOException {
        harness.summary().channel("none").detail("case", "protocol jar: no cli, naive or picocli class");
        List<String> offending = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(libraryJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith("io/shmlane/cli/")
                        || name.startsWith("io/shmlane/naive/")
                        || name.startsWith("picocli/")) {
                    offending.add(name);
                }
                if (name.endsWith(".class")) {
                    classes++;
                    // a class that uses picocli names it in its constant pool (ISO-8859-1 keeps every byte)
                    String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (bytes.contains("picocli")) {
                        offending.add(name + " (names picocli)");
                    }
                }
            }
        }

        assertThat(classes).as("classes in the library jar").isPositive();
        assertThat(offending)
                .as("command-line, naive or picocli classes in the library jar")
                .isEmpty();
    }

    @Test
    void shouldBeModuleIoShmlaneExportingTheApiOnly(final ProcessHarness harness) throws IOException {
        harness.summary().channel("none").detail("case", "protocol jar: module-info exports");
        ModuleDescriptor module;
        try (JarFile jar = new JarFile(libraryJar().toFile())) {
            JarEntry info = jar.getJarEntry("module-info.class");
            assertThat(info).as("module-info.class in the library jar").isNotNull();
            module = ModuleDescriptor.read(jar.getInputStream(info));
        }

        assertThat(module.name()).isEqualTo("io.shmlane");
        assertThat(module.exports().stream()
                        .map(ModuleDescriptor.Exports::source)
                        .sorted())
                .containsExactlyElementsOf(EXPORTS);
        assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(module.requires().stream()
                        .map(ModuleDescriptor.Requires::name)
                        .collect(Collectors.toSet()))
                .containsExactly("java.base");
    }

    @Test
    void shouldDependOnJavaBaseOnlyForJdeps(final ProcessHarness harness) {
        harness.summary().channel("none").detail("case", "jdeps --print-module-deps on the protocol jar");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = jdeps.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--print-module-deps",
                libraryJar().toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("java.base");
    }
}
