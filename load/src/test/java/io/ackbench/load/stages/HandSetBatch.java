package io.ackbench.load.stages;

import io.ackbench.producer.BatchStages;

/** One acknowledged batch's times, set by hand, for the stage tests. */
final class HandSetBatch implements BatchStages {
    private final long[] intended;
    private final long[] send;
    int partition;
    long baseOffset;
    long drained;
    long written;
    long read = NO_TIME;
    long appended = NO_TIME;
    long committed = NO_TIME;
    long responseWritten = NO_TIME;
    long completed;

    HandSetBatch(final long[] intended, final long[] send) {
        this.intended = intended;
        this.send = send;
    }

    /**
     * A batch of {@code partition} at {@code baseOffset} whose records were sent at their intended times, whose every
     * stamp up to the append is its last record's intended time, and which was committed, answered and completed at
     * {@code committed}.
     */
    static HandSetBatch committedAt(final int partition, final long baseOffset, final long committed,
                                    final long... intended) {
        final HandSetBatch batch = new HandSetBatch(intended, intended);
        final long last = intended[intended.length - 1];
        batch.partition = partition;
        batch.baseOffset = baseOffset;
        batch.drained = last;
        batch.written = last;
        batch.read = last;
        batch.appended = last;
        batch.committed = committed;
        batch.responseWritten = committed;
        batch.completed = committed;
        return batch;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long baseOffset() {
        return baseOffset;
    }

    @Override
    public int recordCount() {
        return intended.length;
    }

    @Override
    public long intendedNanos(final int offsetDelta) {
        return intended[offsetDelta];
    }

    @Override
    public long sendNanos(final int offsetDelta) {
        return send[offsetDelta];
    }

    @Override
    public long drainedNanos() {
        return drained;
    }

    @Override
    public long requestWrittenNanos() {
        return written;
    }

    @Override
    public boolean hasLeaderTimes() {
        return read != NO_TIME;
    }

    @Override
    public long leaderReadNanos() {
        return read;
    }

    @Override
    public long leaderAppendedNanos() {
        return appended;
    }

    @Override
    public long leaderCommittedNanos() {
        return committed;
    }

    @Override
    public long responseWrittenNanos() {
        return responseWritten;
    }

    @Override
    public long completedNanos() {
        return completed;
    }
}
