package io.shmlane.jcstress.header;

import static io.shmlane.ChannelHeaderDescriptor.CAPACITY_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.CREATION_TIME_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.CREATOR_PID_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.KIND_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.LAYOUT_VERSION;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC;
import static io.shmlane.ChannelHeaderDescriptor.MAGIC_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.MAX_MESSAGE_LENGTH_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.SLOT_LENGTH;
import static io.shmlane.ChannelHeaderDescriptor.VERSION_OFFSET;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.shmlane.ChannelKind;
import io.shmlane.internal.ChannelLayout;
import io.shmlane.jcstress.ReferenceTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IL_Result;

/**
 * The start-up handshake of a channel file: the creator fills the header with plain stores and then
 * publishes the layout version with a release store ({@link ChannelLayout#publishHeader}); an
 * attacher that reads a non-zero version with an acquire load ({@link ChannelLayout#versionAcquire})
 * sees every field. The attacher here reads the fields the way {@code ChannelFile} validates them:
 * magic, kind, capacity, maximum message length, data offset, and the creation time and creator pid
 * (non-zero).
 *
 * <p>Two variants: {@link ReleaseAcquire}, the real protocol; {@link PlainVersionRead}, a reference
 * that reads the version with a plain load, to show what the acquire is for.
 *
 * <p>What the hardware contributes, per architecture. x86 (TSO) keeps store order and load order in
 * hardware: there only the JIT can reorder the attacher's loads (or the creator's stores), so the
 * plain variant is expected to stay clean on x86 unless C2 schedules a field load above the version
 * load. AArch64 (ARM) reorders loads in hardware: there the plain variant may see a version without
 * the fields, and the release/acquire variant must not.
 *
 * <p>Run one variant alone (the driver, see the module's README):
 *
 * <pre>
 *   ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='HeaderHandshake.ReleaseAcquire'
 * </pre>
 */
public final class HeaderHandshake {
    static final int CAPACITY = 1024;
    static final int MAX_MESSAGE_LENGTH = CAPACITY / 8;

    private HeaderHandshake() {}

    /** A zeroed header slot, as a new file's first bytes before the creator wrote them. */
    abstract static class Header {
        final ByteBuffer header = ByteBuffer.allocateDirect(SLOT_LENGTH).order(ByteOrder.nativeOrder());

        /** The first field an attacher finds unwritten, or WHOLE. Plain loads, as ChannelFile reads them. */
        final String fields() {
            if (header.getLong(MAGIC_OFFSET) != MAGIC) {
                return "MAGIC";
            }
            if (header.getInt(KIND_OFFSET) != ChannelKind.RING.code()) {
                return "KIND";
            }
            if (header.getInt(CAPACITY_OFFSET) != CAPACITY) {
                return "CAPACITY";
            }
            if (header.getInt(MAX_MESSAGE_LENGTH_OFFSET) != MAX_MESSAGE_LENGTH) {
                return "MAX_LENGTH";
            }
            if (header.getInt(DATA_OFFSET_OFFSET) != DATA_OFFSET) {
                return "DATA_OFFSET";
            }
            if (header.getLong(CREATION_TIME_OFFSET) == 0) {
                return "CREATION_TIME";
            }
            if (header.getLong(CREATOR_PID_OFFSET) == 0) {
                return "PID";
            }
            return "WHOLE";
        }
    }

    /**
     * An attacher that reads the published version (acquire) sees the whole header.
     *
     * <p>Expected: x86 and ARM, the two ACCEPTABLE rows only; a FORBIDDEN row names the first field
     * that was not visible although the version was.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT           JDK 17         JDK 25  EXPECT
     *   0, NONE       2,557,102        432,047  ACCEPTABLE
     *   2, WHOLE        631,980        467,044  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='HeaderHandshake.ReleaseAcquire'}
     */
    @JCStressTest
    @Description("Header: an attacher that reads the published version with acquire sees every field")
    @Outcome(id = "0, NONE", expect = ACCEPTABLE, desc = "attacher looked before the version was published")
    @Outcome(id = "2, WHOLE", expect = ACCEPTABLE, desc = "version published and every field visible")
    @Outcome(id = "2, .*", expect = FORBIDDEN, desc = "version visible before the field named")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a version that was never written")
    @State
    public static class ReleaseAcquire extends Header {
        @Actor
        public void creator() {
            ChannelLayout.publishHeader(header, ChannelKind.RING, CAPACITY);
        }

        @Actor
        public void attacher(final IL_Result r) {
            int version = ChannelLayout.versionAcquire(header);
            r.r1 = version;
            r.r2 = version == 0 ? "NONE" : fields();
        }
    }

    /**
     * Reference: the same creator, and an attacher that reads the version with a plain load. Nothing
     * then orders its field loads after the version load.
     *
     * <p>Expected: "2, WHOLE" and "0, NONE" mostly. x86: the hardware keeps load order, so a "2,
     * field" row needs C2 to schedule a field load above the version load; the stress flags of the
     * default run make that possible, not likely. ARM: the hardware may satisfy the field loads early,
     * "2, field" rows are expected with enough samples.
     *
     * <p>Measured on this machine (x86-64, 2 cores, mode ci, samples; no FORBIDDEN row was observed):
     *
     * <pre>
     *   RESULT           JDK 17         JDK 25  EXPECT
     *   0, NONE       2,065,115      1,883,668  ACCEPTABLE
     *   2, WHOLE        798,027        377,343  ACCEPTABLE
     * </pre>
     *
     * <p>Run alone: {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests='HeaderHandshake.PlainVersionRead'}
     */
    @ReferenceTest("the attacher reads the version with a plain load: its field loads are not ordered after it")
    @JCStressTest
    @Description("Header (reference): a plain load of the version does not order the field loads after it")
    @Outcome(id = "0, NONE", expect = ACCEPTABLE, desc = "attacher looked before the version was published")
    @Outcome(id = "2, WHOLE", expect = ACCEPTABLE, desc = "version published and every field visible")
    @Outcome(
            id = "2, .*",
            expect = ACCEPTABLE_INTERESTING,
            desc = "version seen without the field named: field load reordered above the plain version load")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a version that was never written")
    @State
    public static class PlainVersionRead extends Header {
        @Actor
        public void creator() {
            ChannelLayout.publishHeader(header, ChannelKind.RING, CAPACITY);
        }

        @Actor
        public void attacher(final IL_Result r) {
            int version = header.getInt(VERSION_OFFSET);
            r.r1 = version;
            r.r2 = version == 0 ? "NONE" : fields();
        }
    }

    static {
        if (LAYOUT_VERSION != 2) {
            throw new IllegalStateException("the outcomes above expect layout version 2, not " + LAYOUT_VERSION);
        }
    }
}
