package io.shmlane;

import java.nio.ByteBuffer;

/**
 * Receives messages in place: {@code buffer} is the channel's shared mapping, the payload is
 * {@code length} bytes at absolute index {@code index}. Read it with absolute accesses before
 * returning; the space is handed back to the producer after the batch, so keep no reference to it.
 *
 * <p>A handler that throws has consumed its message: the exception leaves {@code poll}, and the
 * message and those before it in the batch are acknowledged (the mailbox hands its slot back, the ring
 * releases its head past them), as Agrona's ring buffers do. Handle errors inside the handler to keep
 * the message.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message, on the consumer's thread, from inside {@code poll} or {@code receive}.
     *
     * @param sequence the message's sequence number: 0 for the first message of a channel, then one
     *     more for each message, across producer and consumer restarts
     * @param buffer the channel's whole mapping (or wrapped buffer); read it with absolute accesses
     *     only, and neither write to it nor change its position or limit
     * @param index absolute index of the first payload byte in {@code buffer}
     * @param length payload bytes, from 0 to the channel's maximum message length
     */
    void onMessage(long sequence, ByteBuffer buffer, int index, int length);
}
