package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.Role;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks of the harness itself: a child does not outlive the JVM that started it. */
@ExtendWith(ProcessHarness.Extension.class)
class HarnessIT {
    @Test
    void shouldHaltAChildWhenItsParentDies(final ProcessHarness harness) throws IOException {
        // a stand-in for the test JVM: the child watches this process instead
        Process parent = new ProcessBuilder("sleep", "600").start();
        try {
            Path file = harness.file("channel.shm");
            harness.summary().channel("ring").detail("case", "parent killed under a waiting consumer");
            ChildProcess child = harness.javaWatchedBy(
                    "orphan", parent.pid(), "io.shmlane.cli.Main", "consumer", "--file", file.toString());
            harness.awaitWhileAlive("the child to attach", child)
                    .until(() -> ChannelProbe.attached(file, Role.CONSUMER));

            parent.toHandle().destroyForcibly();

            assertThat(harness.awaitExit(child)).as(harness::describeChildren).isEqualTo(ChildMain.ORPHANED);
            assertThat(child.stderrLines()).as(harness::describeChildren).anyMatch(line -> line.contains("is gone"));
        } finally {
            parent.toHandle().destroyForcibly();
        }
    }
}
