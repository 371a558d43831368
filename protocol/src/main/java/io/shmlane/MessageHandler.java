package io.shmlane;

import java.nio.ByteBuffer;

/**
 * Receives messages in place: {@code buffer} is the channel's shared mapping, the payload is
 * {@code length} bytes at absolute index {@code index}. Read it with absolute accesses before
 * returning; the space is handed back to the producer after the batch, so keep no reference to it.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(long sequence, ByteBuffer buffer, int index, int length);
}
