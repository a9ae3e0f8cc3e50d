package io.ackbench.partition;

import org.agrona.DirectBuffer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin over all partitions, ignoring keys: Kafka's null-key partitioning up to 2.3
 * ({@code DefaultPartitioner}), where a per-topic counter starts at a random int and each record takes
 * {@code toPositive(counter++) % numPartitions}.
 *
 * <p>Kafka 2.3 picked among partitions with a leader when any had one; this always uses all of them, as Kafka did
 * when none was available. Because of {@code toPositive}, the cycle restarts at partition 0 when the counter wraps
 * from {@link Integer#MAX_VALUE} to {@link Integer#MIN_VALUE}, exactly as in Kafka.
 */
public final class RoundRobinPartitioner implements Partitioner {
    /** The next counter value; every call takes one with an atomic getAndIncrement (volatile semantics). */
    private final AtomicInteger counter;

    /**
     * Starts the counter at a random int, as Kafka does.
     */
    public RoundRobinPartitioner() {
        this(ThreadLocalRandom.current().nextInt());
    }

    /**
     * Starts the counter at a chosen value, for repeatable runs.
     *
     * @param firstCounterValue the counter value the first record uses.
     */
    public RoundRobinPartitioner(final int firstCounterValue) {
        counter = new AtomicInteger(firstCounterValue);
    }

    @Override
    public int partition(final DirectBuffer key, final int keyOffset, final int keyLength, final int numPartitions) {
        return PartitionMath.toPositive(counter.getAndIncrement()) % numPartitions;
    }
}
