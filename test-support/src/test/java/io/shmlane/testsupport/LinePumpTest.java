package io.shmlane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePumpTest {
    @TempDir
    Path temp;

    @Test
    void shouldCopyEveryLineAfterTheHeadingAndHandEachToTheListener() throws IOException, InterruptedException {
        Path log = temp.resolve("child.log");
        List<String> seen = new CopyOnWriteArrayList<>();
        byte[] output = "one\r\ntwo\nlast without end".getBytes(StandardCharsets.UTF_8);

        LinePump pump = LinePump.start(
                new ByteArrayInputStream(output), log, List.of("java -cp x Main", ""), seen::add, "test-pump");

        assertThat(pump.awaitEnd(30_000)).isTrue();
        assertThat(seen).containsExactly("one", "two", "last without end");
        assertThat(pump.lines()).isEqualTo(3);
        assertThat(pump.failure()).isNull();
        assertThat(Files.readAllLines(log)).containsExactly("java -cp x Main", "", "one", "two", "last without end");
    }
}
