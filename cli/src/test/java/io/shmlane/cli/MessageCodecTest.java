package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    @Test
    void shouldDetectEveryByteZeroedOrFlipped() {
        for (int size : new int[] {32, 33, 64, 100}) {
            for (int position = 0; position < size; position++) {
                for (int damage : new int[] {0x00, 0xFF, 0x01}) {
                    int length = codec.encode(12_345, buffer, size);
                    byte before = buffer[position];
                    buffer[position] = damage == 0x01 ? (byte) (before ^ 1) : (byte) damage;
                    if (buffer[position] != before) {
                        assertThat(codec.decode(buffer, length))
                                .as("size %d, byte %d set to %02x", size, position, buffer[position])
                                .isLessThan(0);
                    }
                }
            }
        }
    }

    @Test
    void shouldDetectATornPayloadWhoseTailIsZerosFromEveryPosition() {
        for (int size : new int[] {32, 47, 64, 1024}) {
            for (int from = 0; from < size; from++) {
                int length = codec.encode(98_765, buffer, size);
                Arrays.fill(buffer, from, size, (byte) 0);
                assertThat(codec.decode(buffer, length))
                        .as("size %d, zeros from %d", size, from)
                        .isLessThan(0);
            }
        }
    }

    @Test
    void shouldDetectATornPayloadWhoseTailIsAnotherMessageFromEveryPosition() {
        byte[] other = new byte[64];
        codec.encode(8, other, 64);
        for (int from = 0; from < 64; from++) {
            int length = codec.encode(9, buffer, 64);
            System.arraycopy(other, from, buffer, from, 64 - from);
            if (from > 4) { // Msg-8 and Msg-9 differ from byte 4 on
                assertThat(codec.decode(buffer, length))
                        .as("Msg-8 from %d", from)
                        .isLessThan(0);
            }
        }
    }

    @Test
    void shouldDetectAPayloadCutShortOrExtendedByItsLength() {
        for (int size : new int[] {32, 64, 100}) {
            for (int length = 0; length < size + 16 && length < buffer.length; length++) {
                Arrays.fill(buffer, (byte) 0);
                codec.encode(77, buffer, size);
                assertThat(codec.decode(buffer, size)).isEqualTo(77); // the stream is padded
                if (length != size) {
                    assertThat(codec.decode(buffer, length))
                            .as("size %d read as %d", size, length)
                            .isLessThan(0);
                }
            }
        }
    }

    @Test
    void shouldNotTakeAPaddedMessageCutAfterItsDigitsForBareText() {
        int length = codec.encode(77, buffer, 64);
        assertThat(codec.decode(buffer, length)).isEqualTo(77);
        assertThat(codec.decode(buffer, 6)).isEqualTo(MessageCodec.MALFORMED); // "Msg-77"
        MessageCodec bare = new MessageCodec(64);
        length = bare.encode(77, buffer, 0);
        assertThat(bare.decode(buffer, length)).isEqualTo(77);
        bare.encode(78, buffer, 64);
        assertThat(bare.decode(buffer, 64)).isEqualTo(MessageCodec.MALFORMED);
    }

    @Test
    void shouldRejectNumbersThatAreNeverEncoded() {
        for (String text : new String[] {
            "Msg-007", "Msg-00", "Msg-9999999999999999999", "Msg-99999999999999999999", "Msg--1", "Msg-1 "
        }) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(codec.decode(bytes, bytes.length)).as(text).isLessThan(0);
        }
        byte[] max = Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[4 + max.length];
        System.arraycopy("Msg-".getBytes(StandardCharsets.US_ASCII), 0, text, 0, 4);
        System.arraycopy(max, 0, text, 4, max.length);
        assertThat(codec.decode(text, text.length)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldRefuseAWrongPrefixAndAPaddedTailTooShortForItsChecksumAsMalformed() {
        byte[] wrongPrefix = "Xsg-5".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] shortTail = "Msg-5#abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(new MessageCodec(64).decode(wrongPrefix, wrongPrefix.length)).isEqualTo(MessageCodec.MALFORMED);
        assertThat(new MessageCodec(64).decode(shortTail, shortTail.length)).isEqualTo(MessageCodec.MALFORMED);
    }
}
