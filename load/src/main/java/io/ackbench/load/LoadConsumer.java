package io.ackbench.load;

/**
 * One consuming thread's consumer of the workload's topic, whichever system hosts it: it reads its partitions from
 * their first offset, only what is committed (below the high watermark: Kafka's {@code read_uncommitted} for a
 * topic without transactions), and hands every record to its {@link ConsumedRecordListener}. Used by one thread,
 * except {@link #close}.
 */
public interface LoadConsumer extends AutoCloseable {
    /**
     * Fetches once from the partitions' leaders (following leadership changes), waiting up to {@code maxWaitMs}
     * for records, and hands what arrived to the listener. Returns how many records it handed over.
     */
    int poll(long maxWaitMs);

    /**
     * Whether every partition of this consumer has been read up to the end its leader last reported (its high
     * watermark): with no producer left, a consumer at the end has read everything committed.
     */
    boolean atEnd();

    @Override
    void close();
}
