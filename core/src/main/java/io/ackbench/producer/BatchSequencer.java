package io.ackbench.producer;

import io.ackbench.record.RecordBatchLayout;

/**
 * Supplies the producer id, epoch and base sequence a batch carries, at drain time (kafka-semantics.md §5.2).
 * Called only from the draining thread.
 */
public interface BatchSequencer {
    /** A producer without idempotence: every batch carries -1 / -1 / -1. */
    BatchSequencer NONE = new BatchSequencer() {
        @Override
        public long producerId() {
            return RecordBatchLayout.NO_PRODUCER_ID;
        }

        @Override
        public short producerEpoch() {
            return RecordBatchLayout.NO_PRODUCER_EPOCH;
        }

        @Override
        public int nextBaseSequence(final int partition, final int recordCount) {
            return RecordBatchLayout.NO_SEQUENCE;
        }
    };

    long producerId();

    short producerEpoch();

    /** The base sequence for the next batch of {@code partition}, advancing the partition's sequence by recordCount. */
    int nextBaseSequence(int partition, int recordCount);
}
