package io.ackbench.partition;

import org.agrona.DirectBuffer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sticky partitioning of KIP-480 (Kafka 2.4 to 3.2, {@code StickyPartitionCache}): every record goes to one random
 * partition until a new batch is opened on it, then the partitioner moves to a random <em>different</em> partition.
 * Keys are ignored.
 *
 * <p>Kafka learns of the new batch <em>before</em> the append ({@code abortOnNewBatch}): it aborts the append, switches
 * and retries the record on the new partition, and that retry never triggers another switch. Here the feedback
 * arrives through {@link #onAppend} <em>after</em> the append, so:
 * <ul>
 *   <li>the first append to a newly picked partition never triggers a switch (it plays Kafka's retry), whether or
 *       not it opened a batch;</li>
 *   <li>a later append to the sticky partition that opened a new batch triggers the switch, but that one record
 *       stays at the head of the new batch on the old partition, where Kafka would have moved it to the new one;</li>
 *   <li>consequently Kafka's start-up quirk (the very first record triggers a switch) does not happen.</li>
 * </ul>
 * Appends to other partitions (keyed records, or threads that raced a switch) are ignored. Kafka picked among
 * partitions with a leader; this picks among all {@code numPartitions}.
 */
public final class StickyPartitioner implements Partitioner {
    // Layout of `state`: partition and flags live in one long so that they change together in one CAS.
    private static final long PARTITION_MASK = 0xffff_ffffL;
    /** The next partition() call picks a new partition; the low 32 bits hold the one to avoid (-1: none). */
    private static final long SWITCH_PENDING = 1L << 32;
    /** At least one record was appended to the sticky partition since it was picked. */
    private static final long APPENDED = 1L << 33;
    private static final long NOTHING_PICKED_YET = SWITCH_PENDING | PARTITION_MASK;

    private final SharedRandom random;

    /** Sticky partition and flags (layout above). Volatile reads and CAS writes: a switch is seen by every thread. */
    private final AtomicLong state = new AtomicLong(NOTHING_PICKED_YET);

    /**
     * Picks partitions from an unseeded random source, as Kafka does.
     */
    public StickyPartitioner() {
        this(ThreadLocalRandom.current().nextLong());
    }

    /**
     * @param seed of the random partition picks, for repeatable runs.
     */
    public StickyPartitioner(final long seed) {
        random = new SharedRandom(seed);
    }

    @Override
    public int partition(final DirectBuffer key, final int keyOffset, final int keyLength, final int numPartitions) {
        final long s = state.get();
        final int partition = (int)s;
        if ((s & SWITCH_PENDING) == 0 && partition < numPartitions) {
            return partition;
        }
        return pickNext(numPartitions);
    }

    @Override
    public void onAppend(final int partition, final int appendedBytes, final boolean openedNewBatch) {
        while (true) {
            final long s = state.get();
            if ((s & SWITCH_PENDING) != 0 || (int)s != partition) {
                return;
            }

            final long next;
            if ((s & APPENDED) == 0) {
                next = s | APPENDED;
            } else if (openedNewBatch) {
                next = SWITCH_PENDING | (partition & PARTITION_MASK);
            } else {
                return;
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
            final boolean switchPending = (s & SWITCH_PENDING) != 0;
            if (!switchPending && current < numPartitions) {
                return current; // another thread picked first
            }

            // A sticky partition beyond a shrunken partition count is simply replaced, with nothing to avoid.
            final int avoid = switchPending ? current : -1;
            final int next = randomPartitionOtherThan(avoid, numPartitions);
            if (state.compareAndSet(s, next & PARTITION_MASK)) {
                return next;
            }
        }
    }

    private int randomPartitionOtherThan(final int avoid, final int numPartitions) {
        if (numPartitions == 1) {
            return 0;
        }
        int next;
        do {
            next = random.nextPartition(numPartitions);
        } while (next == avoid);
        return next;
    }
}
