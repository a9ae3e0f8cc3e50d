package io.ackbench.broker;

import io.ackbench.transport.ErrorCode;

/**
 * An acks=all Produce request parked until the high watermark of each partition it appended to covers the
 * batch, or until its timeout (Kafka's DelayedProduce, reference §4.1). Pooled: its arrays hold one entry per
 * partition of the request.
 */
final class DelayedProduce {
    int source;
    int correlationId;
    long deadlineMs;
    int entryCount;
    int pendingCount;
    final int[] partitions;
    /** The offset the high watermark must reach: the batch's last offset + 1. */
    final long[] requiredOffsets;
    final long[] baseOffsets;
    final short[] errors;
    final boolean[] pending;

    DelayedProduce(final int maxEntries) {
        partitions = new int[maxEntries];
        requiredOffsets = new long[maxEntries];
        baseOffsets = new long[maxEntries];
        errors = new short[maxEntries];
        pending = new boolean[maxEntries];
    }

    void reset(final int source, final int correlationId, final long deadlineMs) {
        this.source = source;
        this.correlationId = correlationId;
        this.deadlineMs = deadlineMs;
        this.entryCount = 0;
        this.pendingCount = 0;
    }

    /** An entry already decided: an error, or a duplicate answered with its original offset. */
    void addDone(final int partition, final short error, final long baseOffset) {
        partitions[entryCount] = partition;
        errors[entryCount] = error;
        baseOffsets[entryCount] = baseOffset;
        pending[entryCount] = false;
        entryCount++;
    }

    void addPending(final int partition, final long baseOffset, final long requiredOffset) {
        partitions[entryCount] = partition;
        errors[entryCount] = ErrorCode.NONE;
        baseOffsets[entryCount] = baseOffset;
        requiredOffsets[entryCount] = requiredOffset;
        pending[entryCount] = true;
        entryCount++;
        pendingCount++;
    }

    boolean waitsOn(final int partition) {
        for (int i = 0; i < entryCount; i++) {
            if (pending[i] && partitions[i] == partition) {
                return true;
            }
        }
        return false;
    }
}
