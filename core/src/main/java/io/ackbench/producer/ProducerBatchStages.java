package io.ackbench.producer;

/** The sender's {@link BatchStages}: a view of one {@link ProducerBatch}'s stamps, rewrapped for each batch. */
final class ProducerBatchStages implements BatchStages {
    private ProducerBatch batch;
    private long baseOffset;
    private long completedNanos;

    ProducerBatchStages wrap(final ProducerBatch batch, final long baseOffset, final long completedNanos) {
        this.batch = batch;
        this.baseOffset = baseOffset;
        this.completedNanos = completedNanos;
        return this;
    }

    @Override
    public int partition() {
        return batch.partition();
    }

    @Override
    public long baseOffset() {
        return baseOffset;
    }

    @Override
    public int recordCount() {
        return batch.recordCount();
    }

    @Override
    public long intendedNanos(final int offsetDelta) {
        return batch.appendNanos(offsetDelta);
    }

    @Override
    public long sendNanos(final int offsetDelta) {
        return batch.sendNanos(offsetDelta);
    }

    @Override
    public long drainedNanos() {
        return batch.drainedNanos;
    }

    @Override
    public long requestWrittenNanos() {
        return batch.requestWrittenNanos;
    }

    @Override
    public boolean hasLeaderTimes() {
        return batch.leaderReadNanos != NO_TIME && batch.leaderAppendedNanos != NO_TIME
            && batch.leaderCommittedNanos != NO_TIME && batch.responseWrittenNanos != NO_TIME;
    }

    @Override
    public long leaderReadNanos() {
        return batch.leaderReadNanos;
    }

    @Override
    public long leaderAppendedNanos() {
        return batch.leaderAppendedNanos;
    }

    @Override
    public long leaderCommittedNanos() {
        return batch.leaderCommittedNanos;
    }

    @Override
    public long responseWrittenNanos() {
        return batch.responseWrittenNanos;
    }

    @Override
    public long completedNanos() {
        return completedNanos;
    }
}
