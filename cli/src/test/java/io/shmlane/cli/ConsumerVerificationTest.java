package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ring.RingDescriptor;
import io.shmlane.ring.RingProducer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shmlane consumer} fed bad streams (records written by hand into a closed ring): it exits 6
 * and names the first bad message on stderr, with each message counted once.
 */
class ConsumerVerificationTest {
    private static final int SIZE = 48;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final MessageCodec codec = new MessageCodec(SIZE);
    private final byte[] message = new byte[SIZE];
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    /** A closed ring holding Msg-n for each n, each in a record whose sequence is n. */
    private Path ring(final long... ns) {
        return tornRing(-1, 0, ns);
    }

    /** As {@link #ring(long...)}, the payload of the {@code tornAt}-th record zeroed from byte {@code zerosFrom}. */
    private Path tornRing(final int tornAt, final int zerosFrom, final long... ns) {
        Path path = dir.resolve("r" + System.nanoTime() + ".shm");
        try (RingProducer producer = RingProducer.open(path)) {
            for (int i = 0; i < ns.length; i++) {
                int length = codec.encode(ns[i], message, SIZE);
                if (i == tornAt) {
                    Arrays.fill(message, zerosFrom, SIZE, (byte) 0);
                }
                int index = producer.tryClaim(length);
                producer.buffer().put(index, message, 0, length);
                producer.commit();
                // the record's sequence bits, as if the producer had counted ns[i]
                producer.buffer()
                        .order(ByteOrder.nativeOrder())
                        .putInt(
                                index - RingDescriptor.HEADER_LENGTH + RingDescriptor.TAG_OFFSET,
                                RingDescriptor.messageTag(ns[i]));
            }
        }
        return path;
    }

    private int consume(final Path path) {
        return Main.execute("consumer", "--file", path.toString(), "--quiet");
    }

    private String error() {
        return stderr.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void shouldExitZeroOnACleanStream() {
        assertThat(consume(ring(0, 1, 2, 3))).isEqualTo(ExitCodes.OK);
        assertThat(error()).isEmpty();
    }

    @Test
    void shouldRefuseAsCorruptAnAdjacentDuplicate() {
        // records whose sequences do not continue are refused by the library before the checker sees
        // them (exit 3); SequenceCheckerTest pins the checker's own verdict (exit 6) on such streams
        assertThat(consume(ring(0, 1, 1, 2))).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error())
                .startsWith("shmlane: ")
                .contains("is corrupt at position")
                .contains("sequence");
    }

    @Test
    void shouldRefuseAsCorruptADistantDuplicate() {
        // records whose sequences do not continue are refused by the library before the checker sees
        // them (exit 3); SequenceCheckerTest pins the checker's own verdict (exit 6) on such streams
        assertThat(consume(ring(0, 1, 2, 3, 4, 5, 0, 6))).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error())
                .startsWith("shmlane: ")
                .contains("is corrupt at position")
                .contains("sequence");
    }

    @Test
    void shouldRefuseAsCorruptAGap() {
        // records whose sequences do not continue are refused by the library before the checker sees
        // them (exit 3); SequenceCheckerTest pins the checker's own verdict (exit 6) on such streams
        assertThat(consume(ring(0, 1, 3, 4))).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error())
                .startsWith("shmlane: ")
                .contains("is corrupt at position")
                .contains("sequence");
    }

    @Test
    void shouldRefuseAsCorruptASwap() {
        // records whose sequences do not continue are refused by the library before the checker sees
        // them (exit 3); SequenceCheckerTest pins the checker's own verdict (exit 6) on such streams
        assertThat(consume(ring(0, 2, 1, 3))).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error())
                .startsWith("shmlane: ")
                .contains("is corrupt at position")
                .contains("sequence");
    }

    @Test
    void shouldRefuseAsCorruptARestartedSequence() {
        // records whose sequences do not continue are refused by the library before the checker sees
        // them (exit 3); SequenceCheckerTest pins the checker's own verdict (exit 6) on such streams
        assertThat(consume(ring(0, 1, 2, 0, 1, 2))).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error())
                .startsWith("shmlane: ")
                .contains("is corrupt at position")
                .contains("sequence");
    }

    @Test
    void shouldExit6AndNameATornPayloadWhoseTailIsZerosFromEveryPosition() {
        for (int from = 0; from < SIZE; from++) {
            stderr.reset();
            assertThat(consume(tornRing(2, from, 0, 1, 2, 3)))
                    .as("zeros from byte %d", from)
                    .isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(error())
                    .as("zeros from byte %d", from)
                    .isEqualTo("shmlane: verification failed: gaps=0 duplicates=0 reordered=0 torn=1;"
                            + " first torn: the message at sequence 2 (Msg-2 expected) failed its checksum");
        }
    }

    @Test
    void shouldCountATornFirstMessageOnlyAsTorn() {
        assertThat(consume(tornRing(0, 10, 0, 1, 2))).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(error()).contains("gaps=0 duplicates=0 reordered=0 torn=1;");
    }

    @Test
    void shouldRefuseARecordWhoseSequenceWasChangedAsCorrupt() {
        // issue 16 item 8: Msg-0 in a record with sequence 7 gave duplicates=6 that never happened
        Path path = dir.resolve("seq7.shm");
        try (RingProducer producer = RingProducer.open(path)) {
            for (long n = 0; n < 10; n++) {
                int length = codec.encode(n, message, SIZE);
                int index = producer.tryClaim(length);
                producer.buffer().put(index, message, 0, length);
                producer.commit();
                if (n == 0) {
                    producer.buffer()
                            .order(ByteOrder.nativeOrder())
                            .putInt(
                                    index - RingDescriptor.HEADER_LENGTH + RingDescriptor.TAG_OFFSET,
                                    RingDescriptor.messageTag(7));
                }
            }
        }
        // a record sequence that does not follow is refused by the library (exit 3), named by position
        assertThat(consume(path)).isEqualTo(ExitCodes.BAD_CHANNEL);
        assertThat(error()).startsWith("shmlane: ").contains("is corrupt at position");
    }

    @Test
    void shouldTakeTheBatchDeliveredAgainAfterAConsumerDiedBetweenItsTwoStoresAsInOrder() {
        // a ring consumer stores the next sequence, then releases the head: dying between the two
        // leaves the slot a batch ahead of the head, and that batch is (documented) delivered again
        Path path = ring(0, 1, 2, 3, 4);
        try (io.shmlane.ChannelFile file =
                io.shmlane.ChannelFile.openOrCreate(path, io.shmlane.ChannelOptions.ring())) {
            file.buffer()
                    .duplicate()
                    .order(ByteOrder.nativeOrder())
                    .putLong(io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET, 3);
        }
        assertThat(consume(path)).isEqualTo(ExitCodes.OK);
        assertThat(error()).isEmpty();
    }
}
