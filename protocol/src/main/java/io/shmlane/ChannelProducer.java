package io.shmlane;

import io.shmlane.idle.IdleStrategy;
import io.shmlane.internal.ChannelLayout;
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
     * Never blocks. The message is visible to the consumer when this returns true.
     *
     * @param src the payload's array
     * @param offset index of the first payload byte in {@code src}
     * @param length payload bytes, from 0 to {@link #maxMessageLength()}
     * @return true when the message was written, with the sequence {@link #nextSequence()} had before
     *     the call; false when the channel is full (the consumer has not caught up), and nothing was
     *     written
     * @throws IllegalArgumentException when {@code length} is negative or above {@link #maxMessageLength()}
     * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not lie within {@code src}
     * @throws IllegalStateException when this producer was closed or detached (the role may be another
     *     producer's by now)
     * @throws ChannelException CORRUPT when the consumer's shared position or flag is impossible;
     *     TRUNCATED when a periodic size check finds the file shrunk
     */
    boolean offer(byte[] src, int offset, int length);

    /**
     * Writes the bytes of {@code src} between its position and limit as one message, if there is room.
     * The position of {@code src} is left as it was. Never blocks.
     *
     * @param src the payload: its remaining bytes, from 0 to {@link #maxMessageLength()}
     * @return true when the message was written; false when the channel is full, and nothing was written
     * @throws IllegalArgumentException when more than {@link #maxMessageLength()} bytes remain
     * @throws IllegalStateException when this producer was closed or detached
     * @throws ChannelException as {@link #offer(byte[], int, int)}
     */
    boolean offer(ByteBuffer src);

    /**
     * The sequence number the next message will get.
     *
     * @return the sequence; 0 on a new channel, and after a producer that died, one more than its last
     *     committed message
     */
    long nextSequence();

    /**
     * Largest payload in bytes, see {@link ChannelOptions}.
     *
     * @return the capacity for a mailbox, capacity / 8 for a ring
     */
    int maxMessageLength();

    /**
     * The file this producer was opened on.
     *
     * @return the mapped file, or null for a wrapped buffer
     */
    ChannelFile file();

    /**
     * What is known of the consumer; a system call, keep it off hot paths.
     *
     * @return the consumer's status; always {@link PeerStatus#ALIVE} for a wrapped buffer, which has no
     *     liveness
     */
    default PeerStatus consumerStatus() {
        return file() != null ? file().peerStatus(Role.CONSUMER) : PeerStatus.ALIVE;
    }

    /**
     * Sends one message, waiting with {@code idle} until there is room. Waits for as long as it takes,
     * also while no consumer is attached (a restarted consumer resumes); checks every {@value
     * #CHECK_INTERVAL_NANOS} ns that the file was not truncated and the thread not interrupted.
     *
     * @param src the payload's array
     * @param offset index of the first payload byte in {@code src}
     * @param length payload bytes, from 0 to {@link #maxMessageLength()}
     * @param idle how to wait; reset before the wait, used by this thread only
     * @throws IllegalArgumentException when {@code length} is negative or above {@link #maxMessageLength()}
     * @throws IllegalStateException when this producer was closed or detached
     * @throws ChannelException TRUNCATED, CORRUPT or INTERRUPTED (the interrupt flag is cleared)
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
     * @param src the payload's array
     * @param offset index of the first payload byte in {@code src}
     * @param length payload bytes, from 0 to {@link #maxMessageLength()}
     * @param idle how to wait; reset before the wait, used by this thread only
     * @param stop asked once per idle round, on this thread; true gives up
     * @return true when the message was sent, false when stopped before it could be
     * @throws IllegalArgumentException when {@code length} is negative or above {@link #maxMessageLength()}
     * @throws IllegalStateException when this producer was closed or detached
     * @throws ChannelException TRUNCATED, CORRUPT or INTERRUPTED (the interrupt flag is cleared)
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
            throw ChannelLayout.translate(file(), fault);
        }
    }

    private static void checkWhileWaiting(final ChannelFile file) {
        // the interrupt first: a system call on an interrupted thread closes the file
        if (Thread.interrupted()) {
            throw new ChannelException(
                    ChannelException.Reason.INTERRUPTED,
                    "interrupted while waiting for room in " + ChannelLayout.describe(file));
        }
        if (file != null) {
            file.checkNotTruncated();
        }
    }

    /**
     * Releases the producer role without ending the stream, as a crash would: a consumer keeps what
     * it has not read, and a new producer may attach and continue the sequence. Writes through this
     * producer throw {@link IllegalStateException} from now on; a second call does nothing.
     */
    void detach();

    /**
     * Ends the stream: the consumer drains what was sent and then sees the end. Releases the role.
     * Writes through this producer throw {@link IllegalStateException} from now on; a second call does
     * nothing.
     */
    @Override
    void close();
}
