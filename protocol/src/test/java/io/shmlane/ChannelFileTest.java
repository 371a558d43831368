package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelException.Reason;
import io.shmlane.internal.RoleLocks;
import io.shmlane.internal.RoleState;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelFileTest {
    @TempDir
    Path dir;

    /**
     * Makes a hand-made bad file owner-only, as shmlane creates channels: under a umask such as 002 it
     * would be group-writable, and refused for that before its content is read.
     */
    private static Path ownerOnly(final Path path) throws IOException {
        return Files.setPosixFilePermissions(path, FileModes.OWNER_ONLY);
    }

    @Test
    void shouldCreateFileWithPublishedHeaderWhenMissing() {
        Path path = dir.resolve("c.shm");
        try (ChannelFile file =
                ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(4096))) {
            assertThat(file.created()).isTrue();
            assertThat(file.kind()).isEqualTo(ChannelKind.RING);
            assertThat(file.capacity()).isEqualTo(4096);
            assertThat(file.maxMessageLength()).isEqualTo(512);
            assertThat(file.fileLength()).isEqualTo(ChannelHeaderDescriptor.DATA_OFFSET + 4096);
            assertThat(file.intVolatile(ChannelHeaderDescriptor.VERSION_OFFSET))
                    .isEqualTo(ChannelHeaderDescriptor.LAYOUT_VERSION);
            assertThat(file.longVolatile(ChannelHeaderDescriptor.MAGIC_OFFSET))
                    .isEqualTo(ChannelHeaderDescriptor.MAGIC);
        }
        assertThat(dir.toFile().list()).containsExactly("c.shm"); // no temporary file left behind
    }

    @Test
    void shouldAttachToFileCreatedByTheOtherSideWithItsCapacity() {
        Path path = dir.resolve("c.shm");
        try (ChannelFile creator =
                        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(8192));
                ChannelFile attacher = ChannelFile.openOrCreate(path, ChannelOptions.ring())) {
            assertThat(creator.created()).isTrue();
            assertThat(attacher.created()).isFalse();
            assertThat(attacher.capacity()).isEqualTo(8192);
        }
    }

    @Test
    void shouldEndOnOneValidFileWhenManyRaceToCreate() throws Exception {
        Path path = dir.resolve("race.shm");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 20; round++) {
                Files.deleteIfExists(path);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ChannelFile>> futures = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    int capacity = 1024 << (i % 3);
                    futures.add(pool.submit(() -> {
                        start.await();
                        return ChannelFile.openOrCreate(
                                path, ChannelOptions.ring().withDefaultCapacity(capacity));
                    }));
                }
                start.countDown();
                int creators = 0;
                int capacity = -1;
                for (Future<ChannelFile> future : futures) {
                    try (ChannelFile file = future.get()) {
                        creators += file.created() ? 1 : 0;
                        assertThat(capacity == -1 || capacity == file.capacity())
                                .as("all racers see the winner's capacity")
                                .isTrue();
                        capacity = file.capacity();
                    }
                }
                assertThat(creators).as("exactly one racer created the file").isEqualTo(1);
                assertThat(Files.size(path)).isEqualTo(ChannelHeaderDescriptor.DATA_OFFSET + capacity);
                try (var listing = Files.list(dir)) {
                    assertThat(listing.count()).as("no temporary files left").isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRejectEmptyFile() throws IOException {
        Path path = ownerOnly(Files.createFile(dir.resolve("empty.shm")));
        assertFails(path, Reason.TRUNCATED, "empty or truncated");
    }

    @Test
    void shouldRejectTruncatedChannelFile() throws IOException {
        Path path = dir.resolve("t.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(ChannelHeaderDescriptor.DATA_OFFSET + 100);
        }
        assertFails(path, Reason.TRUNCATED, "is truncated");
    }

    @Test
    void shouldRejectFileThatIsNotAChannel() throws IOException {
        Path path = dir.resolve("text.txt");
        Files.writeString(path, "hello, this is just a text file\n".repeat(40), StandardCharsets.US_ASCII);
        ownerOnly(path);
        assertFails(path, Reason.NOT_A_CHANNEL, "not a shmlane channel file (wrong magic");
    }

    @Test
    void shouldRejectWrongLayoutVersion() throws IOException {
        Path path = dir.resolve("v.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        writeInt(path, ChannelHeaderDescriptor.VERSION_OFFSET, 99);
        assertFails(path, Reason.WRONG_VERSION, "layout version 99");
    }

    @Test
    void shouldRejectWrongChannelKind() {
        Path path = dir.resolve("k.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.mailbox()).close();
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("holds a mailbox channel, not a ring")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(Reason.WRONG_KIND);
    }

    @Test
    void shouldRejectUnknownKindAsCorruptHeader() throws IOException {
        Path path = dir.resolve("u.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        writeInt(path, ChannelHeaderDescriptor.KIND_OFFSET, 42);
        assertFails(path, Reason.NOT_A_CHANNEL, "unknown channel kind 42");
    }

    @Test
    void shouldRejectCapacityMismatchWhenCapacityIsRequired() {
        Path path = dir.resolve("cap.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(4096)).close();
        assertThatThrownBy(() ->
                        ChannelFile.openOrCreate(path, ChannelOptions.ring().withCapacity(8192)))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("was created with capacity 4096, not 8192")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(Reason.CAPACITY_MISMATCH);
    }

    @Test
    void shouldRejectDirectory() {
        assertThatThrownBy(() -> ChannelFile.openOrCreate(dir, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("is a directory")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(Reason.BAD_PATH);
    }

    @Test
    void shouldRejectPathWhoseParentIsNotADirectory() throws IOException {
        Path notADirectory = Files.createFile(dir.resolve("plain"));
        assertThatThrownBy(() -> ChannelFile.openOrCreate(notADirectory.resolve("c.shm"), ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("does not exist")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(Reason.BAD_PATH);
    }

    @Test
    void shouldRejectUnreadableFileForNonRootUsers() throws IOException {
        Path path = dir.resolve("locked.shm");
        ChannelFile.openOrCreate(path, ChannelOptions.ring()).close();
        path.toFile().setReadable(false, false);
        path.toFile().setWritable(false, false);
        if (Files.isReadable(path)) {
            // root reads everything; the permission check cannot fail here. The error path is the
            // same as for a missing directory above, which is tested for everyone.
            return;
        }
        assertFails(path, Reason.BAD_PATH, "permission denied");
    }

    @Test
    void shouldTimeOutWhenHeaderIsNeverPublished() throws IOException {
        Path path = dir.resolve("unpublished.shm");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(ChannelHeaderDescriptor.DATA_OFFSET + 4096));
        }
        ownerOnly(path);
        assertThatThrownBy(() ->
                        ChannelFile.openOrCreate(path, ChannelOptions.ring().withAttachTimeout(Duration.ofMillis(50))))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("no published header after 50 ms")
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void shouldRefuseSecondProducerAndSecondConsumer() {
        Path path = dir.resolve("roles.shm");
        try (RingProducer producer = RingProducer.open(path);
                RingConsumer consumer = RingConsumer.open(path)) {
            assertThatThrownBy(() -> RingProducer.open(path))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("already has a live producer")
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(Reason.ROLE_TAKEN);
            assertThatThrownBy(() -> RingConsumer.open(path))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("already has a live consumer")
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(Reason.ROLE_TAKEN);
            assertThat(producer.nextSequence()).isZero();
            assertThat(consumer.nextSequence()).isZero();
        }
    }

    @Test
    void shouldTellPeerStatusFromStateAndLock() {
        Path path = dir.resolve("peer.shm");
        try (RingConsumer consumer = RingConsumer.open(path)) {
            assertThat(consumer.producerStatus()).isEqualTo(PeerStatus.NOT_STARTED);
            RingProducer producer = RingProducer.open(path);
            assertThat(consumer.producerStatus()).isEqualTo(PeerStatus.ALIVE);
            producer.detach(); // as a crash: lock gone, state still attached
            assertThat(consumer.producerStatus()).isEqualTo(PeerStatus.DEAD);
            RingProducer second = RingProducer.open(path);
            assertThat(consumer.producerStatus()).isEqualTo(PeerStatus.ALIVE);
            second.close();
            assertThat(consumer.producerStatus()).isEqualTo(PeerStatus.CLOSED);
        }
    }

    /**
     * A producer that closes between the two halves of a status check (state read: attached; lock
     * probe: free) closed, it did not die: it stores CLOSED before it lets go of the lock, so the state
     * read again after a free lock says so. Found by BadInputIT: a consumer reported "producer died"
     * (exit 5) for a producer that had ended its stream and exited 0. The interleaving is forced here:
     * the first state read sees ATTACHED, the lock is free, every later read sees CLOSED.
     */
    @Test
    void shouldNotTakeAPeerThatClosedDuringTheStatusCheckForDead() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        PeerStatus closedMeanwhile = RoleLocks.peerStatus(
                () -> reads.getAndIncrement() == 0 ? RoleState.ATTACHED : RoleState.CLOSED, () -> false);
        PeerStatus died = RoleLocks.peerStatus(() -> RoleState.ATTACHED, () -> false);
        PeerStatus alive = RoleLocks.peerStatus(() -> RoleState.ATTACHED, () -> true);

        assertThat(closedMeanwhile).isEqualTo(PeerStatus.CLOSED);
        assertThat(died).isEqualTo(PeerStatus.DEAD);
        assertThat(alive).isEqualTo(PeerStatus.ALIVE);
    }

    /**
     * Touching a page of a mapping whose file shrank raises SIGBUS. The JVM turns it into an
     * {@link InternalError} (in compiled code asynchronously, a little after the access); the blocking
     * calls check the size and say TRUNCATED. Either way the JVM lives on, and the error translates to
     * the channel error. Each attempt runs in its own thread so that a late asynchronous error is caught.
     */
    @Test
    void shouldReportFileShrunkWhileMappedInsteadOfCrashing() throws Exception {
        Path path = dir.resolve("shrunk.shm");
        try (RingProducer producer = RingProducer.open(path);
                RingConsumer consumer = RingConsumer.open(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            assertThatThrownBy(consumer.file()::checkNotTruncated)
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("was truncated while mapped")
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(Reason.TRUNCATED);
            assertTruncated(
                    consumer.file(),
                    failureOf(() -> consumer.receive((s, b, i, l) -> {}, 10, io.shmlane.idle.IdleStrategy.defaults())));
            byte[] message = new byte[64];
            // one store into a vanished page may pass unnoticed until the thread's next safepoint: a
            // producer that goes on sending fails, with the asynchronous error or the size check
            assertTruncated(producer.file(), failureOf(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    producer.send(message, 0, 64, io.shmlane.idle.IdleStrategy.defaults());
                }
            }));
        }
    }

    private static void assertTruncated(final ChannelFile file, final Throwable failure) {
        Throwable translated = failure instanceof InternalError ? file.translate((InternalError) failure) : failure;
        assertThat(translated).isInstanceOf(ChannelException.class).hasMessageContaining("was truncated while mapped");
    }

    private static Throwable failureOf(final Runnable action) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("the call returned").isFalse();
        assertThat(failure.get()).as("the call failed").isNotNull();
        return failure.get();
    }

    private static void assertFails(final Path path, final Reason reason, final String message) {
        assertThatThrownBy(() -> ChannelFile.openOrCreate(path, ChannelOptions.ring()))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(reason);
        assertThatThrownBy(() -> ChannelFile.openExisting(path, Duration.ofMillis(50)))
                .isInstanceOf(ChannelException.class)
                .extracting(e -> ((ChannelException) e).reason())
                .isEqualTo(reason);
    }

    static void writeInt(final Path path, final int offset, final int value) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value);
            ch.write(b, offset);
        }
    }

    @Test
    void shouldTakeARoleWhoseByteALivenessProbeHeldForAnInstant() throws Exception {
        Path path = dir.resolve("probed.shm");
        RingProducer.open(path, ChannelOptions.ring().withCapacity(4096)).detach();
        // a probe (inspect, the peer's liveness check) locks the role's byte for an instant while the
        // consumer starts: the consumer must not take it for a live consumer and refuse (exit 4)
        try (FileChannel probe = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = probe.lock(Role.CONSUMER.slotOffset(), 1, false);
            ExecutorService release = Executors.newSingleThreadExecutor();
            try {
                Future<?> released = release.submit(() -> {
                    Thread.sleep(50);
                    held.release();
                    return null;
                });
                try (RingConsumer consumer = RingConsumer.open(path)) {
                    assertThat(consumer.head()).isZero();
                }
                released.get();
            } finally {
                release.shutdownNow();
            }
        }
    }

    @Test
    void shouldStillRefuseARoleItsHolderKeeps() throws Exception {
        Path path = dir.resolve("held.shm");
        try (RingConsumer first = RingConsumer.open(path, ChannelOptions.ring().withCapacity(4096));
                FileChannel other = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // another process's attempt, as this JVM can make it: its own channel to the same byte
            assertThatThrownBy(() -> other.tryLock(Role.CONSUMER.slotOffset(), 1, false))
                    .isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
            assertThatThrownBy(() -> RingConsumer.open(path))
                    .isInstanceOf(ChannelException.class)
                    .extracting(e -> ((ChannelException) e).reason())
                    .isEqualTo(Reason.ROLE_TAKEN);
        }
    }
}
