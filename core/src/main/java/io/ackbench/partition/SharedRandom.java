package io.ackbench.partition;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A seedable random int source that many threads can share without locks or allocation: SplitMix64 (Steele, Lea and
 * Flood, 2014) whose state advances with one atomic add.
 *
 * <p>Kafka draws its partition picks from {@code ThreadLocalRandom}; any uniform source gives the same distribution,
 * and a shared seeded one makes simulations repeatable. Used only when a partition is picked, never per record on a
 * hot path, so the contended add is rare.
 */
final class SharedRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** SplitMix64 state; atomic add (volatile semantics) so concurrent callers each get a distinct value. */
    private final AtomicLong state;

    SharedRandom(final long seed) {
        state = new AtomicLong(seed);
    }

    /**
     * @return the next uniformly distributed int.
     */
    int nextInt() {
        long z = state.addAndGet(GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (int)(z >>> 32);
    }

    /**
     * Kafka's pick of a random partition: {@code toPositive(random) % numPartitions}.
     *
     * @param numPartitions at least 1.
     * @return a partition in {@code [0, numPartitions)}.
     */
    int nextPartition(final int numPartitions) {
        return PartitionMath.toPositive(nextInt()) % numPartitions;
    }
}
