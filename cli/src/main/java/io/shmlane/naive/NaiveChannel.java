package io.shmlane.naive;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * <b>KNOWN-BROKEN REFERENCE. Do not use it to move data.</b> The protocol of the well-known blog
 * post, reproduced faithfully so that the test suite can show that it catches its bugs:
 *
 * <pre>
 *   0        4                                                1023
 *  +--------+------------------------------------------ ... --+----+
 *  | length | payload                                          |flag|   1024 bytes, no header
 *  +--------+------------------------------------------ ... --+----+
 * </pre>
 *
 * <p>The producer writes the length at 0, the payload at 4 and the byte 1 at 1023, then calls
 * {@code force()} (an msync per message). The consumer spins until it reads 1 at 1023, reads length
 * and payload, and writes 0 at 1023. What is wrong with it, on purpose:
 *
 * <ul>
 *   <li>All accesses are plain: nothing orders the payload before the flag, on either side. The JIT
 *       may reorder or hoist them; ARM hardware reorders them as well. x86 keeps store order and load
 *       order in hardware, so there the failures come from the JIT and the race below.
 *   <li>The producer never waits for the consumer's 0: it overwrites a message the consumer has not
 *       read yet (lost), or is reading (torn).
 *   <li>{@code force()} on every message: a system call and a disk flush per message.
 *   <li>No header, no magic, no bounds check (a long message runs into the flag), no end of stream, no
 *       detection of a dead peer, no limit on who attaches.
 * </ul>
 */
public final class NaiveChannel implements AutoCloseable {
    /** Size of the shared region. */
    public static final int REGION_SIZE = 1024;
    /** Offset of the ready flag. */
    public static final int FLAG_OFFSET = 1023;
    /** Offset of the payload; the length is at 0. */
    public static final int PAYLOAD_OFFSET = 4;
    /** Longest payload that does not run into the flag (the seed did not check it). */
    public static final int MAX_MESSAGE_LENGTH = FLAG_OFFSET - PAYLOAD_OFFSET;

    private final ByteBuffer buffer;
    private final RandomAccessFile file;

    private NaiveChannel(final ByteBuffer buffer, final RandomAccessFile file) {
        this.buffer = buffer;
        this.file = file;
    }

    /**
     * Maps the first 1024 bytes of {@code path}, creating or growing the file as the seed did. No
     * check of any kind: any file, link or content is used as it is.
     *
     * @param path the file to share
     * @return a channel over the mapping, in big-endian order (the {@link ByteBuffer} default)
     * @throws IOException when the file cannot be opened or mapped
     */
    public static NaiveChannel open(final Path path) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw");
        try {
            MappedByteBuffer mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, REGION_SIZE);
            return new NaiveChannel(mapped, raf);
        } catch (IOException | RuntimeException e) {
            raf.close();
            throw e;
        }
    }

    /**
     * The naive protocol over any buffer of at least 1024 bytes (jcstress tests).
     *
     * @param buffer the shared region, used with its own byte order; nothing is written to it here
     * @return a channel over the first 1024 bytes of {@code buffer}
     * @throws IllegalArgumentException when {@code buffer} holds fewer than 1024 bytes
     */
    public static NaiveChannel wrap(final ByteBuffer buffer) {
        if (buffer.capacity() < REGION_SIZE) {
            throw new IllegalArgumentException("buffer must hold " + REGION_SIZE + " bytes: " + buffer.capacity());
        }
        return new NaiveChannel(buffer, null);
    }

    /**
     * The seed's producer step: length, payload, flag, force. Plain stores; does not wait for the
     * consumer to have read the previous message.
     *
     * @param src the payload's array
     * @param offset index of the first payload byte in {@code src}
     * @param length payload bytes; not checked against {@link #MAX_MESSAGE_LENGTH}: a longer payload
     *     overwrites the flag, or runs past the region ({@link IndexOutOfBoundsException} on a 1024-byte
     *     buffer)
     */
    public void send(final byte[] src, final int offset, final int length) {
        buffer.putInt(0, length);
        buffer.put(PAYLOAD_OFFSET, src, offset, length);
        buffer.put(FLAG_OFFSET, (byte) 1);
        if (buffer instanceof MappedByteBuffer) {
            ((MappedByteBuffer) buffer).force();
        }
    }

    /**
     * One look of the seed's consumer: if the flag reads 1 (plain load), copies the message into
     * {@code dst}, writes 0 to the flag and returns the length; else returns -1. The length is trusted
     * as the seed trusted it, only clamped to what {@code dst} and the region hold.
     *
     * @param dst where the payload is copied, from index 0
     * @return the bytes copied, or -1 when the flag did not read 1
     */
    public int poll(final byte[] dst) {
        if (buffer.get(FLAG_OFFSET) != 1) {
            return -1;
        }
        int length = buffer.getInt(0);
        int copied = Math.max(0, Math.min(length, Math.min(dst.length, MAX_MESSAGE_LENGTH)));
        buffer.get(PAYLOAD_OFFSET, dst, 0, copied);
        buffer.put(FLAG_OFFSET, (byte) 0);
        return copied;
    }

    /**
     * The seed's consumer loop: spins on a plain load of the flag until it reads 1, then {@link
     * #poll}s. The JIT may hoist that load out of the loop, and the call then never returns (the
     * jcstress {@code NaiveReference} termination tests show it); it cannot be interrupted either.
     *
     * @param dst where the payload is copied, from index 0
     * @return the bytes copied
     */
    public int receive(final byte[] dst) {
        while (buffer.get(FLAG_OFFSET) != 1) {
            // the seed's empty spin
        }
        return poll(dst);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
