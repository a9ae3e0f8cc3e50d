package io.ackbench.consumer;

import org.agrona.DirectBuffer;

/**
 * Hears each record a {@link Consumer} reads, on the thread that calls {@link Consumer#poll}, in offset order within
 * a partition. The buffer is the consumer's receive buffer and is valid only during the call: copy what must outlive
 * it.
 */
@FunctionalInterface
public interface RecordListener {
    /**
     * @param timestamp   the record's timestamp (its batch's max timestamp under LogAppendTime)
     * @param keyLength   the key's length at {@code keyOffset}, or -1 for a null key
     * @param valueLength the value's length at {@code valueOffset}, or -1 for a null value
     */
    void onRecord(int partition, long offset, long timestamp, DirectBuffer buffer, int keyOffset, int keyLength,
                  int valueOffset, int valueLength);

    /**
     * Called once a batch's records have been handed over, for each batch that handed at least one. A batch is read
     * as the leader appended it, so its base offset is the one the producer's acknowledgement named. Nothing by
     * default.
     *
     * @param fetchedNanos when the consumer took the fetch response carrying the batch, on its clock
     */
    default void onBatchRead(int partition, long baseOffset, long fetchedNanos) {
    }
}
