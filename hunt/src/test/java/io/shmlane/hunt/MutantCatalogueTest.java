package io.shmlane.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps every mutant applicable as the code evolves: each one's lines occur exactly once in the
 * current source, and the mutated file still compiles. A refactoring that breaks a mutant fails here,
 * with the mutant's name, until the catalogue is updated.
 */
class MutantCatalogueTest {
    private static final Path ROOT =
            Path.of(System.getProperty("hunt.root", "..")).toAbsolutePath().normalize();
    private static final List<Mutant> CATALOGUE = Mutant.catalogue(ROOT.resolve("hunt/mutants"));

    @TempDir
    static Path scratch;

    @Test
    void shouldHoldAtLeastTenDocumentedMutants() {
        assertThat(CATALOGUE).hasSizeGreaterThanOrEqualTo(10);
        assertThat(CATALOGUE)
                .allSatisfy(m -> assertThat(m.description()).as(m.name()).hasSizeGreaterThan(40));
    }

    @TestFactory
    List<DynamicTest> shouldApplyExactlyOnceAndCompile() {
        return CATALOGUE.stream()
                .map(mutant -> DynamicTest.dynamicTest(mutant.name(), () -> assertAppliesAndCompiles(mutant)))
                .toList();
    }

    @Test
    void shouldRefuseMutantWhoseLinesAreGone() throws IOException {
        Path file = scratch.resolve("gone.mutant");
        Files.writeString(file, "# a test\nfile: X.java\n--- find\nno such line\n--- replace\nother\n");
        Mutant mutant = Mutant.read(file);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mutant.applyTo("class X {}\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mutant gone no longer applies");
    }

    private static void assertAppliesAndCompiles(final Mutant mutant) throws IOException {
        Path source = ROOT.resolve(mutant.file());
        String original = Files.readString(source, StandardCharsets.UTF_8);
        String mutated = mutant.applyTo(original);
        assertThat(mutated).isNotEqualTo(original);

        Path dir = Files.createDirectories(scratch.resolve(mutant.name()));
        // the copy keeps its package's directory: it patches the library's module (protocol has a module-info)
        Path patch = dir.resolve("patch");
        Path copy = patch.resolve(ROOT.resolve("protocol/src/main/java").relativize(source));
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, mutated, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        boolean compiled = javac.getTask(
                        errors,
                        files,
                        null,
                        List.of(
                                "--release",
                                "17",
                                "-proc:none",
                                "-d",
                                dir.resolve("classes").toString(),
                                "-sourcepath",
                                ROOT.resolve("protocol/src/main/java").toString(),
                                "--patch-module",
                                "io.shmlane=" + patch),
                        null,
                        files.getJavaFileObjects(copy))
                .call();
        assertThat(compiled)
                .as("mutant %s compiles:%n%s", mutant.name(), errors)
                .isTrue();
    }
}
