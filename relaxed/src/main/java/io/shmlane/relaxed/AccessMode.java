package io.shmlane.relaxed;

/**
 * The access modes of {@link java.lang.invoke.VarHandle}, as the simulator gives them their
 * guarantees (see the module's README for the rules and the litmus outcomes they allow).
 */
public enum AccessMode {
    /** {@code get}/{@code set}, and every {@code ByteBuffer} access: no ordering, stale reads allowed. */
    PLAIN("plain"),
    /** {@code getOpaque}/{@code setOpaque}: coherent per location and eventually up to date; no ordering. */
    OPAQUE("opaque"),
    /** {@code getAcquire}: synchronizes with the release store it reads. */
    ACQUIRE("acquire"),
    /** {@code setRelease}: publishes every earlier access of its thread to an acquire that reads it. */
    RELEASE("release"),
    /** {@code getVolatile}/{@code setVolatile}/{@code compareAndSet}: acquire, release and one total order. */
    VOLATILE("volatile");

    private final String label;

    AccessMode(final String label) {
        this.label = label;
    }

    /** The mode's name in traces. */
    public String label() {
        return label;
    }
}
