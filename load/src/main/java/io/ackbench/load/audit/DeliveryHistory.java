package io.ackbench.load.audit;

import io.ackbench.load.RecordId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's record of what was sent and what was read back. Sends are keyed by the record id the load generator
 * writes into each value ({@link RecordId}: producing thread and its send index, so the index order is that thread's
 * send order); reads are given per partition in offset order. Not thread-safe: fill it, then classify it.
 */
public final class DeliveryHistory {
    /** The partition of a record whose producer never said where it went (no answer, or an error before one). */
    public static final int UNKNOWN_PARTITION = -1;

    /** A record sent: its partition ({@link #UNKNOWN_PARTITION} if not known) and what the producer was told. */
    record Sent(int partition, SendOutcome outcome) {
    }

    private final Map<Long, Sent> sent = new HashMap<>();
    private final Map<Integer, List<Long>> readByPartition = new HashMap<>();
    private final Map<Integer, Long> lastOffsetRead = new HashMap<>();

    /**
     * @throws IllegalArgumentException if the record id was sent before: each id is one send (retries keep it)
     */
    public DeliveryHistory sent(final long recordId, final int partition, final SendOutcome outcome) {
        if (sent.putIfAbsent(recordId, new Sent(partition, outcome)) != null) {
            throw new IllegalArgumentException("Record " + RecordId.describe(recordId) + " was sent twice");
        }
        return this;
    }

    /**
     * A record read back from {@code partition} at {@code offset}; offsets of a partition must be given in increasing
     * order, as a consumer reads them.
     *
     * @throws IllegalArgumentException if {@code offset} does not follow the partition's previous read
     */
    public DeliveryHistory read(final int partition, final long offset, final long recordId) {
        final Long previous = lastOffsetRead.put(partition, offset);
        if (previous != null && offset <= previous) {
            throw new IllegalArgumentException("Partition " + partition + " read at offset " + offset + " after "
                + previous + ": reads must be in offset order");
        }
        readByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(recordId);
        return this;
    }

    Map<Long, Sent> sentRecords() {
        return sent;
    }

    /** Each partition's record ids as read, in offset order (offsets are contiguous in a log without compaction). */
    Map<Integer, List<Long>> reads() {
        return readByPartition;
    }
}
