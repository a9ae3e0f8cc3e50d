package io.ackbench.partition;

import io.ackbench.config.ConfigReader;

import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uniform sticky partitioning of KIP-794 (Kafka 3.3+, {@code BuiltInPartitioner}), the partitioning Kafka uses for
 * records without a key: stay on one random partition until about {@code batch.size} bytes were produced to it,
 * then move to a random partition, which may be the same one. Keys are ignored.
 *
 * <p>What Kafka does, per topic: after each append to the sticky partition it adds the batch growth to
 * {@code producedBytes} and switches when {@code producedBytes >= batch.size && enableSwitch}, or
 * {@code producedBytes >= 2 * batch.size}. {@code enableSwitch} is true when the partition's last batch is full;
 * in practice that is the moment a record must open a new batch, and Kafka then checks before the append and sends
 * that record to the next partition.
 *
 * <p>Simplified here, exactly:
 * <ul>
 *   <li><b>enableSwitch is approximated by {@code openedNewBatch}.</b> The feedback arrives after the append, so an
 *       append that opened a new batch when {@code producedBytes >= batch.size} already triggers the switch, and that
 *       one record stays at the head of the new batch on the old partition (Kafka would have moved it). Kafka's rarer
 *       case of a batch filled to exactly {@code batch.size} bytes, which enables the switch after that append, is
 *       invisible through {@link #onAppend} and not reproduced; the {@code 2 * batch.size} cap is.</li>
 *   <li><b>No adaptive partitioning</b> ({@code partitioner.adaptive.partitioning.enable}): the next partition is
 *       always {@code toPositive(random) % numPartitions}, never weighted by queue sizes.</li>
 *   <li><b>No availability timeout</b> ({@code partitioner.availability.timeout.ms}) and no notion of leaders: all
 *       {@code numPartitions} partitions are candidates.</li>
 *   <li><b>Every append to the sticky partition counts.</b> {@link #onAppend} does not say whether the record had a key;
 *       Kafka counts only records it placed itself, so keyed records that hash to the sticky partition add bytes here
 *       but not in Kafka.</li>
 *   <li>{@code producedBytes} saturates at {@link Integer#MAX_VALUE}, so with {@code batch.size} above 2^30 only the
 *       new-batch rule switches.</li>
 * </ul>
 *
 * <p>Configs: {@code batch.size} (default 16384; 0 means 1, as in Kafka).
 */
public final class UniformStickyPartitioner implements Partitioner {
    /** Kafka's name for the batch size; the partition switches after about this many bytes. */
    public static final String BATCH_SIZE = "batch.size";
    /** Kafka's default batch.size. */
    static final int DEFAULT_BATCH_SIZE = 16384;

    // Layout of `state`: partition, bytes produced to it and the switch flag change together in one CAS.
    private static final long PARTITION_MASK = 0xffff_ffffL;
    private static final int PRODUCED_SHIFT = 32;
    private static final long PRODUCED_MAX = Integer.MAX_VALUE;
    /** Sign bit: the next partition() call picks a new partition. */
    private static final long SWITCH_PENDING = 1L << 63;

    private final SharedRandom random;

    /**
     * Sticky partition, bytes produced to it since it was picked, and the switch flag (layout above). Volatile reads
     * and CAS writes: a switch is seen by every thread.
     */
    private final AtomicLong state = new AtomicLong(SWITCH_PENDING);

    /** Kafka's {@code stickyBatchSize}: max(1, batch.size). Written once by configure, before the partitioner is shared. */
    private int stickyBatchSize = DEFAULT_BATCH_SIZE;

    /** Produced bytes that force a switch even without a new batch: 2 * stickyBatchSize, capped. Written with it. */
    private long forcedSwitchBytes = 2L * DEFAULT_BATCH_SIZE;

    /**
     * Picks partitions from an unseeded random source, as Kafka does.
     */
    public UniformStickyPartitioner() {
        this(ThreadLocalRandom.current().nextLong());
    }

    /**
     * @param seed of the random partition picks, for repeatable runs.
     */
    public UniformStickyPartitioner(final long seed) {
        random = new SharedRandom(seed);
    }

    @Override
    public void configure(final Map<String, String> configs) {
        final int batchSize = ConfigReader.partOf(configs).intValue(BATCH_SIZE, DEFAULT_BATCH_SIZE, 0, Integer.MAX_VALUE);
        stickyBatchSize = Math.max(1, batchSize);
        forcedSwitchBytes = Math.min(2L * stickyBatchSize, PRODUCED_MAX);
    }

    /**
     * @return the effective sticky batch size in bytes, {@code max(1, batch.size)}.
     */
    public int stickyBatchSize() {
        return stickyBatchSize;
    }

    @Override
    public int partition(final DirectBuffer key, final int keyOffset, final int keyLength, final int numPartitions) {
        final long s = state.get();
        final int partition = (int)s;
        // s >= 0: SWITCH_PENDING (the sign bit) is clear
        if (s >= 0 && partition < numPartitions) {
            return partition;
        }
        return pickNext(numPartitions);
    }

    @Override
    public void onAppend(final int partition, final int appendedBytes, final boolean openedNewBatch) {
        while (true) {
            final long s = state.get();
            if (s < 0 || (int)s != partition) {
                return; // not appended to the sticky partition: a keyed record, or a thread that raced a switch
            }

            long produced = s >>> PRODUCED_SHIFT;
            final long next;
            if (openedNewBatch && produced >= stickyBatchSize) {
                next = SWITCH_PENDING;
            } else {
                produced = Math.min(produced + Math.max(0, appendedBytes), PRODUCED_MAX);
                next = produced >= forcedSwitchBytes ?
                    SWITCH_PENDING : (produced << PRODUCED_SHIFT) | (partition & PARTITION_MASK);
            }

            if (state.compareAndSet(s, next)) {
                return;
            }
        }
    }

    private int pickNext(final int numPartitions) {
        while (true) {
            final long s = state.get();
            final int current = (int)s;
            if (s >= 0 && current < numPartitions) {
                return current; // another thread picked first
            }

            // KIP-794 without load stats: any partition, the previous one included.
            final int next = random.nextPartition(numPartitions);
            if (state.compareAndSet(s, next & PARTITION_MASK)) {
                return next;
            }
        }
    }
}
