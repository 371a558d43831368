package io.shmlane.relaxed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

/** Which call sites the rewriter replaces, and that it refuses an access the model cannot simulate. */
class AccessRewriterTest {
    @Test
    void varHandleAccessesOverByteBuffersGoToTheModel() {
        assertThat(AccessRewriter.target(
                        Opcodes.INVOKEVIRTUAL,
                        "java/lang/invoke/VarHandle",
                        "getAcquire",
                        "(Ljava/nio/ByteBuffer;I)J",
                        "X"))
                .isEqualTo("getAcquire_J(Ljava/lang/invoke/VarHandle;Ljava/nio/ByteBuffer;I)J");
        assertThat(AccessRewriter.target(
                        Opcodes.INVOKEVIRTUAL,
                        "java/lang/invoke/VarHandle",
                        "setRelease",
                        "(Ljava/nio/ByteBuffer;II)V",
                        "X"))
                .isEqualTo("setRelease_I(Ljava/lang/invoke/VarHandle;Ljava/nio/ByteBuffer;II)V");
        assertThat(AccessRewriter.target(Opcodes.INVOKESTATIC, "java/lang/invoke/VarHandle", "fullFence", "()V", "X"))
                .isEqualTo("fullFence()V");
    }

    @Test
    void absoluteByteBufferAccessorsGoToTheModelAndRelativeOnesDoNot() {
        assertThat(AccessRewriter.target(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "get", "(I)B", "X"))
                .isEqualTo("bb_get(Ljava/nio/ByteBuffer;I)B");
        assertThat(AccessRewriter.target(
                        Opcodes.INVOKEVIRTUAL, "java/nio/MappedByteBuffer", "put", "(I[BII)Ljava/nio/ByteBuffer;", "X"))
                .isEqualTo("bb_put(Ljava/nio/ByteBuffer;I[BII)Ljava/nio/ByteBuffer;");
        assertThat(AccessRewriter.target(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "get", "()B", "X"))
                .isNull();
        assertThat(AccessRewriter.target(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "capacity", "()I", "X"))
                .isNull();
    }

    @Test
    void fieldVarHandlesAreLeftAlone() {
        assertThat(AccessRewriter.target(
                        Opcodes.INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "getAcquire", "(Lcom/x/Y;)J", "X"))
                .isNull();
    }

    @Test
    void anAccessModeTheModelLacksIsRefusedByName() {
        assertThatThrownBy(() -> AccessRewriter.target(
                        Opcodes.INVOKEVIRTUAL,
                        "java/lang/invoke/VarHandle",
                        "getAndAdd",
                        "(Ljava/nio/ByteBuffer;IJ)J",
                        "com.example.Queue.offer"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("getAndAdd")
                .hasMessageContaining("com.example.Queue.offer");
    }
}
