package io.ackbench.load;

import org.agrona.DirectBuffer;

/**
 * Hears each record a {@link LoadConsumer} reads, on the consumer's thread, in offset order within a partition.
 * The buffer is the consumer's own and is valid only during the call: copy what must outlive it.
 */
@FunctionalInterface
public interface ConsumedRecordListener {
    /**
     * @param keyLength the key's length at {@code keyOffset}, or -1 for a null key
     */
    void onRecord(int partition, long offset, DirectBuffer buffer, int keyOffset, int keyLength, int valueOffset,
                  int valueLength);
}
