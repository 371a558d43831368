package io.shmlane.ring;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of ring actions (offers of every size, the largest and the wrap-forcing ones
 * included, claims committed or aborted, polls with random limits and failing handlers, close,
 * producer and consumer crashes at any point) checked after every step against {@link RingSystem}'s
 * model. Tries: {@code jqwik.tries.default}, set from {@code -Dshmlane.properties.tries} by the
 * build (a modest number in verify; 10,000 for the hunt).
 */
class RingStatefulPropertiesTest {
    private final List<RingSystem> systems = new ArrayList<>();

    @AfterTry
    void closeSystems() {
        systems.forEach(RingSystem::dispose);
        systems.clear();
    }

    @Property
    void ringOverABufferKeepsEveryCommittedMessageOnceInOrder(
            @ForAll("overBuffer") final ActionChain<RingSystem> chain) {
        chain.withInvariant("model", RingSystem::checkInvariants).run();
    }

    @Property
    void ringOverAFileKeepsEveryCommittedMessageOnceInOrder(@ForAll("overFile") final ActionChain<RingSystem> chain) {
        chain.withInvariant("model", RingSystem::checkInvariants).run();
    }

    @Provide
    Arbitrary<ActionChain<RingSystem>> overBuffer() {
        return chains(false);
    }

    @Provide
    Arbitrary<ActionChain<RingSystem>> overFile() {
        return chains(true);
    }

    private ActionChainArbitrary<RingSystem> chains(final boolean overFile) {
        return ActionChain.<RingSystem>startWith(() -> {
                    RingSystem system = new RingSystem(overFile);
                    systems.add(system);
                    return system;
                })
                .withAction(6, new Offer())
                .withAction(2, new Burst())
                .withAction(2, new Claim())
                .withAction(3, new CommitOrAbort())
                .withAction(6, new Poll())
                .withAction(1, new Close())
                .withAction(2, new CrashProducer())
                .withAction(2, new CrashConsumer())
                .withAction(1, Action.just(Transformer.mutate("restart consumer", s -> s.reopenConsumer(true))))
                .withMaxTransformations(50);
    }

    /** Sizes that matter: any, none, the largest, and those that just fit before the end or force a wrap. */
    static Arbitrary<Integer> lengths(final int toEnd, final int free, final int header, final int max) {
        List<Integer> edges = new ArrayList<>();
        for (int length : new int[] {
            toEnd - header - 7,
            toEnd - header,
            toEnd - header + 1,
            toEnd - header + 8, // the wrap
            free - RingDescriptor.ALIGNMENT - header,
            free - header,
            free - header - 7 // a full ring
        }) {
            if (length >= 0 && length <= max) {
                edges.add(length);
            }
        }
        Arbitrary<Integer> any = Arbitraries.integers().between(0, max);
        Arbitrary<Integer> fixed = Arbitraries.of(0, 1, max);
        return edges.isEmpty()
                ? Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, fixed))
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, any),
                        net.jqwik.api.Tuple.of(1, fixed),
                        net.jqwik.api.Tuple.of(3, Arbitraries.of(edges)));
    }

    private static Arbitrary<Integer> lengths(final RingSystem s) {
        return lengths(s.toEnd(), s.free(), RingDescriptor.HEADER_LENGTH, RingSystem.MAX_LENGTH);
    }

    static final class Offer implements Action.Dependent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.producerOpen() && !s.claimOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer(final RingSystem s) {
            return lengths(s).map(length -> Transformer.mutate("offer " + length, sys -> sys.offer(length)));
        }
    }

    /** Several offers in a row, so that the ring fills up. */
    static final class Burst implements Action.Dependent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.producerOpen() && !s.claimOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer(final RingSystem s) {
            return lengths(s)
                    .list()
                    .ofMinSize(2)
                    .ofMaxSize(16)
                    .map(list -> Transformer.mutate("offer " + list, sys -> {
                        for (int length : list) {
                            sys.offer(length);
                        }
                    }));
        }
    }

    static final class Claim implements Action.Dependent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.producerOpen() && !s.claimOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer(final RingSystem s) {
            return lengths(s).map(length -> Transformer.mutate("tryClaim " + length, sys -> sys.tryClaim(length)));
        }
    }

    static final class CommitOrAbort implements Action.Independent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.claimOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer() {
            return Arbitraries.of(
                    Transformer.mutate("commit", RingSystem::commit), Transformer.mutate("abort", RingSystem::abort));
        }
    }

    static final class Poll implements Action.Independent<RingSystem> {
        @Override
        public Arbitrary<Transformer<RingSystem>> transformer() {
            Arbitrary<Integer> limits = Arbitraries.oneOf(Arbitraries.integers().between(1, 8), Arbitraries.of(1000));
            Arbitrary<Integer> throwAfter = Arbitraries.oneOf(
                    Arbitraries.just(-1), Arbitraries.integers().between(1, 4));
            return net.jqwik.api.Combinators.combine(limits, throwAfter)
                    .as((limit, after) -> Transformer.mutate(
                            "poll " + limit + (after > 0 ? " throwing after " + after : ""),
                            s -> s.poll(limit, after)));
        }
    }

    static final class Close implements Action.Independent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.producerOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer() {
            return Arbitraries.just(Transformer.mutate("close", RingSystem::closeProducer));
        }
    }

    static final class CrashProducer implements Action.Independent<RingSystem> {
        @Override
        public boolean precondition(final RingSystem s) {
            return s.producerOpen();
        }

        @Override
        public Arbitrary<Transformer<RingSystem>> transformer() {
            return Arbitraries.of(
                    Transformer.mutate("crash producer", s -> s.crashProducer(false)),
                    Transformer.mutate("crash producer mid-commit", s -> s.crashProducer(true)));
        }
    }

    static final class CrashConsumer implements Action.Independent<RingSystem> {
        @Override
        public Arbitrary<Transformer<RingSystem>> transformer() {
            return net.jqwik.api.Combinators.combine(
                            Arbitraries.oneOf(Arbitraries.integers().between(1, 8), Arbitraries.of(1000)),
                            Arbitraries.of(false, true))
                    .as((limit, keepNext) -> Transformer.mutate(
                            "crash consumer after handling up to " + limit
                                    + (keepNext ? " (next sequence stored, head not)" : ""),
                            s -> s.crashConsumer(limit, keepNext)));
        }
    }
}
