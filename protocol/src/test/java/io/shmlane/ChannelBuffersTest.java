package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.internal.ChannelLayout;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A buffer laid out like a channel file without a file (found by PIT: nothing checked its header). */
class ChannelBuffersTest {
    @Test
    void shouldAllocateABufferWithEveryHeaderFieldPublished() {
        ByteBuffer ring = ChannelBuffers.allocate(ChannelKind.RING, 4096);

        assertThat(ChannelLayout.versionAcquire(ring)).isEqualTo(ChannelHeaderDescriptor.LAYOUT_VERSION);
        assertThat(ring.getLong(ChannelHeaderDescriptor.MAGIC_OFFSET)).isEqualTo(ChannelHeaderDescriptor.MAGIC);
        assertThat(ring.getInt(ChannelHeaderDescriptor.KIND_OFFSET)).isEqualTo(ChannelKind.RING.code());
        assertThat(ring.getInt(ChannelHeaderDescriptor.CAPACITY_OFFSET)).isEqualTo(4096);
        assertThat(ring.getLong(ChannelHeaderDescriptor.CREATION_TIME_OFFSET)).isPositive();
        assertThat(ring.getLong(ChannelHeaderDescriptor.CREATOR_PID_OFFSET))
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(ring.capacity()).isEqualTo(ChannelBuffers.fileLength(ChannelKind.RING, 4096));
        // a published header names its kind and capacity: another kind or capacity is refused
        assertThatThrownBy(() -> ChannelLayout.checkWrappable(ring, ChannelKind.MAILBOX, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a mailbox of capacity 64");
    }

    @Test
    void shouldRefuseTheLengthOfAChannelWithAnImpossibleCapacity() {
        assertThatThrownBy(() -> ChannelBuffers.fileLength(ChannelKind.RING, 1000))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("capacity=1000");
        assertThat(ChannelLayout.describe(null)).isEqualTo("buffer");
    }
}
