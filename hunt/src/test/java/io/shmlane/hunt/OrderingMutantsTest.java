package io.shmlane.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated ordering mutants cover every ordered access of the protocol with each weaker mode,
 * apply to the current source, and the list of equivalent ones names only mutants that exist.
 */
class OrderingMutantsTest {
    private static final Path ROOT =
            Path.of(System.getProperty("hunt.root", "..")).toAbsolutePath().normalize();
    private static final Pattern ORDERED =
            Pattern.compile("\\b(?:INT|LONG)\\.(getAcquire|setRelease|getVolatile|setVolatile|getOpaque|setOpaque)\\(");

    @Test
    void everyOrderedAccessHasEachWeakerModeAsAMutant() throws IOException {
        List<Mutant> mutants = OrderingMutants.generate(ROOT);
        long expected = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve(OrderingMutants.SOURCES))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String relative = ROOT.relativize(f).toString();
                if (relative.contains("/naive/") || relative.contains("/cli/")) {
                    continue;
                }
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher m = ORDERED.matcher(line.replaceFirst("//.*$", ""));
                    while (m.find()) {
                        expected +=
                                m.group(1).contains("Volatile") || m.group(1).contains("Opaque") ? 1 : 2;
                    }
                }
            }
        }
        assertThat(mutants).hasSize((int) expected).hasSizeGreaterThan(30);
        assertThat(mutants.stream().map(Mutant::name).collect(Collectors.toSet()))
                .hasSameSizeAs(mutants);
        assertThat(mutants).anySatisfy(m -> assertThat(m.name()).startsWith("ring-RingProducer-commit-"));
    }

    @Test
    void eachAppliesExactlyOnceAndWeakensOneAccess() throws IOException {
        for (Mutant m : OrderingMutants.generate(ROOT)) {
            String source = Files.readString(ROOT.resolve(m.file()), StandardCharsets.UTF_8);
            String mutated = m.applyTo(source);
            assertThat(mutated).as(m.name()).isNotEqualTo(source);
            assertThat(mutated.length()).as(m.name()).isLessThanOrEqualTo(source.length());
        }
    }

    @Test
    void theMutantThatCommitsARingRecordWithAPlainStoreIsGenerated() {
        String source = "    public void commit() {\n"
                + "        LONG.setRelease(buffer, claimedRecordIndex + HEADER_WORD_OFFSET, word);\n"
                + "    }\n";
        List<Mutant> mutants =
                OrderingMutants.generate("protocol/src/main/java/io/shmlane/ring/RingProducer.java", source);
        assertThat(mutants)
                .extracting(Mutant::name)
                .containsExactly(
                        "ring-RingProducer-commit-setRelease-to-set",
                        "ring-RingProducer-commit-setRelease-to-setOpaque");
        assertThat(mutants.get(0).applyTo(source)).contains("LONG.set(buffer, claimedRecordIndex");
    }

    @Test
    void everyListedEquivalentIsAGeneratedMutantWithAReason() {
        Set<String> names =
                OrderingMutants.generate(ROOT).stream().map(Mutant::name).collect(Collectors.toSet());
        Map<String, String> equivalents = OrderingEquivalents.read(ROOT.resolve(OrderingEquivalents.FILE));
        assertThat(equivalents).isNotEmpty();
        equivalents.forEach((name, reason) -> {
            assertThat(names).as("listed in " + OrderingEquivalents.FILE).contains(name);
            assertThat(reason).as(name).hasSizeGreaterThan(40);
        });
    }
}
