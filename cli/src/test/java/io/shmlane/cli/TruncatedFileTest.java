package io.shmlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelOptions;
import io.shmlane.mailbox.MailboxProducer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unexpected error while the file is shrunk under its mapping is reported as the truncation. */
class TruncatedFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldBlameTheTruncationForAnErrorOfAShrunkFile() throws IOException {
        Path path = dir.resolve("m.shm");
        try (MailboxProducer producer = MailboxProducer.open(path, ChannelOptions.mailbox())) {
            ChannelFile file = producer.file();
            RuntimeException unexpected = new ArrayIndexOutOfBoundsException("Index -1 out of bounds for length 2");
            assertThat(TruncatedFile.orRethrow(file, unexpected)).isSameAs(unexpected);

            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            RuntimeException blamed = TruncatedFile.orRethrow(file, unexpected);
            assertThat(blamed).isInstanceOf(ChannelException.class).hasMessageContaining("truncated while mapped");
            assertThat(((ChannelException) blamed).reason()).isNotNull();
            assertThat(ExitCodes.of((ChannelException) blamed)).isEqualTo(ExitCodes.BAD_CHANNEL);
        } catch (ChannelException closingAShrunkFile) {
            // close() of a shrunk file may report it again: the test is about orRethrow
        }
    }
}
