package io.shmlane;

import io.shmlane.idle.IdleStrategy;
import io.shmlane.internal.ChannelLayout;
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
     * (the throwing one included) are consumed and the exception propagates. A mailbox hands over at
     * most one message per call.
     *
     * <p>A file truncated under the mapping can make this throw an {@link InternalError} (SIGBUS);
     * {@link #receive} turns it into TRUNCATED, {@link ChannelLayout#translate} does so for a caller.
     *
     * @param handler receives each message in place, see {@link MessageHandler}
     * @param limit the most messages to hand over; 0 or less hands over none
     * @return how many messages were handled, 0 when none was waiting
     * @throws IllegalStateException when this consumer was closed (the role may be another consumer's
     *     by now); do not close it from within its handler
     * @throws ChannelException CORRUPT when the shared memory holds what no correct producer writes;
     *     TRUNCATED when a periodic size check finds the file shrunk
     */
    int poll(MessageHandler handler, int limit);

    /**
     * Sequence of the next message this consumer will hand over.
     *
     * @return the sequence; 0 on a new channel, one more than the last message consumed after that
     */
    long nextSequence();

    /**
     * The file this consumer was opened on.
     *
     * @return the mapped file, or null for a wrapped buffer
     */
    ChannelFile file();

    /**
     * Whether the producer ended the stream and every message has been consumed. Reads shared memory
     * only, no system call.
     *
     * @return true at the end of the stream; false while messages wait or the stream goes on
     * @throws ChannelException CORRUPT when the messages end short of where the producer ended the
     *     stream (messages were lost), or the shared memory is corrupt
     */
    boolean isEndOfStream();

    /**
     * Checks, once the producer is gone without ending the stream, that this consumer got as far as
     * the position (ring) or next sequence (mailbox) the producer last published; {@link #receive}
     * does so before it reports the producer dead with "every message it committed was delivered".
     *
     * <p>The default checks nothing, for a consumer that cannot tell.
     *
     * @throws ChannelException CORRUPT when the consumer is behind it: committed records were lost
     */
    default void checkAllDelivered() {}

    /**
     * What is known of the producer; a system call, keep it off hot paths.
     *
     * @return the producer's status; always {@link PeerStatus#ALIVE} for a wrapped buffer, which has no
     *     liveness
     */
    default PeerStatus producerStatus() {
        return file() != null ? file().peerStatus(Role.PRODUCER) : PeerStatus.ALIVE;
    }

    /**
     * Waits with {@code idle} until messages arrive and hands up to {@code limit} of them to
     * {@code handler}. Waits for as long as it takes while the producer is alive or not yet started (on
     * a wrapped buffer, until a message or the end of the stream comes); about every {@value
     * #CHECK_INTERVAL_NANOS} ns of waiting it checks the interrupt flag, the file's size and the
     * producer's liveness.
     *
     * @param handler receives each message in place, see {@link MessageHandler}
     * @param limit the most messages to hand over, at least 1
     * @param idle how to wait; reset before the wait, used by this thread only
     * @return how many were handled (at least 1), or {@link #END_OF_STREAM}
     * @throws ChannelException PEER_DIED when the producer died without ending the stream and every
     *     message it committed has been handled; TRUNCATED when the file shrank; CORRUPT; INTERRUPTED
     *     when the thread was interrupted (the flag is cleared)
     * @throws IllegalStateException when this consumer was closed
     * @throws IllegalArgumentException when {@code limit} is less than 1 (such a call could never hand a
     *     waiting message over, nor return)
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
     * @param handler receives each message in place, see {@link MessageHandler}
     * @param limit the most messages to hand over, at least 1
     * @param idle how to wait; reset before the wait, used by this thread only
     * @param stop asked once per idle round, on this thread; true gives up
     * @return how many were handled (at least 1), 0 when stopped, or {@link #END_OF_STREAM}
     * @throws ChannelException as {@link #receive(MessageHandler, int, IdleStrategy)}
     * @throws IllegalArgumentException when {@code limit} is less than 1
     */
    default int receive(
            final MessageHandler handler, final int limit, final IdleStrategy idle, final BooleanSupplier stop) {
        if (limit < 1) {
            // a limit of 0 hands nothing over, so a waiting message would never let the call return
            throw new IllegalArgumentException("receive needs a limit of at least 1 message: " + limit);
        }
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
                                    "interrupted while waiting for messages in " + ChannelLayout.describe(file));
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
            throw ChannelLayout.translate(file(), fault);
        }
    }

    /**
     * Closes the consumer side; the shared position stays, so a new consumer resumes from it. Polls
     * through this consumer throw {@link IllegalStateException} from now on; a second call does nothing.
     */
    @Override
    void close();
}
