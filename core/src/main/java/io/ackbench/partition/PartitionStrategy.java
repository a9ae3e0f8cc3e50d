package io.ackbench.partition;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in partitioning strategies and the aliases by which {@code partitioner.class} names them.
 */
public enum PartitionStrategy {
    /** {@link RoundRobinPartitioner}: ignores keys, cycles through partitions from a random start. */
    ROUND_ROBIN("round-robin", null),
    /** {@link StickyPartitioner}: ignores keys, KIP-480 sticky. */
    STICKY("sticky", null),
    /** {@link UniformStickyPartitioner}: ignores keys, KIP-794 uniform sticky. */
    UNIFORM_STICKY("uniform-sticky", null),
    /** {@link KeyHashPartitioner} with Kafka's {@link Murmur2}: Kafka's default keyed partitioning. */
    MURMUR2("murmur2", Murmur2.INSTANCE),
    /** {@link KeyHashPartitioner} with {@link Murmur3} x86_32, seed 0. */
    MURMUR3("murmur3", Murmur3.SEED_0),
    /** {@link KeyHashPartitioner} with {@link XxHash32}, seed 0. */
    XXHASH("xxhash", XxHash32.SEED_0),
    /** {@link KeyHashPartitioner} with {@link Crc32c}. */
    CRC32C("crc32c", Crc32cKeyHash.INSTANCE);

    private final String alias;
    private final KeyHash keyHash;

    PartitionStrategy(final String alias, final KeyHash keyHash) {
        this.alias = alias;
        this.keyHash = keyHash;
    }

    /**
     * @return the name accepted as a {@code partitioner.class} value.
     */
    public String alias() {
        return alias;
    }

    /**
     * @return whether records are placed by a hash of their key (records without one use a null-key strategy).
     */
    public boolean usesKeys() {
        return keyHash != null;
    }

    /**
     * @param alias a {@code partitioner.class} value.
     * @return the strategy with that alias, or {@code null} if none has it.
     */
    public static PartitionStrategy forAlias(final String alias) {
        for (final PartitionStrategy strategy : values()) {
            if (strategy.alias.equals(alias)) {
                return strategy;
            }
        }
        return null;
    }

    /**
     * Creates an unconfigured instance whose random choices are unseeded, as in Kafka. Keyed strategies send
     * records without a key to {@link #UNIFORM_STICKY}.
     *
     * @return a new partitioner; call {@link Partitioner#configure} before use.
     */
    public Partitioner create() {
        return create(ThreadLocalRandom.current().nextLong(), UNIFORM_STICKY);
    }

    /**
     * Creates an unconfigured instance whose random choices follow {@code seed}, for repeatable runs.
     *
     * @param seed                of the random choices (round-robin start, sticky picks).
     * @param nullKeyStrategy     for records without a key when this strategy {@link #usesKeys()}; it must not use
     *                            keys itself.
     * @return a new partitioner; call {@link Partitioner#configure} before use.
     */
    public Partitioner create(final long seed, final PartitionStrategy nullKeyStrategy) {
        switch (this) {
            case ROUND_ROBIN:
                return new RoundRobinPartitioner(new SplittableRandom(seed).nextInt());
            case STICKY:
                return new StickyPartitioner(seed);
            case UNIFORM_STICKY:
                return new UniformStickyPartitioner(seed);
            default:
                if (nullKeyStrategy.usesKeys()) {
                    throw new IllegalArgumentException(
                        "null-key strategy must ignore keys, got " + nullKeyStrategy.alias);
                }
                return new KeyHashPartitioner(keyHash, nullKeyStrategy.create(seed, nullKeyStrategy));
        }
    }

    @Override
    public String toString() {
        return alias;
    }
}
