package io.ackbench.broker;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ProduceResponse;

/**
 * An acks=all Produce request parked until the high watermark of each partition it appended to covers the
 * batch, or until its timeout (Kafka's DelayedProduce, kafka-semantics.md §4.1); acks=1 requests pass through it too,
 * answered at once. Pooled: its arrays hold one result per entry of the request. It also carries the leader's times
 * for the response ({@link ProduceResponse}): when the request was taken up, and per entry when its batch was appended
 * and when the high watermark covered it ({@link ProduceResponse#NO_TIME} where there is no such moment).
 */
final class DelayedProduce {
    int source;
    int correlationId;
    long deadlineMs;
    int entryCount;
    int pendingCount;
    int[] partitions;
    /** The offset the high watermark must reach: the batch's last offset + 1. */
    long[] requiredOffsets;
    long[] baseOffsets;
    short[] errors;
    boolean[] pending;
    /** When the broker took the request up. */
    long readNanos;
    long[] appendedNanos;
    long[] committedNanos;

    DelayedProduce(final int initialEntries) {
        allocate(Math.max(1, initialEntries));
    }

    private void allocate(final int entries) {
        partitions = new int[entries];
        requiredOffsets = new long[entries];
        baseOffsets = new long[entries];
        errors = new short[entries];
        pending = new boolean[entries];
        appendedNanos = new long[entries];
        committedNanos = new long[entries];
    }

    /** Starts a use for a request of {@code entries} entries, growing the arrays if it has more than ever before. */
    void reset(final int source, final int correlationId, final long deadlineMs, final int entries,
               final long readNanos) {
        if (entries > partitions.length) {
            allocate(entries);
        }
        this.source = source;
        this.correlationId = correlationId;
        this.deadlineMs = deadlineMs;
        this.readNanos = readNanos;
        this.entryCount = 0;
        this.pendingCount = 0;
    }

    /** An entry that failed before its batch reached the log. */
    void addDone(final int partition, final short error, final long baseOffset) {
        addDone(partition, error, baseOffset, ProduceResponse.NO_TIME);
    }

    /**
     * An entry already decided: an error, or an acks=1 batch (appended or a duplicate) answered with its offset, done
     * at {@code appendedNanos}, which counts as its commit too.
     */
    void addDone(final int partition, final short error, final long baseOffset, final long appendedNanos) {
        partitions[entryCount] = partition;
        errors[entryCount] = error;
        baseOffsets[entryCount] = baseOffset;
        pending[entryCount] = false;
        this.appendedNanos[entryCount] = appendedNanos;
        committedNanos[entryCount] = appendedNanos;
        entryCount++;
    }

    /** @return the error of the first entry that failed, or {@link ErrorCode#NONE} */
    short firstError() {
        for (int i = 0; i < entryCount; i++) {
            if (errors[i] != ErrorCode.NONE) {
                return errors[i];
            }
        }
        return ErrorCode.NONE;
    }

    void addPending(final int partition, final long baseOffset, final long requiredOffset,
                    final long appendedNanos) {
        partitions[entryCount] = partition;
        this.appendedNanos[entryCount] = appendedNanos;
        committedNanos[entryCount] = ProduceResponse.NO_TIME;
        errors[entryCount] = ErrorCode.NONE;
        baseOffsets[entryCount] = baseOffset;
        requiredOffsets[entryCount] = requiredOffset;
        pending[entryCount] = true;
        entryCount++;
        pendingCount++;
    }

    /**
     * A pending entry is done: with its offset, or, for any error but NONE, failed without one; {@code nanos} is when
     * the high watermark covered it, or {@link ProduceResponse#NO_TIME}.
     */
    void complete(final int entry, final short error, final long nanos) {
        pending[entry] = false;
        committedNanos[entry] = nanos;
        pendingCount--;
        if (error != ErrorCode.NONE) {
            errors[entry] = error;
            baseOffsets[entry] = -1;
        }
    }
}
