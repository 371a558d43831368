package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.JCStressTest;

class TestCatalogTest {
    private final TestCatalog catalog = TestCatalog.load();

    @Test
    void shouldListEveryJcstressTestClassCompiledInThisModule() throws IOException, URISyntaxException {
        Path classes = Path.of(TestCatalog.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String binaryName = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (!binaryName.startsWith("io.shmlane.jcstress.") || binaryName.contains("_jcstress")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(binaryName, false, getClass().getClassLoader());
                    if (type.isAnnotationPresent(JCStressTest.class)) {
                        annotated.add(type.getCanonicalName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + binaryName, e);
                }
            }
        }

        assertThat(annotated).hasSizeGreaterThanOrEqualTo(20);
        assertThat(catalog.entries().keySet()).containsExactlyInAnyOrderElementsOf(annotated);
    }

    @Test
    void shouldLeaveSelfCheckFixturesOutUnlessAsked() {
        assertThat(catalog.select(".*", false)).noneMatch(name -> name.startsWith(TestCatalog.SELF_CHECK_PACKAGE));
        assertThat(catalog.select("AlwaysForbidden", false)).isEmpty();
        assertThat(catalog.select("AlwaysForbidden", true))
                .containsExactly("io.shmlane.jcstress.selfcheck.AlwaysForbidden");
    }

    @Test
    void shouldSelectByFindingTheRegexInTheName() {
        assertThat(catalog.select("MailboxHandOff.Publication", false))
                .containsExactly("io.shmlane.jcstress.mailbox.MailboxHandOff.Publication");
        assertThat(catalog.select("RingHandOff.Full$", false))
                .containsExactly("io.shmlane.jcstress.ring.RingHandOff.Full");
        assertThat(catalog.select("NoSuchTest", false)).isEmpty();
    }

    @Test
    void shouldRejectRegexThatDoesNotCompile() {
        assertThatThrownBy(() -> catalog.select("Mailbox(", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jcstress.tests");
    }

    @Test
    void shouldMatchExactlyTheSelectedNames() {
        List<String> names = List.of("a.B.C", "a.B.D$x");
        Pattern exact = Pattern.compile(TestCatalog.exactly(names));

        assertThat(exact.matcher("a.B.C").find()).isTrue();
        assertThat(exact.matcher("a.B.D$x").find()).isTrue();
        assertThat(exact.matcher("a.B.CC").find()).isFalse();
        assertThat(exact.matcher("a.BxC").find()).isFalse();
    }

    @Test
    void shouldMarkNaiveVariantsAsReferenceButNotTheFix() {
        assertThat(catalog.entry("io.shmlane.jcstress.naive.NaiveReference.Publication")
                        .isReference())
                .isTrue();
        assertThat(catalog.entry("io.shmlane.jcstress.naive.NaiveReference.SpinOnPlainField")
                        .isReference())
                .isTrue();
        assertThat(catalog.entry("io.shmlane.jcstress.header.HeaderHandshake.PlainVersionRead")
                        .isReference())
                .isTrue();
        assertThat(catalog.entry("io.shmlane.jcstress.naive.NaiveReference.SpinOnOpaqueField")
                        .isReference())
                .isFalse();
        assertThat(catalog.entry("io.shmlane.jcstress.mailbox.MailboxHandOff.Publication")
                        .isReference())
                .isFalse();
    }
}
