package io.shmlane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTreesTest {
    @Test
    void shouldKillTheProcessAndWhatItStarted() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300 & wait").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (shell.descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<ProcessHandle> children = shell.descendants().toList();
        assertThat(children).hasSize(2);

        assertThat(ProcessTrees.killAndWait(shell, 30)).isTrue();

        for (ProcessHandle child : children) {
            assertThat(child.onExit()
                            .completeOnTimeout(null, 30, TimeUnit.SECONDS)
                            .join())
                    .as("child %d ended", child.pid())
                    .isNotNull();
            assertThat(child.isAlive()).isFalse();
        }
    }
}
