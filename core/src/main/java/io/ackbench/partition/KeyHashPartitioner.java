package io.ackbench.partition;

import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.Objects;

/**
 * Keyed partitioning: {@code toPositive(hash(key)) % numPartitions}. With {@link Murmur2} this is Kafka's default
 * partitioning of records with a key ({@code BuiltInPartitioner.partitionForKey}).
 *
 * <p>Records without a key go to a null-key partitioner, by default {@link UniformStickyPartitioner} as in Kafka 3.3+.
 * {@link #onAppend}, {@link #configure} and {@link #close} are passed on to it, since only it keeps state.
 */
public final class KeyHashPartitioner implements Partitioner {
    private final KeyHash keyHash;
    private final Partitioner nullKeyPartitioner;

    /**
     * @param keyHash hash of the key bytes; null keys use a new {@link UniformStickyPartitioner}.
     */
    public KeyHashPartitioner(final KeyHash keyHash) {
        this(keyHash, new UniformStickyPartitioner());
    }

    /**
     * @param keyHash            hash of the key bytes.
     * @param nullKeyPartitioner for records without a key.
     */
    public KeyHashPartitioner(final KeyHash keyHash, final Partitioner nullKeyPartitioner) {
        this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
        this.nullKeyPartitioner = Objects.requireNonNull(nullKeyPartitioner, "nullKeyPartitioner");
    }

    /**
     * @return the hash applied to keys.
     */
    public KeyHash keyHash() {
        return keyHash;
    }

    /**
     * @return the partitioner used for records without a key.
     */
    public Partitioner nullKeyPartitioner() {
        return nullKeyPartitioner;
    }

    @Override
    public int partition(final DirectBuffer key, final int keyOffset, final int keyLength, final int numPartitions) {
        if (key == null || keyLength < 0) {
            return nullKeyPartitioner.partition(key, keyOffset, keyLength, numPartitions);
        }
        return PartitionMath.toPositive(keyHash.hash(key, keyOffset, keyLength)) % numPartitions;
    }

    @Override
    public void onAppend(final int partition, final int appendedBytes, final boolean openedNewBatch) {
        nullKeyPartitioner.onAppend(partition, appendedBytes, openedNewBatch);
    }

    @Override
    public void configure(final Map<String, String> configs) {
        nullKeyPartitioner.configure(configs);
    }

    @Override
    public void close() {
        nullKeyPartitioner.close();
    }
}
