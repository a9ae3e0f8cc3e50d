package io.ackbench.producer;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.Sequences;

import java.util.Arrays;

/**
 * An idempotent producer's identity and per-partition sequences (kafka-semantics.md §5.1-5.2, §5.5): the producer id
 * and epoch from InitProducerId, the next sequence of each partition (assigned when a batch is drained, advanced by
 * its record count with Kafka's wrap), the last sequence the broker acknowledged, and the id and epoch the partition's
 * sequences belong to.
 *
 * <p>KIP-360, as Kafka's client does it for a producer without a transactional id: a partition whose sequence can no
 * longer be resolved (a sequenced batch failed or expired, or the broker answered UNKNOWN_PRODUCER_ID or a real
 * OUT_OF_ORDER_SEQUENCE_NUMBER) is marked; once nothing of it is in flight the sender asks {@link #needsNewEpoch},
 * bumps the epoch locally ({@link #bumpEpoch}; at Short.MAX_VALUE the id is dropped for a new InitProducerId) and
 * restarts the partition's sequences from 0 under it ({@link #restartSequences}). Other partitions restart from 0
 * the next time they are drained with nothing of the old epoch outstanding. Used only by the sender's thread.
 */
final class IdempotentSequencer implements BatchSequencer {
    private long producerId = RecordBatchLayout.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatchLayout.NO_PRODUCER_EPOCH;
    private final int[] nextSequence;
    private final int[] lastAckedSequence;
    /** Per partition: the id and epoch its sequences were handed out under. */
    private final long[] sequencedId;
    private final short[] sequencedEpoch;
    /** Per partition: a sequenced batch was lost, so what the broker holds is unknown until nothing is in flight. */
    private final boolean[] unresolved;
    /** Per partition: the sequences must start again from 0 under a newer epoch (Kafka's partitionsToRewriteSequences). */
    private final boolean[] restartRequired;
    /** Partitions marked in either array, so the sender's check costs nothing while there are none. */
    private int marked;

    IdempotentSequencer(final int partitions) {
        nextSequence = new int[partitions];
        lastAckedSequence = new int[partitions];
        Arrays.fill(lastAckedSequence, RecordBatchLayout.NO_SEQUENCE);
        sequencedId = new long[partitions];
        Arrays.fill(sequencedId, RecordBatchLayout.NO_PRODUCER_ID);
        sequencedEpoch = new short[partitions];
        Arrays.fill(sequencedEpoch, RecordBatchLayout.NO_PRODUCER_EPOCH);
        unresolved = new boolean[partitions];
        restartRequired = new boolean[partitions];
    }

