package io.shmlane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeNamesAndDirectoriesTest {
    @TempDir
    Path temp;

    @Test
    void shouldTurnEveryRunOfOtherCharactersIntoOneUnderscore() {
        assertThat(SafeNames.of("ConsumerCrashIT.shouldLose[ring]")).isEqualTo("ConsumerCrashIT.shouldLose_ring_");
        assertThat(SafeNames.of("jcstress RingHandOff on jdk17/c1")).isEqualTo("jcstress_RingHandOff_on_jdk17_c1");
        assertThat(SafeNames.of("a_b-c.d")).isEqualTo("a_b-c.d");
    }

    @Test
    void shouldDeleteATreeAndAcceptOneThatIsNotThere() throws IOException {
        Path tree = temp.resolve("a");
        Files.createDirectories(tree.resolve("b/c"));
        Files.writeString(tree.resolve("b/c/file"), "x");
        Files.writeString(tree.resolve("top"), "y");

        Directories.deleteRecursively(tree);
        Directories.deleteRecursively(temp.resolve("missing"));

        assertThat(tree).doesNotExist();
    }
}
