package io.ackbench.producer;

/** A Produce request sent and not yet answered: its batches, one per partition, and when it went out. Pooled. */
final class InFlightRequest {
    final ProducerBatch[] batches;
    int batchCount;
    int correlationId;
    long sentNanos;

    InFlightRequest(final int maxBatches) {
        batches = new ProducerBatch[maxBatches];
    }

    ProducerBatch batchOf(final int partition) {
        for (int i = 0; i < batchCount; i++) {
            final ProducerBatch batch = batches[i];
            if (batch != null && batch.partition() == partition) {
                batches[i] = null;
                return batch;
            }
        }
        return null;
    }

    void clear() {
        for (int i = 0; i < batchCount; i++) {
            batches[i] = null;
        }
        batchCount = 0;
    }
}
