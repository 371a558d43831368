package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The delivery check over the whole space of runs, not a few examples: every run a correct channel can
 * produce (consumers killed anywhere, each successor redelivering up to the window of messages that ended
 * at the kill point) passes with its redeliveries counted apart; the same run with one message lost,
 * repeated, swapped or never produced fails, and names that problem.
 */
class DeliveryCheckPropertiesTest {
    /** A legal run: the consumers' lists of messages, and how many of them were redelivered. */
    private record Run(List<List<Long>> deliveries, List<Integer> redeliveries, int window, int count) {
        DeliveryCheck check() {
            DeliveryCheck check = DeliveryCheck.expectingRange(count).redeliveryWindow(window);
            for (int d = 0; d < deliveries.size(); d++) {
                LongList list = new LongList();
                deliveries.get(d).forEach(list::add);
                check.delivered("c" + (d + 1), list, d > 0);
            }
            return check;
        }

        int totalRedelivered() {
            return redeliveries.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Msg-0..Msg-(count-1) cut into consumers at random kill points, each successor redelivering up to window. */
    private static Run legalRun(final long seed, final int count, final int window, final int kills) {
        Random random = new Random(seed);
        List<List<Long>> deliveries = new ArrayList<>();
        List<Integer> redeliveries = new ArrayList<>();
        long next = 0;
        for (int d = 0; d <= kills; d++) {
            List<Long> delivery = new ArrayList<>();
            int redelivered = 0;
            if (d > 0 && next > 0 && window > 0) {
                redelivered = random.nextInt((int) Math.min(window, next) + 1);
                for (long m = next - redelivered; m < next; m++) {
                    delivery.add(m);
                }
            }
            // the last consumer takes the rest; the others print at least one new message before their kill
            long end =
                    d == kills ? count : Math.min(count, next + 1 + random.nextInt(Math.max(1, count / (kills + 1))));
            for (long m = next; m < end; m++) {
                delivery.add(m);
            }
            next = end;
            deliveries.add(delivery);
            redeliveries.add(redelivered);
        }
        return new Run(deliveries, redeliveries, window, count);
    }

    @Property(tries = 500)
    void shouldPassEveryRunACorrectChannelCanProduce(
            @ForAll final long seed,
            @ForAll @IntRange(min = 0, max = 60) final int count,
            @ForAll @IntRange(min = 0, max = 8) final int window,
            @ForAll @IntRange(min = 0, max = 4) final int kills) {
        Run run = legalRun(seed, count, window, kills);

        DeliveryReport report = run.check().run();

        assertThat(report.problems()).as("%s -> %s", run, report).isEmpty();
        assertThat(report.exactlyOnceInOrder()).as("%s -> %s", run, report).isTrue();
        assertThat(report.redelivered).as("%s -> %s", run, report).isEqualTo(run.totalRedelivered());
        assertThat(report.distinct).isEqualTo(count);
    }

    enum Damage {
        LOST("lost"),
        REPEATED("duplicate"),
        SWAPPED("reordering"),
        NEVER_PRODUCED("unexpected"),
        /** a successor redelivers one more than the window */
        REDELIVERY_TOO_LONG("duplicate"),
        /** a successor's redelivery skips a message */
        REDELIVERY_WITH_A_HOLE("duplicate"),
        /** a successor's redelivery ends before the kill point (it resumed from an older position) */
        REDELIVERY_BEFORE_THE_KILL_POINT("duplicate"),
        /** a successor killed again during a redelivery that started beyond the window */
        REDELIVERY_CUT_SHORT_FROM_TOO_FAR_BACK("duplicate");

        final String problem;

        Damage(final String problem) {
            this.problem = problem;
        }
    }

    @Property(tries = 1000)
    void shouldFailAndNameTheDamageOfOneMessage(
            @ForAll final long seed,
            @ForAll @IntRange(min = 3, max = 60) final int count,
            @ForAll @IntRange(min = 0, max = 8) final int window,
            @ForAll @IntRange(min = 0, max = 4) final int kills,
            @ForAll final Damage damage) {
        Run run = legalRun(seed, count, window, kills);
        Random random = new Random(~seed);
        if (damage.name().startsWith("REDELIVERY")) {
            damageARedelivery(run, damage, random);
            DeliveryReport report = run.check().run();
            assertThat(report.problems())
                    .as("%s in %s -> %s", damage, run, report)
                    .anyMatch(line -> line.startsWith("first " + damage.problem + ": "));
            return;
        }
        // damage only a message that is new to its consumer (past its redelivered prefix); a lost message
        // must also not be redelivered later, or the successor's copy is simply its first delivery
        List<Long> all = new ArrayList<>();
        run.deliveries().forEach(all::addAll);
        List<int[]> newMessages = new ArrayList<>();
        for (int d = 0; d < run.deliveries().size(); d++) {
            for (int i = run.redeliveries().get(d); i < run.deliveries().get(d).size(); i++) {
                Long m = run.deliveries().get(d).get(i);
                if (damage != Damage.LOST || all.indexOf(m) == all.lastIndexOf(m)) {
                    newMessages.add(new int[] {d, i});
                }
            }
        }
        Assume.that(!newMessages.isEmpty()); // every message was redelivered later: nothing can be lost
        int[] at = newMessages.get(random.nextInt(newMessages.size()));
        List<Long> delivery = run.deliveries().get(at[0]);
        long message = delivery.get(at[1]);
        switch (damage) {
            case LOST -> delivery.remove(at[1]);
            case REPEATED -> {
                // again, right after itself or anywhere later in this consumer's list
                int to = at[1] + 1 + random.nextInt(delivery.size() - at[1]);
                delivery.add(to, message);
            }
            case SWAPPED -> {
                // with the next new message, which may be the next consumer's first
                Assume.that(newMessages.size() >= 2);
                int k = newMessages.indexOf(at);
                int[] other = newMessages.get(k + 1 < newMessages.size() ? k + 1 : k - 1);
                List<Long> otherDelivery = run.deliveries().get(other[0]);
                delivery.set(at[1], otherDelivery.get(other[1]));
                otherDelivery.set(other[1], message);
            }
            case NEVER_PRODUCED -> delivery.add(at[1], random.nextBoolean() ? count + random.nextInt(5) : -1L);
        }

        DeliveryReport report = run.check().run();

        assertThat(report.exactlyOnceInOrder())
                .as("%s of Msg-%d in %s -> %s", damage, message, run, report)
                .isFalse();
        assertThat(report.problems())
                .as("%s of Msg-%d in %s -> %s", damage, message, run, report)
                .anyMatch(line -> line.startsWith("first " + damage.problem + ": "));
    }

    /** Replaces the redelivered prefix of one successor with an illegal one. */
    private static void damageARedelivery(final Run run, final Damage damage, final Random random) {
        Assume.that(run.deliveries().size() >= 2);
        int d = 1 + random.nextInt(run.deliveries().size() - 1);
        long killPoint = -1; // the last new message printed before consumer d started
        for (int e = 0; e < d; e++) {
            List<Long> earlier = run.deliveries().get(e);
            if (earlier.size() > run.redeliveries().get(e)) {
                killPoint = earlier.get(earlier.size() - 1);
            }
        }
        int window = run.window();
        List<Long> prefix = new ArrayList<>();
        switch (damage) {
            case REDELIVERY_TOO_LONG -> {
                Assume.that(killPoint - window >= 0);
                for (long m = killPoint - window; m <= killPoint; m++) {
                    prefix.add(m);
                }
            }
            case REDELIVERY_WITH_A_HOLE -> {
                int length = (int) Math.min(window, killPoint + 1);
                Assume.that(length >= 2);
                for (long m = killPoint - length + 1; m <= killPoint; m++) {
                    prefix.add(m);
                }
                // not the first (a shorter redelivery is legal), nor the last when nothing follows it (a
                // consumer killed again during its redelivery legally printed only the start of it)
                int hole = 1 + random.nextInt(length - 1);
                Assume.that(hole < length - 1
                        || run.deliveries().get(d).size() > run.redeliveries().get(d));
                prefix.remove(hole);
            }
            case REDELIVERY_CUT_SHORT_FROM_TOO_FAR_BACK -> {
                // a consumer between d-1 and d that printed only part of a redelivery from killPoint - window
                Assume.that(killPoint - window >= 0);
                List<Long> cutShort = new ArrayList<>();
                for (long m = killPoint - window, end = m + random.nextInt(window + 1); m <= end; m++) {
                    cutShort.add(m);
                }
                Assume.that(cutShort.get(cutShort.size() - 1) < killPoint); // reaching it: REDELIVERY_TOO_LONG
                run.deliveries().add(d, cutShort);
                run.redeliveries().add(d, cutShort.size());
                return;
            }
            default -> {
                int length = (int) Math.min(window, killPoint);
                // new messages must follow: alone, it could be the legal start of a redelivery cut short
                Assume.that(length >= 1
                        && run.deliveries().get(d).size() > run.redeliveries().get(d));
                for (long m = killPoint - length; m < killPoint; m++) {
                    prefix.add(m);
                }
            }
        }
        List<Long> delivery = run.deliveries().get(d);
        delivery.subList(0, run.redeliveries().get(d)).clear();
        delivery.addAll(0, prefix);
    }
}
