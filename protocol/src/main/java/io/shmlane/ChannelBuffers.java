package io.shmlane;

import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;

import io.shmlane.internal.ChannelLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Buffers laid out like a channel file, for running the channel code without a file: hand one buffer
 * to a producer's and a consumer's {@code wrap} (the jcstress tests do, and so can an embedding that
 * brings its own shared memory).
 */
public final class ChannelBuffers {
    private ChannelBuffers() {}

    /**
     * Bytes of a channel file of {@code kind} and {@code capacity}: preamble and data area.
     *
     * @param kind the channel kind
     * @param capacity the capacity, see {@link ChannelOptions}
     * @return {@link ChannelHeaderDescriptor#DATA_OFFSET} plus the data area
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range for {@code kind}
     */
    public static int fileLength(final ChannelKind kind, final int capacity) {
        ChannelOptions.checkCapacity(kind, capacity);
        return DATA_OFFSET + ChannelOptions.dataLength(kind, capacity);
    }

    /**
     * A direct buffer in native order laid out like a new channel file of {@code kind} and
     * {@code capacity}, with the header published (this process as its creator) and everything else
     * zero. Hand the same buffer to a producer's and a consumer's {@code wrap}.
     *
     * @param kind the channel kind
     * @param capacity the capacity, see {@link ChannelOptions}
     * @return a new buffer of {@link #fileLength} bytes
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range for {@code kind}
     */
    public static ByteBuffer allocate(final ChannelKind kind, final int capacity) {
        ByteBuffer buffer =
                ByteBuffer.allocateDirect(fileLength(kind, capacity)).order(ByteOrder.nativeOrder());
        ChannelLayout.publishHeader(buffer, kind, capacity);
        return buffer;
    }
}
