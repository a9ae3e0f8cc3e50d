package io.ackbench.producer;

/**
 * Hears, on the sender's thread, where each acknowledged batch's time went: once per batch completed without error,
 * after its records' {@link DeliveryListener} callbacks, with a {@link BatchStages} view the sender reuses (read it
 * during the call only). Setting one switches the producer's stage stamps on: a clock read per record in
 * {@code send}, and per batch when it is drained, when its request is written and when its callbacks start. Without
 * one none of those is taken. Implementations must be quick and must not allocate: they run on the measured path.
 */
@FunctionalInterface
public interface BatchStageListener {
    void onBatch(BatchStages batch);
}
