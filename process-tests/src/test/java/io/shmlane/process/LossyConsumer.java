package io.shmlane.process;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelException;
import io.shmlane.ChannelOptions;
import io.shmlane.Channels;
import io.shmlane.MessageHandler;
import io.shmlane.idle.IdleStrategy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A deliberately broken consumer for the black-box self-check: it reads a shmlane ring like the
 * real one but does not print {@code Consumed: Msg-K} for one message K, as if it had lost it.
 *
 * <pre>
 *   LossyConsumer FILE K
 * </pre>
 */
public final class LossyConsumer {
    private LossyConsumer() {}

    public static void main(final String[] args) {
        Path file = Paths.get(args[0]);
        long dropped = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                true,
                StandardCharsets.UTF_8);
        byte[] payload = new byte[ChannelOptions.DEFAULT_RING_CAPACITY / 8];
        MessageHandler handler = (sequence, buffer, index, length) -> {
            buffer.get(index, payload, 0, length);
            long n = parse(payload, length);
            if (n != dropped) {
                out.println("Consumed: Msg-" + n);
            }
        };
        try (ChannelConsumer consumer = Channels.openConsumer(file, ChannelOptions.ring())) {
            IdleStrategy idle = IdleStrategy.named("backoff");
            while (consumer.receive(handler, 256, idle) != ChannelConsumer.END_OF_STREAM) {
                // until the end of the stream
            }
        } catch (ChannelException e) {
            out.flush();
            System.err.println("lossy-consumer: " + e.getMessage());
            System.exit(e.reason() == ChannelException.Reason.PEER_DIED ? 5 : 3);
        }
        out.flush();
    }

    /** N of a payload that starts with "Msg-N", else -1. */
    private static long parse(final byte[] payload, final int length) {
        if (length < 5 || payload[0] != 'M' || payload[1] != 's' || payload[2] != 'g' || payload[3] != '-') {
            return -1;
        }
        long n = 0;
        for (int i = 4; i < length && payload[i] >= '0' && payload[i] <= '9'; i++) {
            n = n * 10 + (payload[i] - '0');
        }
        return n;
    }
}
