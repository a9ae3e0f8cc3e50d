package io.ackbench.producer;

/**
 * Hears how each record ended, on the sender's thread, in order within a batch. Implementations must be quick and
 * must not allocate: they run on the path the benchmarks measure.
 */
@FunctionalInterface
public interface DeliveryListener {
    /**
     * @param partition   the record's partition
     * @param offset      its offset in the partition's log; -1 with acks=0, for a duplicate whose original offset is
     *                    unknown, and on error
     * @param errorCode   {@link io.ackbench.transport.ErrorCode#NONE} or the error that ended the record
     * @param appendNanos when the record was handed to {@code send} (or its intended send time), by the producer's clock
     */
    void onComplete(int partition, long offset, short errorCode, long appendNanos);
}
