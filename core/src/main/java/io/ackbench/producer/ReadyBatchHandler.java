package io.ackbench.producer;

/**
 * Receives each batch the accumulator drains, closed and ready to send. Whoever completes the batch later
 * hands it back with {@link RecordAccumulator#release(ProducerBatch)}.
 */
@FunctionalInterface
public interface ReadyBatchHandler {
    void onReady(ProducerBatch batch);

    /**
     * Whether the handler can take a batch of {@code partition} now. Asked before the batch is sealed, so a
     * partition whose leader has no request slot free keeps filling its open batch (Kafka's ready check drops
     * nodes that cannot take another request in flight).
     */
    default boolean canAccept(final int partition) {
        return true;
    }
}
