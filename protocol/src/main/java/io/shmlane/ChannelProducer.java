package io.shmlane;

import io.shmlane.idle.IdleStrategy;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * The writing side of a channel. One thread per producer; one producer per channel file, enforced
 * across processes. Every message gets the next 64-bit sequence number.
 */
public interface ChannelProducer extends AutoCloseable {
    /** How often a blocked {@code send} looks at the file's size and the thread's interrupt flag. */
    long CHECK_INTERVAL_NANOS = 50_000_000L;

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset} as one message, if there is room.
     *
     * @return false when the channel is full (the consumer has not caught up); nothing was written
     * @throws IllegalArgumentException when {@code length} is negative or above {@link #maxMessageLength()}
     */
    boolean offer(byte[] src, int offset, int length);

    /**
     * Writes the bytes of {@code src} between its position and limit as one message, if there is room.
     * The position of {@code src} is left as it was.
     *
     * @return false when the channel is full; nothing was written
     */
    boolean offer(ByteBuffer src);

    /** The sequence number the next message will get. */
    long nextSequence();

    /** Largest payload in bytes. */
    int maxMessageLength();

    /** The mapped file, or null for a wrapped buffer. */
    ChannelFile file();

    /** What is known of the consumer; a system call, keep it off hot paths. */
    default PeerStatus consumerStatus() {
        return file() != null ? file().peerStatus(Role.CONSUMER) : PeerStatus.ALIVE;
    }

    /**
     * Sends one message, waiting with {@code idle} until there is room. Waits for as long as it takes,
     * also while no consumer is attached (a restarted consumer resumes); checks every {@value
     * #CHECK_INTERVAL_NANOS} ns that the file was not truncated and the thread not interrupted.
     *
     * @throws ChannelException TRUNCATED, CORRUPT or INTERRUPTED
     */
    default void send(final byte[] src, final int offset, final int length, final IdleStrategy idle) {
        send(src, offset, length, idle, ChannelConsumer.NEVER_STOP);
    }

    /**
     * {@link #send(byte[], int, int, IdleStrategy)} that also gives up when {@code stop} says so.
     * {@code stop} is asked on every idle round, before any check that makes a system call, so a stop
     * (a signal handler raising a flag) needs no interrupt: an interrupt that reaches a thread inside
     * {@code FileChannel} I/O closes the channel, and with it the role's lock.
     *
     * @return true when the message was sent, false when stopped before it could be
     * @throws ChannelException TRUNCATED, CORRUPT or INTERRUPTED
     */
    default boolean send(
            final byte[] src, final int offset, final int length, final IdleStrategy idle, final BooleanSupplier stop) {
        try {
            if (offer(src, offset, length)) {
                return true;
            }
            idle.reset();
            // the clock is read only every 16 failed offers and first then
            long nextCheck = 0;
            int waits = 0;
            while (!offer(src, offset, length)) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                idle.idle();
                if ((++waits & 15) == 0) {
                    long now = System.nanoTime();
                    if (waits == 16) {
                        nextCheck = now + CHECK_INTERVAL_NANOS;
                    } else if (now - nextCheck >= 0) {
                        nextCheck = now + CHECK_INTERVAL_NANOS;
                        checkWhileWaiting(file());
                    }
                }
            }
            return true;
        } catch (InternalError fault) {
            throw ChannelBuffers.translate(file(), fault);
        }
    }

    private static void checkWhileWaiting(final ChannelFile file) {
        // the interrupt first: a system call on an interrupted thread closes the file
        if (Thread.interrupted()) {
            throw new ChannelException(
                    ChannelException.Reason.INTERRUPTED,
                    "interrupted while waiting for room in " + ChannelBuffers.describe(file));
        }
        if (file != null) {
            file.checkNotTruncated();
        }
    }

    /**
     * Releases the producer role without ending the stream, as a crash would: a consumer keeps what
     * it has not read, and a new producer may attach and continue the sequence.
     */
    void detach();

    /** Ends the stream: the consumer drains what was sent and then sees the end. Releases the role. */
    @Override
    void close();
}
