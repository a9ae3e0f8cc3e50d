package io.ackbench.producer;

/**
 * Receives each batch the accumulator gives up on because delivery.timeout.ms passed before it was drained
 * (Kafka's RecordAccumulator.expiredBatches). The batch is out of the accumulator, complete and never sent; the
 * handler fails its records and hands it back with {@link RecordAccumulator#release(ProducerBatch)}.
 */
@FunctionalInterface
interface ExpiredBatchHandler {
    void onExpired(ProducerBatch batch);
}
