package io.shmlane.process;

import java.util.Arrays;

/** A growable list of {@code long}s: a million message numbers without a million boxes. Thread-safe. */
final class LongList {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(final long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized int size() {
        return size;
    }

    synchronized long get(final int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return values[index];
    }

    /** The last value, or {@code fallback} when empty. */
    synchronized long last(final long fallback) {
        return size == 0 ? fallback : values[size - 1];
    }

    /** A copy of the values added so far. */
    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** A list holding {@code values}. */
    static LongList of(final long... values) {
        LongList list = new LongList();
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    /** A list holding {@code from}, {@code from + 1}, ..., {@code to - 1}. */
    static LongList range(final long from, final long to) {
        LongList list = new LongList();
        for (long v = from; v < to; v++) {
            list.add(v);
        }
        return list;
    }
}
