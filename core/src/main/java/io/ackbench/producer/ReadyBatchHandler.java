package io.ackbench.producer;

/**
 * Receives each batch the accumulator drains, closed and ready to send. Whoever completes the batch later
 * hands it back with {@link RecordAccumulator#release(ProducerBatch)}.
 */
@FunctionalInterface
public interface ReadyBatchHandler {
    void onReady(ProducerBatch batch);
}
