package io.shmlane.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The physical limit: one 8-byte value bounced between two cache lines of a mapped file, each in its
 * own pair of lines (128 bytes apart, so the adjacent-line prefetcher does not couple them). The
 * pinger release-stores a number into the first line and spins with acquire loads on the second
 * until the ponger, spinning on the first, release-stores the same number there. Nothing else moves:
 * no payload, no header, no bookkeeping. Latency only.
 */
final class RawLane implements Lane {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Offset of the pinger's line. */
    static final int PING_OFFSET = 0;
    /** Offset of the ponger's line, a pair of cache lines further. */
    static final int PONG_OFFSET = PING_OFFSET + 128;

    private static final int FILE_LENGTH = 4096;
    /** Tells the ponger to stop. */
    private static final long STOP = -1;
    /** Bytes moved each way. */
    static final int PAYLOAD = 8;

    private static MappedByteBuffer map(final Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(FILE_LENGTH);
            MappedByteBuffer buffer = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH);
            buffer.order(ByteOrder.nativeOrder());
            return buffer;
        }
    }

    @Override
    public void produce(final ChildConfig config, final Report report) {
        throw new UnsupportedOperationException("the raw cache line is a latency benchmark only");
    }

    @Override
    public void consume(final ChildConfig config, final Report report) {
        throw new UnsupportedOperationException("the raw cache line is a latency benchmark only");
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        new Pinger(map(config.path(".raw"))).run(config, report);
    }

    @Override
    public void pong(final ChildConfig config, final Report report) throws Exception {
        MappedByteBuffer lines = map(config.path(".raw"));
        report.ready();
        CpuShare share = new CpuShare();
        long warmup = config.warmupNanos();
        long expected = 1;
        while (true) {
            // acquire: pairs with the pinger's setRelease; nothing else is published, but this is the
            // ordering a real hand-over needs, and on x86 it costs no fence
            long value = (long) LONG.getAcquire(lines, PING_OFFSET);
            if (value == expected) {
                // release: the echo; pairs with the pinger's getAcquire
                LONG.setRelease(lines, PONG_OFFSET, value);
                share.startAfterWarmup(warmup);
                expected++;
            } else if (value == STOP) {
                report.result(Map.of("cpuShare", CpuShare.format(share.stop())));
                return;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static final class Pinger extends PingLoop {
        private final MappedByteBuffer lines;

        Pinger(final MappedByteBuffer lines) {
            super(PAYLOAD);
            this.lines = lines;
        }

        @Override
        protected void roundTrip(final long sequence) {
            long value = sequence + 1;
            // release: pairs with the ponger's getAcquire
            LONG.setRelease(lines, PING_OFFSET, value);
            long echoed;
            while ((echoed = (long) LONG.getAcquire(lines, PONG_OFFSET)) != value) {
                Thread.onSpinWait();
            }
            checkEcho(value, echoed, echoed);
        }

        @Override
        protected void end() {
            LONG.setRelease(lines, PING_OFFSET, STOP);
        }
    }
}
