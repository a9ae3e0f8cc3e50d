package io.ackbench.producer;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.Sequences;

import java.util.Arrays;

/**
 * An idempotent producer's identity and per-partition sequences (kafka-semantics.md §5.1-5.2): the producer id and
 * epoch from InitProducerId, the next sequence of each partition (assigned when a batch is drained, advanced by its
 * record count with Kafka's wrap), and the last sequence the broker acknowledged. Used only by the sender's thread.
 */
final class IdempotentSequencer implements BatchSequencer {
    private long producerId = RecordBatchLayout.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatchLayout.NO_PRODUCER_EPOCH;
    private final int[] nextSequence;
    private final int[] lastAckedSequence;

    IdempotentSequencer(final int partitions) {
        nextSequence = new int[partitions];
        lastAckedSequence = new int[partitions];
        Arrays.fill(lastAckedSequence, RecordBatchLayout.NO_SEQUENCE);
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

    @Override
    public int nextBaseSequence(final int partition, final int recordCount) {
        final int base = nextSequence[partition];
        nextSequence[partition] = Sequences.increment(base, recordCount);
        return base;
    }

    /** Whether {@code batch} is the one the broker expects next on its partition: its base follows the last acknowledged. */
    boolean isNextExpected(final ProducerBatch batch) {
        final int lastAcked = lastAckedSequence[batch.partition()];
        final int expected = lastAcked == RecordBatchLayout.NO_SEQUENCE ? 0 : Sequences.increment(lastAcked, 1);
        return batch.baseSequence() == expected;
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

    /** Sequence order under wrap-around: a is after b if it is less than half the int range ahead of it. */
    private static boolean isAfter(final int a, final int b) {
        final long ahead = ((long) a - b + ((long) Integer.MAX_VALUE + 1)) % ((long) Integer.MAX_VALUE + 1);
        return ahead != 0 && ahead < (1L << 30);
    }
}