    void initialize(final long producerId, final short producerEpoch) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
    }

    boolean hasProducerId() {
        return producerId != RecordBatchLayout.NO_PRODUCER_ID;
    }

    @Override
    public long producerId() {
        return producerId;
    }

    @Override
    public short producerEpoch() {
        return producerEpoch;
    }

    /**
     * The sender drains a partition only when this holds (see {@link #isStale}), so a partition that is stale here
     * has nothing of its old id and epoch outstanding, and its sequences start again from 0.
     */
    @Override
    public int nextBaseSequence(final int partition, final int recordCount) {
        if (isStale(partition)) {
            startOver(partition);
        }
        final int base = nextSequence[partition];
        nextSequence[partition] = Sequences.increment(base, recordCount);
        return base;
    }

    /** Whether the partition's sequences belong to an older id or epoch than the producer's current one. */
    boolean isStale(final int partition) {
        return sequencedId[partition] != producerId || sequencedEpoch[partition] != producerEpoch;
    }

    /** Whether {@code batch} is the one the broker expects next on its partition: its base follows the last acknowledged. */
    boolean isNextExpected(final ProducerBatch batch) {
        return batch.baseSequence() == expectedSequence(batch.partition());
    }

    void onAcknowledged(final ProducerBatch batch) {
        final int last = Sequences.increment(batch.baseSequence(), batch.recordCount() - 1);
        final int partition = batch.partition();
        final int previous = lastAckedSequence[partition];
        // Acknowledgements of one partition arrive in sequence order, except that a retried batch can be
        // acknowledged after later ones were; never move backwards.
        if (previous == RecordBatchLayout.NO_SEQUENCE || isAfter(last, previous)) {
            lastAckedSequence[partition] = last;
        }
    }

    /** A batch holding a sequence of {@code partition} failed or expired: the broker may or may not have it. */
    void markUnresolved(final int partition) {
        if (!unresolved[partition] && !restartRequired[partition]) {
            marked++;
        }
        unresolved[partition] = true;
    }

    /** The broker's state for the partition cannot be repaired by retrying: start its sequences over (Kafka's epoch bump). */
    void requireRestart(final int partition) {
        if (!unresolved[partition] && !restartRequired[partition]) {
            marked++;
        }
        restartRequired[partition] = true;
    }

    /** Whether any partition is marked; the sender looks at each only then. */
    boolean hasMarkedPartitions() {
        return marked > 0;
    }

    /** Whether the partition must start over: its retries wait, since their id and epoch are about to change. */
    boolean isRestartRequired(final int partition) {
        return restartRequired[partition];
    }

    /** Whether the partition is marked either way: nothing new is drained for it (Kafka: unresolved sequence). */
    boolean isMarked(final int partition) {
        return unresolved[partition] || restartRequired[partition];
    }

    /**
     * Called when nothing of the partition is in flight. An unresolved partition whose every sequence handed out was
     * acknowledged after all is resolved (Kafka's maybeResolveSequences); otherwise there is a gap and the partition
     * must start over. Returns whether it must.
     */
    boolean needsNewEpoch(final int partition) {
        if (unresolved[partition] && !restartRequired[partition]) {
            unresolved[partition] = false;
            if (isStale(partition) || expectedSequence(partition) == nextSequence[partition]) {
                marked--; // Resolved, or about to start over anyway at its next drain under the newer epoch.
                return false;
            }
            restartRequired[partition] = true;
        }
        return restartRequired[partition];
    }

    /**
     * A newer epoch for a partition that must start over, unless the producer already has one the partition has not
     * used (another partition's bump, or a new id). Kafka's bumpIdempotentProducerEpoch for a producer without a
     * transactional id: the epoch is raised locally, without a request; at Short.MAX_VALUE the id is dropped instead,
     * and the sender must obtain a new one with InitProducerId before the partition can start over. Returns whether
     * the producer still has an id.
     */
    boolean bumpEpoch(final int partition) {
        if (isStale(partition)) {
            return true;
        }
        if (producerEpoch == Short.MAX_VALUE) {
            producerId = RecordBatchLayout.NO_PRODUCER_ID;
            producerEpoch = RecordBatchLayout.NO_PRODUCER_EPOCH;
            return false;
        }
        producerEpoch++;
        return true;
    }

    /**
     * Starts the partition's sequences from 0 under the current id and epoch and clears its mark; the sender then
     * hands its waiting batches new sequences in order with {@link #nextBaseSequence}.
     */
    void restartSequences(final int partition) {
        startOver(partition);
        unresolved[partition] = false;
        restartRequired[partition] = false;
        marked--;
    }

    private void startOver(final int partition) {
        sequencedId[partition] = producerId;
        sequencedEpoch[partition] = producerEpoch;
        nextSequence[partition] = 0;
        lastAckedSequence[partition] = RecordBatchLayout.NO_SEQUENCE;
    }

    private int expectedSequence(final int partition) {
        final int lastAcked = lastAckedSequence[partition];
        return lastAcked == RecordBatchLayout.NO_SEQUENCE ? 0 : Sequences.increment(lastAcked, 1);
    }

    /** Sequence order under wrap-around: a is after b if it is less than half the int range ahead of it. */
    private static boolean isAfter(final int a, final int b) {
        final long ahead = ((long) a - b + ((long) Integer.MAX_VALUE + 1)) % ((long) Integer.MAX_VALUE + 1);
        return ahead != 0 && ahead < (1L << 30);
    }
}
