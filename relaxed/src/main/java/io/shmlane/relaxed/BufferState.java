package io.shmlane.relaxed;

import java.nio.ByteBuffer;

/** The simulated memory of one direct buffer during one execution: a history per byte touched. */
final class BufferState {
    final ByteBuffer buffer;
    final String name;
    private final ByteHistory[] bytes;
    private final int threads;

    BufferState(final ByteBuffer buffer, final String name, final int threads) {
        this.buffer = buffer;
        this.name = name;
        this.bytes = new ByteHistory[buffer.capacity()];
        this.threads = threads;
    }

    /**
     * The history of the byte at {@code address}, begun on first use with the buffer's real contents
     * as the initial store (written before the execution, so it happens before every access).
     */
    ByteHistory history(final int address) {
        ByteHistory history = bytes[address];
        if (history == null) {
            Store initial =
                    new Store(0, Store.INITIAL, 0, null, AccessMode.PLAIN, address, 1, buffer.get(address) & 0xFFL, 0);
            history = new ByteHistory(initial, threads);
            bytes[address] = history;
        }
        return history;
    }
}
