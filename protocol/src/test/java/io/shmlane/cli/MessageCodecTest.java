package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec(1024);
    private final byte[] buffer = new byte[1024];

    @Test
    void shouldRoundTripPaddedMessages() {
        for (long n : new long[] {0, 7, 123_456_789, Long.MAX_VALUE}) {
            for (int size : new int[] {32, 33, 100, 1024}) {
                int length = codec.encode(n, buffer, size);
                assertThat(length).isEqualTo(size);
                assertThat(new String(buffer, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("Msg-");
                assertThat(codec.decode(buffer, length)).isEqualTo(n);
            }
        }
    }

    @Test
    void shouldWriteBareTextForSizeZero() {
        int length = codec.encode(42, buffer, 0);
        assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII)).isEqualTo("Msg-42");
        assertThat(codec.decode(buffer, length)).isEqualTo(42);
    }

    @Test
    void shouldDetectTornPayloads() {
        int length = codec.encode(5, buffer, 64);
        byte[] other = new byte[64];
        codec.encode(6, other, 64);
        System.arraycopy(other, 30, buffer, 30, 20); // half of one message, half of another
        assertThat(codec.decode(buffer, length)).isEqualTo(MessageCodec.BAD_CHECKSUM);
    }

    @Test
    void shouldRejectMalformedPayloads() {
        byte[] junk = "hello world, no message here".getBytes(StandardCharsets.US_ASCII);
        assertThat(codec.decode(junk, junk.length)).isEqualTo(MessageCodec.MALFORMED);
        assertThat(codec.decode(buffer, 0)).isEqualTo(MessageCodec.MALFORMED);
        byte[] noDigits = "Msg-#xxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        assertThat(codec.decode(noDigits, noDigits.length)).isEqualTo(MessageCodec.MALFORMED);
    }
}
