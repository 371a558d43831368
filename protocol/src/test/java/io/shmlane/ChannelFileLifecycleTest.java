package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.internal.ChannelLayout;
import io.shmlane.internal.MappingFaults;
import io.shmlane.internal.RoleState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel file over its life: what taking a role writes into the header, waiting for a header that is
 * never published, closing (no file descriptor left behind, also when attaching fails), truncation seen
 * through a closed channel, and the translation of a fault.
 */
class ChannelFileLifecycleTest {
    @TempDir
    Path dir;

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static ByteBuffer header(final Path path) throws IOException {
        ByteBuffer header =
                ByteBuffer.allocate(ChannelHeaderDescriptor.DATA_OFFSET).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.read(header, 0);
        }
        return header;
    }

    private static void write(final Path path, final int offset, final ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }

    @Test
    void shouldRecordThePidAndCountEveryAttachOfEachRoleInItsOwnSlot() throws IOException {
        Path path = dir.resolve("roles.shm");
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 3; i++) {
            Channels.openProducer(path, ChannelOptions.ring()).detach();
        }
        try (ChannelConsumer consumer = Channels.openConsumer(path, ChannelOptions.ring())) {
            assertThat(consumer.file().peerStatus(Role.CONSUMER)).isEqualTo(PeerStatus.ALIVE);
            assertThat(consumer.file().peerStatus(Role.PRODUCER)).isEqualTo(PeerStatus.DEAD);
        }
        ByteBuffer header = header(path);
        assertThat(header.getInt(ChannelHeaderDescriptor.PRODUCER_ATTACH_COUNT_OFFSET))
                .isEqualTo(3);
        assertThat(header.getLong(ChannelHeaderDescriptor.PRODUCER_PID_OFFSET)).isEqualTo(pid);
        assertThat(header.getInt(ChannelHeaderDescriptor.CONSUMER_ATTACH_COUNT_OFFSET))
                .isEqualTo(1);
        assertThat(header.getLong(ChannelHeaderDescriptor.CONSUMER_PID_OFFSET)).isEqualTo(pid);
        assertThat(Role.PRODUCER.attachCountOffset()).isEqualTo(ChannelHeaderDescriptor.PRODUCER_ATTACH_COUNT_OFFSET);
        assertThat(Role.CONSUMER.pidOffset()).isEqualTo(ChannelHeaderDescriptor.CONSUMER_PID_OFFSET);
    }

    @Test
    void shouldWaitTheWholeAttachTimeoutForAHeaderThatIsNeverPublished() throws IOException {
        Path path = dir.resolve("unpublished.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        write(path, 0, ByteBuffer.allocate(ChannelHeaderDescriptor.DATA_OFFSET)); // zeroed: magic and version 0
        long start = System.nanoTime();
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofMillis(300)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.TIMEOUT)
                .hasMessageContaining("has no published header after 300 ms");
        long waited = System.nanoTime() - start;
        assertThat(waited).isBetween(300_000_000L, 10_000_000_000L);
    }

    @Test
    void shouldRefuseAForeignMagicAtOnceWithoutWaitingForAVersion() throws IOException {
        Path path = dir.resolve("foreign.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        ByteBuffer foreign = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        foreign.putLong(0, 0x1234_5678L).putInt(8, 0); // another magic, no version
        write(path, 0, foreign);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofSeconds(5)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.NOT_A_CHANNEL);
        assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
    }

    @Test
    void shouldCallACapacityOutsideTheKindsRangeACorruptHeader() throws IOException {
        Path path = dir.resolve("capacity.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        write(
                path,
                ChannelHeaderDescriptor.CAPACITY_OFFSET,
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 1000));
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.NOT_A_CHANNEL)
                .hasMessageContaining("has a corrupt header: ring capacity must be a power of two");
    }

    @Test
    void shouldRefuseAFileLongerThanItsLayout() throws IOException {
        Path path = dir.resolve("long.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        long size = Files.size(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8), size);
        }
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class);
    }

    @Test
    void shouldLeaveNoFileDescriptorOpenAfterCloseOrAFailedAttach() throws IOException {
        Path good = dir.resolve("good.shm");
        ChannelFile.openOrCreate(good, ChannelOptions.ring().withCapacity(1024)).close();
        Path bad = dir.resolve("bad.shm");
        Files.write(bad, new byte[ChannelHeaderDescriptor.DATA_OFFSET + 1024]);
        write(bad, 0, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 42L)); // not a channel
        for (int warm = 0; warm < 3; warm++) {
            cycle(good, bad);
        }
        long before = openDescriptors();
        int cycles = 20;
        for (int i = 0; i < cycles; i++) {
            cycle(good, bad);
        }
        // a leak leaves at least one descriptor per cycle; the JVM may open one or two of its own meanwhile
        // (one more than before was seen under load), which is not a leak
        assertThat(openDescriptors() - before)
                .as("descriptors still open after %d cycles", cycles)
                .isLessThan(cycles / 2);
    }

    private static void cycle(final Path good, final Path bad) {
        Channels.openProducer(good, ChannelOptions.ring().withCapacity(1024)).detach();
        ChannelFile.openExisting(good, Duration.ofSeconds(1)).close();
        assertThatThrownBy(() -> ChannelFile.openExisting(bad, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> ChannelFile.openOrCreate(bad, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class);
    }

    @Test
    void shouldTellTruncationFromThePathOnceAnInterruptClosedTheChannel() throws IOException {
        Path path = dir.resolve("interrupted.shm");
        try (ChannelFile file =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024))) {
            Thread.currentThread().interrupt();
            try {
                // the size query on an interrupted thread closes the channel; the path still tells
                assertThat(file.isTruncated()).isFalse();
            } finally {
                Thread.interrupted();
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET);
            }
            assertThat(file.isTruncated()).isTrue();
            Files.delete(path);
            assertThat(file.isTruncated()).as("a file that is gone").isTrue();
        }
    }

    @Test
    void shouldBlameAFaultOnTruncationOnlyWhenTheFileShrank() throws IOException {
        Path path = dir.resolve("fault.shm");
        try (ChannelFile file =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024))) {
            InternalError fault = new InternalError("a fault in a recent unsafe memory access operation");
            assertThatThrownBy(() -> file.translate(fault)).isSameAs(fault);
            assertThatThrownBy(() -> ChannelLayout.translate(file, fault)).isSameAs(fault);
            assertThatThrownBy(() -> ChannelLayout.translate(null, fault)).isSameAs(fault);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET + 1023);
            }
            ChannelException e = file.translate(fault);
            assertThat(e.reason()).isEqualTo(ChannelException.Reason.TRUNCATED);
            assertThat(e).hasCause(fault).hasMessageContaining("was truncated while mapped (1407 bytes, mapped 1408)");
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                MappingFaults faults = new MappingFaults(path, channel, file.fileLength());
                assertThat(faults.truncatedWhileMapped(0)).hasMessageContaining("(0 bytes, mapped 1408)");
                assertThat(faults.truncatedWhileMapped(-1)).hasMessageContaining("(mapped 1408)");
            }
        }
    }

    @Test
    void shouldNameEveryRoleStateAndShowAnInvalidOne() {
        assertThat(RoleState.name(RoleState.NONE)).isEqualTo("none");
        assertThat(RoleState.name(RoleState.ATTACHED)).isEqualTo("attached");
        assertThat(RoleState.name(RoleState.CLOSED)).isEqualTo("closed");
        assertThat(RoleState.name(77)).isEqualTo("invalid(77)");
    }

    @Test
    void shouldAcceptCapacitiesAtTheEdgesOfEachKindsRange() {
        ChannelOptions.checkCapacity(ChannelKind.RING, ChannelOptions.MIN_RING_CAPACITY);
        ChannelOptions.checkCapacity(ChannelKind.RING, ChannelOptions.MAX_RING_CAPACITY);
        ChannelOptions.checkCapacity(ChannelKind.MAILBOX, 1);
        ChannelOptions.checkCapacity(ChannelKind.MAILBOX, ChannelOptions.MAX_MAILBOX_CAPACITY);
        for (int bad : new int[] {ChannelOptions.MIN_RING_CAPACITY / 2, ChannelOptions.MAX_RING_CAPACITY * 2, 1536}) {
            assertThatThrownBy(() -> ChannelOptions.checkCapacity(ChannelKind.RING, bad))
                    .as("ring %d", bad)
                    .isInstanceOf(ChannelException.class);
        }
        for (int bad : new int[] {0, ChannelOptions.MAX_MAILBOX_CAPACITY + 1}) {
            assertThatThrownBy(() -> ChannelOptions.checkCapacity(ChannelKind.MAILBOX, bad))
                    .as("mailbox %d", bad)
                    .isInstanceOf(ChannelException.class);
        }
        assertThat(ChannelOptions.ring().withCapacity(1024).toString())
                .isEqualTo("ring(capacity=1024, required, attachTimeout=PT5S, mode=0600)");
        assertThat(ChannelOptions.mailbox().toString()).startsWith("mailbox(capacity=1024, attachTimeout=");
    }

    @Test
    void shouldSayWhetherThisOpenCreatedTheFile() {
        Path path = dir.resolve("created.shm");
        try (ChannelFile first =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024))) {
            assertThat(first.created()).isTrue();
        }
        try (ChannelFile second =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024))) {
            assertThat(second.created()).isFalse();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRefuseAFifoAtOnceForReadingAndForWriting() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        assertThatThrownBy(() -> ChannelFile.openExisting(fifo, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> ChannelFile.openOrCreate(fifo, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void shouldReportTheConsumersStatusAndAlwaysAliveForAWrappedBuffer() {
        Path path = dir.resolve("status.shm");
        try (ChannelProducer producer =
                Channels.openProducer(path, ChannelOptions.ring().withCapacity(1024))) {
            assertThat(producer.consumerStatus()).isEqualTo(PeerStatus.NOT_STARTED);
            try (ChannelConsumer consumer =
                    Channels.openConsumer(path, ChannelOptions.ring().withCapacity(1024))) {
                assertThat(producer.consumerStatus()).isEqualTo(PeerStatus.ALIVE);
            }
            assertThat(producer.consumerStatus()).isEqualTo(PeerStatus.CLOSED);
        }
        ByteBuffer memory = ByteBuffer.allocateDirect(ChannelHeaderDescriptor.DATA_OFFSET + 1024)
                .order(ByteOrder.nativeOrder());
        ChannelProducer wrapped = io.shmlane.ring.RingProducer.wrap(memory, 1024);
        assertThat(wrapped.consumerStatus()).isEqualTo(PeerStatus.ALIVE);
    }

    @Test
    void shouldCallAFileOfOnlyAHeaderTruncated() throws IOException {
        Path path = dir.resolve("header-only.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(1024)).close();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET);
        }
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.TRUNCATED)
                .hasMessageContaining("is truncated: 384 bytes, its header says 1408");
    }

    @Test
    void shouldBlameTheKindFieldWhenTheRestOfTheHeaderIsTheOtherKinds() throws IOException {
        Path ring = dir.resolve("ring-marked-mailbox.shm");
        ChannelFile.openOrCreate(ring, ChannelOptions.ring().withCapacity(4096)).close();
        write(ring, ChannelHeaderDescriptor.KIND_OFFSET, kind(ChannelKind.MAILBOX));
        assertThatThrownBy(() -> ChannelFile.openExisting(ring, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.NOT_A_CHANNEL)
                .hasMessageContaining("its kind field says mailbox but its capacity 4096, max message length 512")
                .hasMessageContaining("are those of a ring");
        Path mailbox = dir.resolve("mailbox-marked-ring.shm");
        ChannelFile.openOrCreate(mailbox, ChannelOptions.mailbox().withCapacity(2048))
                .close();
        write(mailbox, ChannelHeaderDescriptor.KIND_OFFSET, kind(ChannelKind.RING));
        assertThatThrownBy(() -> ChannelFile.openExisting(mailbox, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("its kind field says ring but its capacity 2048")
                .hasMessageContaining("are those of a mailbox");
        // a kind that fits neither layout: the first field that disagrees is named instead
        Path odd = dir.resolve("odd.shm");
        ChannelFile.openOrCreate(odd, ChannelOptions.ring().withCapacity(4096)).close();
        write(
                odd,
                ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET,
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 100));
        assertThatThrownBy(() -> ChannelFile.openExisting(odd, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("max message length 100 does not match capacity 4096")
                .hasMessageNotContaining("kind field");
    }

    private static ByteBuffer kind(final ChannelKind kind) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, kind.code());
    }

    @Test
    void shouldOpenOptionsOfTheKindAsked() {
        assertThat(ChannelOptions.of(ChannelKind.RING).kind()).isEqualTo(ChannelKind.RING);
        assertThat(ChannelOptions.of(ChannelKind.MAILBOX).kind()).isEqualTo(ChannelKind.MAILBOX);
    }

    @Test
    void shouldTellARecordThatRunsPastTheEndOfTheRingOrAnOversizedPaddingFromWellFormedOnes() {
        int capacity = 1024;
        int max = io.shmlane.ring.RingDescriptor.maxMessageLength(capacity);
        int message = io.shmlane.ring.RingDescriptor.TYPE_MESSAGE;
        assertThat(io.shmlane.ring.RingDescriptor.isWellFormedMessage(message, 24, 1000, capacity, max))
                .isTrue();
        assertThat(io.shmlane.ring.RingDescriptor.isWellFormedMessage(message, 32, 1000, capacity, max))
                .as("8 bytes past the end")
                .isFalse();
        int largest = io.shmlane.ring.RingDescriptor.align(io.shmlane.ring.RingDescriptor.HEADER_LENGTH + max);
        assertThat(io.shmlane.ring.RingDescriptor.isWellFormedPadding(largest - 8, capacity - largest + 8, capacity))
                .isTrue();
        assertThat(io.shmlane.ring.RingDescriptor.isWellFormedPadding(largest, capacity - largest, capacity))
                .as("the largest record would have fitted")
                .isFalse();
    }

    @Test
    void shouldRefuseADirectoryAsABadPathWhenOpeningAnExistingChannel() {
        assertThatThrownBy(() -> ChannelFile.openExisting(dir, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasFieldOrPropertyWithValue("reason", ChannelException.Reason.BAD_PATH)
                .hasMessageContaining("is a directory, not a channel file");
    }

    @Test
    void shouldNotBlameTheKindWhenTheOtherKindCouldNotHaveThisCapacity() throws IOException {
        // the fields of a ring of capacity 1000 (max message length 125, 1000 bytes of data) in a file
        // whose kind field says mailbox: 1000 is no ring capacity (not a power of two), so the kind is not
        // the one field that is wrong, and the first field that disagrees is named
        Path path = dir.resolve("no-ring.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.mailbox().withCapacity(1000))
                .close();
        write(
                path,
                ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET,
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 125));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(ChannelHeaderDescriptor.DATA_OFFSET + 1000);
        }
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofSeconds(1)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("max message length 125 does not match capacity 1000")
                .hasMessageNotContaining("kind field");
    }
}
