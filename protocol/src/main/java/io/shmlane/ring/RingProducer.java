package io.shmlane.ring;

import static io.shmlane.ChannelHeaderDescriptor.CONSUMER_POSITION_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.PRODUCER_POSITION_OFFSET;
import static io.shmlane.ring.RingDescriptor.ALIGNMENT;
import static io.shmlane.ring.RingDescriptor.HEADER_LENGTH;
import static io.shmlane.ring.RingDescriptor.HEADER_WORD_OFFSET;
import static io.shmlane.ring.RingDescriptor.TYPE_PADDING;
import static io.shmlane.ring.RingDescriptor.align;
import static io.shmlane.ring.RingDescriptor.headerWord;
import static io.shmlane.ring.RingDescriptor.messageTag;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.ChannelProducer;
import io.shmlane.Role;
import io.shmlane.internal.ChannelLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Appends records to a single-producer single-consumer ring. See {@link RingDescriptor} for the
 * record layout and the rules that make it safe across processes and crashes.
 *
 * <p>The producer keeps its tail in a field and a cached copy of the consumer's head; it reads the
 * shared head only when the cached one says there is not enough room.
 *
 * <p>Not thread-safe: one thread offers, claims and commits. Messages are committed, and seen by the
 * consumer, in the order of the calls; each takes {@code align(8 + length)} bytes of the ring (see
 * {@link RingDescriptor}), plus a padding to the ring's end when it does not fit before it. After
 * {@link #close()} or {@link #detach()} the role belongs to nobody, and a new producer may hold it:
 * every call that writes ({@code offer}, {@code send}, {@link #tryClaim}, {@link #commit}) then throws
 * an {@link IllegalStateException} and writes nothing; a claim still open is dropped.
 */
public final class RingProducer implements ChannelProducer {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ChannelFile file;
    private final ByteBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    /**
     * The longest payload this producer still takes: {@link #maxMessageLength}, and -1 once closed or
     * detached, so that the length check every write makes refuses them all, at no cost to the offer.
     */
    private int lengthLimit;

    private long tail;
    private long cachedHead;
    private long nextSequence;

    private int claimedRecordIndex = -1;
    private int claimedLength;
    private int claimedPaddingIndex;
    private int claimedPadding;
    private long claimedTail;

    private boolean closed;

    private RingProducer(final ChannelFile file, final ByteBuffer buffer, final int capacity) {
        this.file = file;
        this.buffer = buffer;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessageLength = RingDescriptor.maxMessageLength(capacity);
        this.lengthLimit = maxMessageLength;
        recover();
    }

    /**
     * A producer over {@code buffer} laid out like a ring file ({@link ChannelBuffers#allocate}),
     * without a file: no roles and no liveness. For tests (jcstress) and for embedding. Resumes after
     * the committed records already in the buffer, as {@link #open(Path, ChannelOptions)} does, and
     * stores its tail in the buffer's producer slot.
     *
     * @param buffer a direct, native-order buffer of at least {@link ChannelBuffers#fileLength} bytes,
     *     used from index 0; its header, when published, must say a ring of {@code capacity}
     * @param capacity bytes of the ring's data area, a power of two (see {@link ChannelOptions})
     * @return the producer; it shares {@code buffer} (position and limit untouched)
     * @throws IllegalArgumentException when the buffer is too small, not direct, not in native order, or
     *     its header says another kind or capacity
     * @throws ChannelException BAD_ARGUMENT when {@code capacity} is out of range; CORRUPT when the
     *     records in the buffer cannot have been left by a shmlane producer and consumer
     */
    public static RingProducer wrap(final ByteBuffer buffer, final int capacity) {
        ChannelLayout.checkWrappable(buffer, ChannelKind.RING, capacity);
        return new RingProducer(null, buffer, capacity);
    }

    /**
     * Opens the ring at {@code path} as its producer, creating the file if it does not exist. After a
     * producer that died, appending resumes after its last committed record and the sequence goes on.
     *
     * @param path the channel file
     * @param options how to create the file, and what an existing one must match (see {@link
     *     ChannelOptions})
     * @return the producer, holding the producer role until {@link #close()} or {@link #detach()}
     * @throws ChannelException when the file is not a usable ring, a live producer holds it, or an
     *     earlier producer ended its stream; CORRUPT when the records in it cannot have been left by a
     *     shmlane producer and consumer
     * @throws IllegalArgumentException when {@code options} are not for a ring
     */
    public static RingProducer open(final Path path, final ChannelOptions options) {
        return ChannelFile.openRole(
                path,
                options,
                ChannelKind.RING,
                Role.PRODUCER,
                file -> new RingProducer(file, file.buffer(), file.capacity()));
    }

    /**
     * {@link #open(Path, ChannelOptions)} with {@link ChannelOptions#ring()}: a 1 MiB ring when the file
     * is created.
     *
     * @param path the channel file
     * @return the producer, holding the producer role
     * @throws ChannelException as {@link #open(Path, ChannelOptions)}
     */
    public static RingProducer open(final Path path) {
        return open(path, ChannelOptions.ring());
    }

    /**
     * Starts where the last producer stopped: after the last committed record found by {@link
     * RingScan}. A record it claimed but never committed is discarded; its sequence number is reused.
     */
    private void recover() {
        RingScan scan = RingScan.of(buffer, capacity, file);
        tail = scan.tail();
        cachedHead = scan.head();
        nextSequence = scan.nextSequence();
        // the head never gets a lap past the published position (RingScan checks it): a producer that
        // refreshes its cached head only when the ring looks full must publish where it starts, or a
        // predecessor that died without publishing leaves a position a lap or more behind
        publishPosition();
    }

    @Override
    public boolean offer(final byte[] src, final int offset, final int length) {
        // before the claim: a copy that threw after it would leave the claim open and the producer stuck;
        // the length first, so that a bad length is the IllegalArgumentException every offer throws for it
        checkLength(length);
        Objects.checkFromIndexSize(offset, length, src.length);
        int recordIndex = claimInPlace(length);
        if (recordIndex < 0) {
            return offerClaimed(src, offset, length);
        }
        buffer.put(recordIndex + HEADER_LENGTH, src, offset, length);
        publishInPlace(recordIndex, length);
        return true;
    }

    @Override
    public boolean offer(final ByteBuffer src) {
        int length = src.remaining();
        checkLength(length);
        int recordIndex = claimInPlace(length);
        if (recordIndex < 0) {
            return offerClaimed(src, length);
        }
        buffer.put(recordIndex + HEADER_LENGTH, src, src.position(), length);
        publishInPlace(recordIndex, length);
        return true;
    }

    /** {@link #offer(byte[], int, int)} through {@link #tryClaim} and {@link #commit}: the other cases. */
    private boolean offerClaimed(final byte[] src, final int offset, final int length) {
        int index = tryClaim(length);
        if (index < 0) {
            return false;
        }
        buffer.put(index, src, offset, length);
        commit();
        return true;
    }

    /** {@link #offer(ByteBuffer)} through {@link #tryClaim} and {@link #commit}: the other cases. */
    private boolean offerClaimed(final ByteBuffer src, final int length) {
        int index = tryClaim(length);
        if (index < 0) {
            return false;
        }
        buffer.put(index, src, src.position(), length);
        commit();
        return true;
    }

    /**
     * The common case of an offer, without the claim's fields: the record fits before the ring's end
     * and the cached head leaves room for it. Then the header after it is zeroed, as {@link #tryClaim}
     * does, and the record's index in the buffer is returned, to be published by {@link
     * #publishInPlace} once the payload is written. Otherwise -1 and nothing is changed: {@link
     * #tryClaim} handles the padding at the ring's end, the refresh of the head, a full ring and an
     * open claim.
     *
     * <p>Measured with {@code benchmarks.jar cpu}: the producer's CPU per message is 0.80 of the offer
     * through the claim's fields at 32 B and 64 B, 0.88-0.94 at 256 B and 1 KiB, the same at 4 KiB
     * (benchmarks/README.md, "Stop 22").
     */
    private int claimInPlace(final int length) {
        if (claimedRecordIndex >= 0) {
            return -1;
        }
        int alignedLength = align(HEADER_LENGTH + length);
        int index = (int) (tail & mask);
        long newTail = tail + alignedLength;
        // no padding needed (see tryClaim()), and room before the head as last read
        if (alignedLength > capacity - index || !hasRoom(newTail)) {
            return -1;
        }
        zeroHeaderAt(newTail);
        return DATA_OFFSET + index;
    }

    /** {@link #commit()} of a message that {@link #claimInPlace} placed at {@code recordIndex}. */
    private void publishInPlace(final int recordIndex, final int length) {
        int recordLength = HEADER_LENGTH + length;
        publishRecord(recordIndex, recordLength);
        tail += align(recordLength);
        nextSequence++;
    }

    /**
     * Whether a record that ends at {@code newTail} fits before the head as last read, with {@value
     * RingDescriptor#ALIGNMENT} bytes to spare: they stay free so that the header zeroed at {@code
     * newTail} never touches an unread record.
     */
    private boolean hasRoom(final long newTail) {
        return newTail + ALIGNMENT - cachedHead <= capacity;
    }

    /** Zeroes the header at {@code position}, where the record after the one being written will go. */
    private void zeroHeaderAt(final long position) {
        // plain: the header to be written next must read 0 until it is committed; ordered before the
        // release in publishRecord(), so a consumer that sees this record sees the zero after it
        LONG.set(buffer, DATA_OFFSET + (int) (position & mask) + HEADER_WORD_OFFSET, 0L);
    }

    /**
     * Commits the message record at {@code recordIndex}: one release store of its header word, which
     * carries its length and the low bits of its sequence ({@link #nextSequence}).
     */
    private void publishRecord(final int recordIndex, final int recordLength) {
        long word = headerWord(recordLength, messageTag(nextSequence));
        // release: publishes the payload and the zeroed next header with length, type and sequence bits;
        // pairs with getAcquire in RingConsumer.poll()
        LONG.setRelease(buffer, recordIndex + HEADER_WORD_OFFSET, word);
    }

    /**
     * Claims room for a message of {@code length} bytes, to be written in place into {@link #buffer()}
     * at the returned index, then published with {@link #commit()} (or dropped with {@link #abort()}).
     * Nothing is visible to the consumer before the commit, and a producer that dies before it leaves no
     * trace. Never blocks. Write only the {@code length} bytes from the returned index, with absolute
     * accesses, and only until the commit or abort; the message gets the sequence {@link
     * #nextSequence()} has now.
     *
     * @param length payload bytes, from 0 to {@link #maxMessageLength()}
     * @return the absolute index of the payload in {@link #buffer()}, or -1 when there is no room (the
     *     consumer has not caught up; nothing was claimed)
     * @throws IllegalArgumentException when {@code length} is negative or above {@link
     *     #maxMessageLength()}
     * @throws IllegalStateException when a claim is already open, or the producer was closed or detached
     * @throws ChannelException CORRUPT when the consumer's shared head is impossible (not a multiple of
     *     8, after the tail, or more than {@code capacity - 8} bytes behind it)
     */
    public int tryClaim(final int length) {
        checkLength(length);
        if (claimedRecordIndex >= 0) {
            throw new IllegalStateException("commit() or abort() the open claim first");
        }
        int recordLength = HEADER_LENGTH + length;
        int alignedLength = align(recordLength);
        int index = (int) (tail & mask);
        int toEnd = capacity - index;
        int padding = alignedLength > toEnd ? toEnd : 0;
        long newTail = tail + padding + alignedLength;
        if (!hasRoom(newTail)) {
            // acquire: pairs with setRelease of the head in RingConsumer.poll(); the consumer's reads of
            // every record before that head happen before this producer overwrites them
            cachedHead = (long) LONG.getAcquire(buffer, CONSUMER_POSITION_OFFSET);
            checkHead(cachedHead);
            publishPosition();
            if (!hasRoom(newTail)) {
                return -1;
            }
        }
        int recordIndex = DATA_OFFSET + (padding > 0 ? 0 : index);
        zeroHeaderAt(newTail);
        claimedRecordIndex = recordIndex;
        claimedLength = recordLength;
        claimedPaddingIndex = DATA_OFFSET + index;
        claimedPadding = padding;
        claimedTail = newTail;
        return recordIndex + HEADER_LENGTH;
    }

    private void checkLength(final int length) {
        if (length < 0 || length > lengthLimit) {
            throw lengthRefused(length);
        }
    }

    private RuntimeException lengthRefused(final int length) {
        if (closed) {
            return closedError();
        }
        return new IllegalArgumentException(
                "message length must be from 0 to " + maxMessageLength + ": length=" + length);
    }

    private IllegalStateException closedError() {
        return ChannelLayout.useAfterClose(file, Role.PRODUCER);
    }

    /**
     * Checks the consumer's head before it is trusted for room: a multiple of {@value
     * RingDescriptor#ALIGNMENT}, not after the tail, and at most {@code capacity - 8} bytes behind it.
     * Any other head would let this producer overwrite unread records.
     */
    private void checkHead(final long head) {
        long inFlight = tail - head;
        if ((head & (ALIGNMENT - 1)) != 0 || inFlight < 0 || inFlight > capacity - ALIGNMENT) {
            throw new ChannelException(
                    ChannelException.Reason.CORRUPT,
                    ChannelLayout.describe(file) + " is corrupt: the consumer's head " + head
                            + " cannot be read with the producer's tail at " + tail + " in a ring of " + capacity
                            + " bytes");
        }
    }

    /**
     * Publishes the claimed message: one release store of its header word, which carries the low bits
     * of its sequence (and then of the padding's, when the message wrapped to index 0). The payload
     * written before is visible to the consumer that sees the record; the sequence moves on by one.
     *
     * @throws IllegalStateException when nothing is claimed (a claim open at {@link #close()} or
     *     {@link #detach()} was dropped there)
     */
    public void commit() {
        if (claimedRecordIndex < 0) {
            throw closed ? closedError() : new IllegalStateException("nothing claimed");
        }
        publishRecord(claimedRecordIndex, claimedLength);
        if (claimedPadding > 0) {
            // release: the padding is published after the message at index 0, so a consumer that
            // skips the padding finds the message committed
            LONG.setRelease(buffer, claimedPaddingIndex + HEADER_WORD_OFFSET, headerWord(claimedPadding, TYPE_PADDING));
        }
        tail = claimedTail;
        nextSequence++;
        claimedRecordIndex = -1;
    }

    /**
     * Stores the tail in the producer's slot for a reader that wants progress without walking the
     * records ({@link RingScan} is exact). Not on every commit: the slot shares its cache line with
     * the producer's state, which a waiting consumer reads, so a store per commit would make that line
     * travel between the cores with every message. Stored when the producer looks at the shared head
     * (at least once per lap, and on every try while the ring is full) and when it detaches or closes.
     */
    private void publishPosition() {
        // opaque: informative only; no ordering needed, so no barrier on ARM
        LONG.setOpaque(buffer, PRODUCER_POSITION_OFFSET, tail);
    }

    /** {@link #publishPosition()} on the way out, unless the file shrank under the mapping (SIGBUS). */
    private void publishFinalPosition() {
        try {
            if (file == null || !file.isTruncated()) {
                publishPosition();
            }
        } catch (InternalError fault) {
            // the file shrank between the check and the store: nothing to publish into any more
        }
    }

    /**
     * Drops the open claim, if any; nothing was published and the sequence number is reused. The bytes
     * written into the claimed space are left there, unpublished.
     */
    public void abort() {
        claimedRecordIndex = -1;
    }

    /**
     * The mapping the indices of {@link #tryClaim(int)} point into.
     *
     * @return the whole channel file's mapping (or the wrapped buffer), in native byte order; write
     *     into it only at a claimed payload, with absolute accesses
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Position after the last committed record: where the next record goes.
     *
     * @return a 64-bit byte position, a multiple of {@value RingDescriptor#ALIGNMENT}; its index in the
     *     data area is {@code tail & (capacity - 1)}
     */
    public long tail() {
        return tail;
    }

    /**
     * Bytes of the ring's data area.
     *
     * @return the capacity, a power of two; at most {@code capacity - 8} bytes of records are in flight
     */
    public int capacity() {
        return capacity;
    }

    @Override
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public int maxMessageLength() {
        return maxMessageLength;
    }

    @Override
    public ChannelFile file() {
        return file;
    }

    /** Refuses every write from now on (see {@link #lengthLimit}) and drops a claim still open. */
    private void retire() {
        closed = true;
        lengthLimit = -1;
        claimedRecordIndex = -1;
    }

    @Override
    public void detach() {
        if (!closed) {
            retire();
            publishFinalPosition();
            if (file != null) {
                file.close();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            retire();
            publishFinalPosition();
            // release: ordered after the last commit; a consumer that reads CLOSED with an acquire
            // load and then finds no record at its head has seen every message
            ChannelLayout.closeRole(file, buffer, Role.PRODUCER);
        }
    }

    @Override
    public String toString() {
        return "RingProducer[" + ChannelLayout.describe(file) + ", capacity=" + capacity + ", tail=" + tail
                + ", nextSequence=" + nextSequence + "]";
    }
}
