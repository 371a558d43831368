package io.shmlane.cli;

import io.shmlane.ChannelKind;

/** The {@code --channel} choices. */
enum ChannelType {
    ring(ChannelKind.RING),
    mailbox(ChannelKind.MAILBOX),
    /** The seed's protocol: known-broken, for showing that the test suite catches its losses. */
    naive(null);

    private final ChannelKind kind;

    ChannelType(final ChannelKind kind) {
        this.kind = kind;
    }

    /** The channel kind, or null for the naive reference, which has no header. */
    ChannelKind kind() {
        return kind;
    }
}
