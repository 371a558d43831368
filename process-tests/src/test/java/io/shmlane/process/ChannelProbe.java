package io.shmlane.process;

import io.shmlane.ChannelHeaderDescriptor;
import io.shmlane.Role;
import io.shmlane.internal.RoleState;
import io.shmlane.mailbox.MailboxDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a channel file's header from the test JVM, the way {@code shmlane inspect} would, but with
 * plain file reads instead of a mapping: the test JVM never maps a file that a scenario truncates,
 * and never takes a role. For waits ("the consumer is attached", "the ring is full").
 */
final class ChannelProbe {
    private ChannelProbe() {}

    /** The header as it is now, or empty while the file does not exist or is shorter than a header. */
    static Optional<Snapshot> read(final Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(ChannelHeaderDescriptor.DATA_OFFSET + MailboxDescriptor.PAYLOAD_OFFSET)
                    .order(ByteOrder.nativeOrder());
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // read the header and the start of the data area
            }
            if (b.position() < ChannelHeaderDescriptor.DATA_OFFSET) {
                return Optional.empty();
            }
            return Optional.of(new Snapshot(b, held(ch, Role.PRODUCER), held(ch, Role.CONSUMER), ch.size()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean held(final FileChannel ch, final Role role) throws IOException {
        try (FileLock probe = ch.tryLock(role.slotOffset(), 1, true)) {
            return probe == null;
        }
    }

    /** Whether {@code role} has attached (and not closed) and its process holds the role now. */
    static boolean attached(final Path file, final Role role) {
        return read(file)
                .map(s -> s.state(role) == RoleState.ATTACHED && s.held(role))
                .orElse(false);
    }

    /** One read of the header. */
    static final class Snapshot {
        private final ByteBuffer header;
        private final boolean producerHeld;
        private final boolean consumerHeld;
        private final long fileSize;

        Snapshot(final ByteBuffer header, final boolean producerHeld, final boolean consumerHeld, final long fileSize) {
            this.header = header;
            this.producerHeld = producerHeld;
            this.consumerHeld = consumerHeld;
            this.fileSize = fileSize;
        }

        int state(final Role role) {
            return header.getInt(role.stateOffset());
        }

        boolean held(final Role role) {
            return role == Role.PRODUCER ? producerHeld : consumerHeld;
        }

        int capacity() {
            return header.getInt(ChannelHeaderDescriptor.CAPACITY_OFFSET);
        }

        int maxMessageLength() {
            return header.getInt(ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET);
        }

        /** Ring: bytes committed and not yet released, exact while the producer waits for room. */
        long bytesInFlight() {
            return header.getLong(ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET)
                    - header.getLong(ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET);
        }

        /**
         * Ring: the producer's tail as it last published it (0 before that): it publishes when it
         * looks at the consumer's head (at least once per lap, and on every try while the ring is full)
         * and when it detaches or closes.
         */
        long tail() {
            return header.getLong(ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET);
        }

        /** Mailbox: whether the slot holds an unread message. */
        boolean slotFull() {
            return header.getInt(ChannelHeaderDescriptor.DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET)
                    == MailboxDescriptor.FULL;
        }

        long nextSequence() {
            return header.getLong(ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET);
        }

        long fileSize() {
            return fileSize;
        }

        @Override
        public String toString() {
            return "producer=" + RoleState.name(state(Role.PRODUCER)) + (producerHeld ? "/held" : "") + " consumer="
                    + RoleState.name(state(Role.CONSUMER)) + (consumerHeld ? "/held" : "") + " capacity=" + capacity()
                    + " tail=" + tail() + " inFlight=" + bytesInFlight() + " slotFull=" + slotFull()
                    + " nextSequence=" + nextSequence() + " fileSize=" + fileSize;
        }
    }
}
