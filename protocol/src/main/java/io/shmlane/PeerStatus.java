package io.shmlane;

/** What one side can tell about the other side of a channel. */
public enum PeerStatus {
    /** No process ever attached in the peer's role. */
    NOT_STARTED,
    /** A process holds the peer's role now. */
    ALIVE,
    /** The peer closed its role cleanly (for the producer: end of stream). */
    CLOSED,
    /** A process attached in the peer's role and is gone without closing: it crashed or was killed. */
    DEAD
}
