package io.shmlane.process;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what consumers printed ({@code Consumed: Msg-N}, one list per consumer process, in the
 * order they ran) with what should have arrived: every expected message once, in order.
 *
 * <p>A consumer started after one that was killed may deliver again the messages its predecessor
 * printed but had not acknowledged: at most {@code redeliveryWindow} of them (the ring's batch, the
 * mailbox's single slot), in order, right at its start, ending with the last message printed before
 * the kill. Those are counted as <em>redelivered</em>; any other repeat is a <em>duplicate</em>.
 */
final class DeliveryCheck {
    private final long[] expected;
    private final boolean consecutive;
    private final Map<Long, Integer> positions;
    private final List<Delivery> deliveries = new ArrayList<>();
    private int redeliveryWindow;
    private long torn;
    private long malformedLines;

    private DeliveryCheck(final long[] expected) {
        this.expected = expected;
        boolean ascending = true;
        for (int i = 1; i < expected.length && ascending; i++) {
            ascending = expected[i] == expected[0] + i;
        }
        this.consecutive = ascending;
        this.positions = ascending ? null : new HashMap<>();
        if (!ascending) {
            for (int i = 0; i < expected.length; i++) {
                positions.putIfAbsent(expected[i], i);
            }
        }
    }

    /** Expects {@code Msg-0} ... {@code Msg-(count-1)}. */
    static DeliveryCheck expectingRange(final long count) {
        return new DeliveryCheck(LongList.range(0, count).toArray());
    }

    /** Expects the given messages, in this order (for example what a producer printed). */
    static DeliveryCheck expecting(final LongList messages) {
        return new DeliveryCheck(messages.toArray());
    }

    /** What one consumer process printed; {@code afterKill}: the consumer before it was killed. */
    DeliveryCheck delivered(final String label, final LongList messages, final boolean afterKill) {
        deliveries.add(new Delivery(label, messages.toArray(), afterKill));
        return this;
    }

    /** What one consumer process printed (not after a kill: no redelivery allowed). */
    DeliveryCheck delivered(final String label, final LongList messages) {
        return delivered(label, messages, false);
    }

    /** How many messages a consumer started after a kill may deliver again. */
    DeliveryCheck redeliveryWindow(final int window) {
        this.redeliveryWindow = window;
        return this;
    }

    /** Torn payloads the consumers reported ({@code Torn:} lines). */
    DeliveryCheck torn(final long count) {
        this.torn = count;
        return this;
    }

    /** {@code Consumed:} lines that named no message: each counts as an unexpected message. */
    DeliveryCheck malformedLines(final long count) {
        this.malformedLines = count;
        return this;
    }

    private int positionOf(final long message) {
        if (consecutive) {
            long p = expected.length == 0 ? -1 : message - expected[0];
            return p >= 0 && p < expected.length ? (int) p : -1;
        }
        Integer p = positions.get(message);
        return p != null ? p : -1;
    }

    DeliveryReport run() {
        DeliveryReport r = new DeliveryReport(expected.length, torn);
        BitSet seen = new BitSet(expected.length);
        int maxPosition = -1;
        int lastPosition = -1;
        for (int d = 0; d < deliveries.size(); d++) {
            Delivery delivery = deliveries.get(d);
            int redeliverThrough = d > 0 && delivery.afterKill ? lastPosition : -1;
            int run = redeliveredRun(delivery.messages, seen, redeliverThrough);
            int redelivered = 0;
            int previous = -2;
            for (int i = 0; i < delivery.messages.length; i++) {
                long message = delivery.messages[i];
                r.delivered++;
                int p = positionOf(message);
                String where = delivery.label + " message line " + (i + 1);
                if (p < 0) {
                    r.unexpected++;
                    r.note("unexpected", "Msg-" + message + " was never produced (" + where + ")");
                    continue;
                }
                if (i < run) {
                    // only the newest redeliveryWindow before the kill point were unacknowledged: a run that
                    // reaches further back is a restart from an older position, also when it is cut short
                    // (a consumer killed again during its redelivery printed only the start of it)
                    if (p > redeliverThrough - redeliveryWindow) {
                        redelivered++;
                        r.redelivered++;
                    } else {
                        r.duplicated++;
                        r.note(
                                "duplicate",
                                "Msg-" + message + " redelivered after the kill beyond the unacknowledged window of "
                                        + redeliveryWindow + " (" + where + ")");
                    }
                    r.maxRedeliveredAtOneRestart = Math.max(r.maxRedeliveredAtOneRestart, redelivered);
                    previous = p;
                    continue;
                }
                if (seen.get(p)) {
                    r.duplicated++;
                    r.note("duplicate", "Msg-" + message + " delivered again (" + where + ")");
                } else {
                    seen.set(p);
                    if (p < maxPosition) {
                        r.reordered++;
                        r.note(
                                "reordering",
                                "Msg-" + message + " after Msg-" + expected[maxPosition] + " (" + where + ")");
                    }
                    maxPosition = Math.max(maxPosition, p);
                }
                previous = p;
                lastPosition = p;
            }
        }
        if (malformedLines > 0) {
            r.unexpected += malformedLines;
            r.delivered += malformedLines;
            r.note("unexpected", malformedLines + " 'Consumed:' lines name no Msg-N");
        }
        r.distinct = seen.cardinality();
        r.lost = expected.length - r.distinct;
        if (r.lost > 0) {
            int first = seen.nextClearBit(0);
            r.firstLost = expected[first];
            r.note(
                    "lost",
                    "Msg-" + expected[first] + " never consumed"
                            + (first > 0 ? " (expected after Msg-" + expected[first - 1] + ")" : "")
                            + (r.lost > 1 ? "; " + r.lost + " lost in all" : ""));
        }
        if (torn > 0) {
            r.note("torn", torn + " payloads failed their checksum");
        }
        return r;
    }

    /**
     * How many messages at the start of {@code messages} are a redelivery: already seen, consecutive,
     * and ending exactly with the last message printed before the kill ({@code through}) unless they are
     * the whole delivery (a consumer killed again during its redelivery); 0 when the
     * start of the delivery is anything else (a restart from an older position, a skip).
     */
    private int redeliveredRun(final long[] messages, final BitSet seen, final int through) {
        if (through < 0) {
            return 0;
        }
        int previous = -2;
        int j = 0;
        while (j < messages.length) {
            int p = positionOf(messages[j]);
            if (p < 0 || p > through || !seen.get(p) || (j > 0 && p != previous + 1)) {
                break;
            }
            previous = p;
            j++;
        }
        // the run ends at the kill point, or is the whole delivery: a consumer killed again while it
        // was redelivering printed only a prefix of the redelivery
        return j > 0 && (previous == through || j == messages.length) ? j : 0;
    }

    private static final class Delivery {
        final String label;
        final long[] messages;
        final boolean afterKill;

        Delivery(final String label, final long[] messages, final boolean afterKill) {
            this.label = label;
            this.messages = messages;
            this.afterKill = afterKill;
        }
    }
}
