package io.shmlane.relaxed;

import java.util.Arrays;

/**
 * Every store an execution made to one byte, in modification order (the order they executed in:
 * index 0 is the initial contents), with what each thread last read or wrote there (coherence) and
 * the plain accesses the race check needs.
 */
final class ByteHistory {
    private Store[] stores = new Store[4];
    private int count;
    /** Per thread: index of the store it last read or wrote here, or -1. Nothing older may be read. */
    final int[] coherence;
    /** Per thread: its clock at its last plain read here, or 0. */
    final long[] plainReadEpoch;
    /** Per thread: the step of that read, for the race report. */
    final int[] plainReadStep;
    /** The newest plain store here, or null. */
    Store lastPlainStore;

    ByteHistory(final Store initial, final int threads) {
        stores[0] = initial;
        count = 1;
        coherence = new int[threads];
        Arrays.fill(coherence, -1);
        plainReadEpoch = new long[threads];
        plainReadStep = new int[threads];
    }

    int count() {
        return count;
    }

    Store get(final int i) {
        return stores[i];
    }

    Store newest() {
        return stores[count - 1];
    }

    int append(final Store store) {
        if (count == stores.length) {
            stores = Arrays.copyOf(stores, count * 2);
        }
        stores[count] = store;
        return count++;
    }

    /**
     * The oldest store a thread with {@code clock} may still read: the newest store that happens
     * before it, or the one it read or wrote last, whichever is newer.
     */
    int lowerBound(final int thread, final long[] clock) {
        int bound = coherence[thread];
        for (int i = count - 1; i > bound; i--) {
            if (stores[i].happensBefore(clock)) {
                return i;
            }
        }
        return Math.max(bound, 0);
    }

    /** Index of the newest store whose order is at most {@code order}. */
    int newestAtOrBefore(final long order) {
        for (int i = count - 1; i > 0; i--) {
            if (stores[i].order <= order) {
                return i;
            }
        }
        return 0;
    }
}
