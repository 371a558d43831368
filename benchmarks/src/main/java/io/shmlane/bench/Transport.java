package io.shmlane.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways of moving a message from one JVM to another that the benchmarks compare. */
public enum Transport {
    /** shmlane's SPSC ring ({@code RingProducer} / {@code RingConsumer}). */
    RING("shmlane-ring", true),
    /**
     * Diagnostic, not in the default set: the same ring, but the waiting side calls {@code poll} in its
     * own spin loop and looks for the end of the stream only every 1024 empty polls, instead of
     * {@code receive}, which looks at the producer's state after every empty poll.
     */
    RING_POLL("shmlane-ring-poll", true, true),
    /** shmlane's one-slot mailbox: one message in flight, acknowledged each time. */
    MAILBOX("shmlane-mailbox", true),
    /** The known-broken reference of the blog post: loses messages, msync per message. */
    NAIVE("naive", true),
    /** Agrona's {@code OneToOneRingBuffer} over a mapped file of the same capacity (Aeron IPC's engine). */
    AGRONA("agrona", true),
    /** A Unix domain socket ({@code SocketChannel} on a {@code UnixDomainSocketAddress}), blocking. */
    UDS("uds", true),
    /** TCP over the loopback interface, blocking, TCP_NODELAY. */
    TCP("tcp", true),
    /** One 8-byte value bounced between two cache lines of a mapped file: the machine's limit. Latency only. */
    RAW("raw-cache-line", false);

    private final String label;
    private final boolean streams;
    private final boolean diagnostic;

    Transport(final String label, final boolean streams) {
        this(label, streams, false);
    }

    Transport(final String label, final boolean streams, final boolean diagnostic) {
        this.label = label;
        this.streams = streams;
        this.diagnostic = diagnostic;
    }

    /** Whether it is left out unless named (a variant for finding out where time goes). */
    public boolean diagnostic() {
        return diagnostic;
    }

    /** Name in results and on the command line. */
    public String label() {
        return label;
    }

    /** Whether it takes part in the throughput runs (all but the raw cache line). */
    public boolean streams() {
        return streams;
    }

    /** Whether both sides share a mapped file (as opposed to a socket). */
    public boolean sharedMemory() {
        return this != UDS && this != TCP;
    }

    /**
     * The transport named {@code name}: its label or a short form ({@code ring}, {@code ring-poll},
     * {@code mailbox}, {@code raw}).
     */
    public static Transport named(final String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Transport t : values()) {
            if (t.label.equals(wanted)
                    || t.label.equals("shmlane-" + wanted)
                    || t.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "': use one of "
                + Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(", ")));
    }

    /** The transports of the default throughput runs, in table order. */
    public static List<Transport> streaming() {
        return Arrays.stream(values()).filter(t -> t.streams && !t.diagnostic).collect(Collectors.toList());
    }

    /** The transports of the default latency runs, in table order. */
    public static List<Transport> all() {
        return Arrays.stream(values()).filter(t -> !t.diagnostic).collect(Collectors.toList());
    }
}
