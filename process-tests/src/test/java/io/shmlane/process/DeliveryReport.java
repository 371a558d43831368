package io.shmlane.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts of a {@link DeliveryCheck} and the first problem of each kind, in words. */
final class DeliveryReport {
    final long expected;
    final long torn;
    long delivered;
    long distinct;
    long lost;
    long duplicated;
    long reordered;
    long redelivered;
    long unexpected;
    long maxRedeliveredAtOneRestart;
    long firstLost = -1;
    private final Map<String, String> firstProblems = new LinkedHashMap<>();

    DeliveryReport(final long expected, final long torn) {
        this.expected = expected;
        this.torn = torn;
    }

    void note(final String kind, final String description) {
        firstProblems.putIfAbsent(kind, description);
    }

    /** True when every expected message arrived once, in order, intact (redeliveries after a kill allowed). */
    boolean exactlyOnceInOrder() {
        return lost == 0 && duplicated == 0 && reordered == 0 && unexpected == 0 && torn == 0;
    }

    /** One line per kind of problem, naming the first: empty when clean. */
    List<String> problems() {
        List<String> list = new ArrayList<>();
        firstProblems.forEach((kind, text) -> list.add("first " + kind + ": " + text));
        return list;
    }

    @Override
    public String toString() {
        return "expected=" + expected + " delivered=" + delivered + " lost=" + lost + " duplicated=" + duplicated
                + " reordered=" + reordered + " torn=" + torn + " redelivered=" + redelivered + " unexpected="
                + unexpected + (firstProblems.isEmpty() ? "" : " " + problems());
    }
}
