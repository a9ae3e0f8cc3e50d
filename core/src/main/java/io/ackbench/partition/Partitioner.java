package io.ackbench.partition;

import org.agrona.DirectBuffer;

import java.util.Map;

/**
 * Chooses the partition of a record from its serialized key, the way Kafka's {@code partitioner.class} does.
 *
 * <p>Implementations sit on the send path: {@link #partition} and {@link #onAppend} must not allocate and must be
 * safe to call from many application threads at once without locks. {@link #configure} is called once, before any
 * other call, and {@link #close} once at the end.
 *
 * <p>Implementations loaded by class name (see {@link Partitioners}) need a public no-arg constructor.
 */
public interface Partitioner {
    /**
     * Chooses a partition for one record.
     *
     * @param key           buffer holding the serialized key, or {@code null} when the record has no key.
     * @param keyOffset     offset of the key's first byte in {@code key}.
     * @param keyLength     key length in bytes; {@code keyLength < 0} (or {@code key == null}) means the record has no
     *                      key, while {@code 0} is an empty but present key.
     * @param numPartitions number of partitions of the topic, at least 1 (Kafka counts all of them, led or not).
     * @return a partition in {@code [0, numPartitions)}.
     */
    int partition(DirectBuffer key, int keyOffset, int keyLength, int numPartitions);

    /**
     * Feedback after a record was appended to {@code partition}: the bytes it added to the batch (for a new batch
     * including the batch header) and whether it opened a new batch. Sticky strategies switch partitions on it;
     * others ignore it. Must not allocate.
     *
     * @param partition      partition the record was appended to.
     * @param appendedBytes  growth of the batch's size caused by the record.
     * @param openedNewBatch whether the record started a new batch.
     */
    default void onAppend(final int partition, final int appendedBytes, final boolean openedNewBatch) {
    }

    /**
     * Kafka-style configuration by config name (for example {@code batch.size}), called once before use.
     *
     * @param configs producer configs by Kafka name; values as strings.
     * @throws IllegalArgumentException naming the key, the bad value and what is allowed, when a value is invalid.
     */
    default void configure(final Map<String, String> configs) {
    }

    /**
     * Releases whatever the partitioner holds; called once when the producer closes.
     */
    default void close() {
    }
}
