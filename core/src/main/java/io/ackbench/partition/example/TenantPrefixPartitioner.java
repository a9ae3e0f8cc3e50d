package io.ackbench.partition.example;

import io.ackbench.partition.KeyHashPartitioner;
import io.ackbench.partition.Murmur2;
import io.ackbench.partition.Partitioner;
import org.agrona.DirectBuffer;

import java.util.Map;

/**
 * An example of a custom partitioner loaded through {@code partitioner.class}: keys shaped {@code tenant:rest} are
 * placed by Kafka's murmur2 of the part before the first {@code ':'} only, so every record of one tenant lands on
 * the same partition (and keeps its order) whatever follows the colon. A key without a colon is hashed whole;
 * records without a key are placed like Kafka 3.3+ does (uniform sticky).
 *
 * <p>Set {@code partitioner.class=io.ackbench.partition.example.TenantPrefixPartitioner}.
 */
public final class TenantPrefixPartitioner implements Partitioner {
    private static final byte SEPARATOR = ':';

    private final KeyHashPartitioner murmur2 = new KeyHashPartitioner(Murmur2.INSTANCE);

    /**
     * Public and without arguments, as loading by class name requires.
     */
    public TenantPrefixPartitioner() {
    }

    @Override
    public int partition(final DirectBuffer key, final int keyOffset, final int keyLength, final int numPartitions) {
        if (key == null || keyLength < 0) {
            return murmur2.partition(key, keyOffset, keyLength, numPartitions);
        }
        return murmur2.partition(key, keyOffset, tenantLength(key, keyOffset, keyLength), numPartitions);
    }

    /**
     * @return the length of the key up to, not including, the first ':'; the whole length if there is none.
     */
    static int tenantLength(final DirectBuffer key, final int keyOffset, final int keyLength) {
        for (int i = 0; i < keyLength; i++) {
            if (key.getByte(keyOffset + i) == SEPARATOR) {
                return i;
            }
        }
        return keyLength;
    }

    @Override
    public void onAppend(final int partition, final int appendedBytes, final boolean openedNewBatch) {
        murmur2.onAppend(partition, appendedBytes, openedNewBatch);
    }

    @Override
    public void configure(final Map<String, String> configs) {
        murmur2.configure(configs);
    }

    @Override
    public void close() {
        murmur2.close();
    }
}
