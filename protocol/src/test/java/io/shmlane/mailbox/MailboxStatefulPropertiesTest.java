package io.shmlane.mailbox;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of mailbox actions (offers of every size, polls with failing handlers, close,
 * producer crashes inside an offer, consumer crashes before the acknowledgement) checked after
 * every step against {@link MailboxSystem}'s model. Tries as in {@code RingStatefulPropertiesTest}.
 */
class MailboxStatefulPropertiesTest {
    private final List<MailboxSystem> systems = new ArrayList<>();

    @AfterTry
    void closeSystems() {
        systems.forEach(MailboxSystem::dispose);
        systems.clear();
    }

    @Property
    void mailboxOverABufferKeepsEveryCommittedMessageOnceInOrder(
            @ForAll("overBuffer") final ActionChain<MailboxSystem> chain) {
        chain.withInvariant("model", MailboxSystem::checkInvariants).run();
    }

    @Property
    void mailboxOverAFileKeepsEveryCommittedMessageOnceInOrder(
            @ForAll("overFile") final ActionChain<MailboxSystem> chain) {
        chain.withInvariant("model", MailboxSystem::checkInvariants).run();
    }

    @Provide
    Arbitrary<ActionChain<MailboxSystem>> overBuffer() {
        return chains(false);
    }

    @Provide
    Arbitrary<ActionChain<MailboxSystem>> overFile() {
        return chains(true);
    }

    private ActionChainArbitrary<MailboxSystem> chains(final boolean overFile) {
        Arbitrary<Integer> lengths = Arbitraries.oneOf(
                Arbitraries.integers().between(0, MailboxSystem.CAPACITY),
                Arbitraries.of(0, 1, MailboxSystem.CAPACITY - 1, MailboxSystem.CAPACITY));
        return ActionChain.<MailboxSystem>startWith(() -> {
                    MailboxSystem system = new MailboxSystem(overFile);
                    systems.add(system);
                    return system;
                })
                .withAction(5, new Offer(lengths))
                .withAction(5, new Poll())
                .withAction(1, new Close())
                .withAction(2, new CrashProducer())
                .withAction(2, new CrashConsumer())
                .withAction(1, Action.just(Transformer.mutate("restart consumer", s -> s.reopenConsumer(true))))
                .withMaxTransformations(30);
    }

    static final class Offer implements Action.Independent<MailboxSystem> {
        private final Arbitrary<Integer> lengths;

        Offer(final Arbitrary<Integer> lengths) {
            this.lengths = lengths;
        }

        @Override
        public boolean precondition(final MailboxSystem s) {
            return s.producerOpen();
        }

        @Override
        public Arbitrary<Transformer<MailboxSystem>> transformer() {
            return lengths.map(length -> Transformer.mutate("offer " + length, s -> s.offer(length)));
        }
    }

    static final class Poll implements Action.Independent<MailboxSystem> {
        @Override
        public Arbitrary<Transformer<MailboxSystem>> transformer() {
            return Combinators.combine(Arbitraries.of(1, 2, 100), Arbitraries.of(false, true))
                    .as((limit, throwing) -> Transformer.mutate(
                            "poll " + limit + (throwing ? " throwing" : ""), s -> s.poll(limit, throwing)));
        }
    }

    static final class Close implements Action.Independent<MailboxSystem> {
        @Override
        public boolean precondition(final MailboxSystem s) {
            return s.producerOpen();
        }

        @Override
        public Arbitrary<Transformer<MailboxSystem>> transformer() {
            return Arbitraries.just(Transformer.mutate("close", MailboxSystem::closeProducer));
        }
    }

    static final class CrashProducer implements Action.Independent<MailboxSystem> {
        @Override
        public boolean precondition(final MailboxSystem s) {
            return s.producerOpen();
        }

        @Override
        public Arbitrary<Transformer<MailboxSystem>> transformer() {
            return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, MailboxSystem.CAPACITY))
                    .map(partial -> Transformer.mutate(
                            partial > 0
                                    ? "crash producer after writing " + partial + " payload bytes"
                                    : "crash producer",
                            s -> s.crashProducer(partial)));
        }
    }

    static final class CrashConsumer implements Action.Independent<MailboxSystem> {
        @Override
        public Arbitrary<Transformer<MailboxSystem>> transformer() {
            return Arbitraries.of(false, true)
                    .map(keepNext -> Transformer.mutate(
                            "crash consumer before the acknowledgement"
                                    + (keepNext ? " (next sequence stored, flag not)" : ""),
                            s -> s.crashConsumer(keepNext)));
        }
    }
}
