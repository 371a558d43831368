package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line parser every delivery check reads children's output through. */
class OutputCaptureTest {
    @TempDir
    Path dir;

    private OutputCapture capture(final String text) {
        OutputCapture capture = new OutputCapture(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), dir.resolve("out.log"), "test");
        capture.run();
        return capture;
    }

    @Test
    void shouldParseProducedConsumedAndTornLines() {
        OutputCapture capture =
                capture("Produced: Msg-0\nProduced: Msg-1\r\nConsumed: Msg-0\nTorn: sequence 1\nConsumed: Msg-1\n");

        assertThat(capture.produced().toArray()).containsExactly(0, 1);
        assertThat(capture.consumed().toArray()).containsExactly(0, 1);
        assertThat(capture.tornCount()).isEqualTo(1);
        assertThat(capture.malformedConsumedCount()).isZero();
    }

    @Test
    void shouldCountConsumedLinesThatNameNoMessageInsteadOfDroppingThem() {
        OutputCapture capture = capture("Consumed: Msg-0\nConsumed: Msg-1x\nConsumed: Msg-\nConsumed: hello\n"
                + "Consumed: Msg-1234567890123456789012\nConsumed: Msg-1\n");

        assertThat(capture.consumed().toArray()).containsExactly(0, 1);
        assertThat(capture.malformedConsumedCount()).isEqualTo(4);
    }

    @Test
    void shouldMakeTheDeliveryCheckFailOnMalformedConsumedLines() {
        OutputCapture capture = capture("Consumed: Msg-0\nConsumed: Msg-1 garbage\nConsumed: Msg-1\n");
        DeliveryReport report = DeliveryCheck.expectingRange(2)
                .delivered("c1", capture.consumed())
                .malformedLines(capture.malformedConsumedCount())
                .run();

        assertThat(report.unexpected).isEqualTo(1);
        assertThat(report.exactlyOnceInOrder()).isFalse();
        assertThat(report.problems()).containsExactly("first unexpected: 1 'Consumed:' lines name no Msg-N");
    }
}
