package io.example;

/** A made-up class for PitResultsTest: its mutants are in mutations.xml next to src/. */
final class Gate {
    boolean open(final long id, final long expected) {
        if (id == expected) {
            return true;
        }
        return id > expected;
    }

    long next(final long id) {
        return id + 1;
    }
}
