package io.shmlane;

import io.shmlane.idle.IdleStrategy;
import java.util.function.BooleanSupplier;

/**
 * The reading side of a channel. One thread per consumer; one consumer per channel file, enforced
 * across processes. Messages are handed over in place, in order, each with its sequence number.
 */
public interface ChannelConsumer extends AutoCloseable {
    /** Returned by {@link #receive} at the end of the stream. */
    int END_OF_STREAM = -1;

    /** A stop request that never comes, for the blocking calls without one. */
    BooleanSupplier NEVER_STOP = () -> false;

    /** How often a blocked {@code receive} probes the producer's liveness and the file's size. */
    long CHECK_INTERVAL_NANOS = 50_000_000L;

    /**
     * Hands up to {@code limit} waiting messages to {@code handler}, in order, and then gives their
     * space back to the producer. Never blocks. If the handler throws, the messages handed over so far
     * (the throwing one included) are consumed and the exception propagates.
     *
     * @return how many messages were handled, 0 when none was waiting
     */
    int poll(MessageHandler handler, int limit);

    /** Sequence of the next message this consumer will hand over. */
    long nextSequence();

    /** The mapped file, or null for a wrapped buffer. */
    ChannelFile file();

    /** Whether the producer ended the stream and every message has been consumed. */
    boolean isEndOfStream();

    /**
     * Checks, once the producer is gone without ending the stream, that this consumer got as far as
     * the position (ring) or next sequence (mailbox) the producer last published; {@link #receive}
     * does so before it reports the producer dead with "every message it committed was delivered".
     *
     * @throws ChannelException CORRUPT when the consumer is behind it: committed records were lost
     */
    default void checkAllDelivered() {}

    /** What is known of the producer; a system call, keep it off hot paths. */
    default PeerStatus producerStatus() {
        return file() != null ? file().peerStatus(Role.PRODUCER) : PeerStatus.ALIVE;
    }

    /**
     * Waits with {@code idle} until messages arrive and hands up to {@code limit} of them to
     * {@code handler}.
     *
     * @return how many were handled (at least 1), or {@link #END_OF_STREAM}
     * @throws ChannelException PEER_DIED when the producer died without ending the stream and every
     *     message it committed has been handled; TRUNCATED; CORRUPT; INTERRUPTED
     */
    default int receive(final MessageHandler handler, final int limit, final IdleStrategy idle) {
        return receive(handler, limit, idle, NEVER_STOP);
    }

    /**
     * {@link #receive(MessageHandler, int, IdleStrategy)} that also gives up, returning 0, when
     * {@code stop} says so. {@code stop} is asked on every idle round, before any check that makes a
     * system call, so a stop (a signal handler raising a flag) needs no interrupt: an interrupt that
     * reaches a thread inside {@code FileChannel} I/O closes the channel, and with it the role's lock.
     *
     * @return how many were handled (at least 1), 0 when stopped, or {@link #END_OF_STREAM}
     */
    default int receive(
            final MessageHandler handler, final int limit, final IdleStrategy idle, final BooleanSupplier stop) {
        try {
            int count = poll(handler, limit);
            if (count > 0) {
                return count;
            }
            idle.reset();
            // the clock is read only every 16 empty polls and first then: a message that arrives
            // within a few polls (a ping-pong) costs no clock read
            long nextCheck = 0;
            int waits = 0;
            while (true) {
                count = poll(handler, limit);
                if (count > 0) {
                    return count;
                }
                if (isEndOfStream()) {
                    return END_OF_STREAM;
                }
                if (stop.getAsBoolean()) {
                    return 0;
                }
                if ((++waits & 15) == 0) {
                    long now = System.nanoTime();
                    if (waits == 16) {
                        nextCheck = now + CHECK_INTERVAL_NANOS;
                    } else if (now - nextCheck >= 0) {
                        nextCheck = now + CHECK_INTERVAL_NANOS;
                        ChannelFile file = file();
                        // the interrupt first: a system call on an interrupted thread closes the file
                        if (Thread.interrupted()) {
                            throw new ChannelException(
                                    ChannelException.Reason.INTERRUPTED,
                                    "interrupted while waiting for messages in " + ChannelBuffers.describe(file));
                        }
                        if (file != null) {
                            file.checkNotTruncated();
                        }
                        if (file != null && producerStatus() == PeerStatus.DEAD) {
                            count = poll(handler, limit);
                            if (count > 0) {
                                return count;
                            }
                            checkAllDelivered();
                            throw new ChannelException(
                                    ChannelException.Reason.PEER_DIED,
                                    "producer died: the producer of " + file.path() + " (pid "
                                            + file.longVolatile(Role.PRODUCER.pidOffset())
                                            + ") is gone without ending the stream; every message it committed was"
                                            + " delivered; start a producer to continue");
                        }
                    }
                }
                idle.idle();
            }
        } catch (InternalError fault) {
            throw ChannelBuffers.translate(file(), fault);
        }
    }

    /** Closes the consumer side; the shared position stays, so a new consumer resumes from it. */
    @Override
    void close();
}
