package io.ackbench.producer;

import io.ackbench.transport.ProduceResponse;

/**
 * The times of one completed batch, for a {@link BatchStageListener}: a flyweight over the batch, reused by the sender
 * for every batch and valid only during the listener's call. All times are nanoseconds of the producer's clock (the
 * system's monotonic clock, which the leader's stamps use too, one per host), or {@link #NO_TIME}.
 *
 * <pre>
 *   intendedNanos(i)  the record's intended send time (what the DeliveryListener gets as its append time)
 *   sendNanos(i)      when send was called for it
 *   drainedNanos      when the sender drained the batch from the accumulator
 *   requestWritten    when its request (its last attempt's) was written to the connection
 *   leaderRead        when the leader took the request up          } from the Produce response;
 *   leaderAppended    when the leader had appended the batch       } NO_TIME with acks=0, which has none
 *   leaderCommitted   when the high watermark covered it (acks=1: its append)
 *   responseWritten   when the leader wrote the response
 *   completedNanos    when the sender began the batch's callbacks
 * </pre>
 */
public final class BatchStages {
    public static final long NO_TIME = ProduceResponse.NO_TIME;

    private ProducerBatch batch;
    private long completedNanos;

    BatchStages wrap(final ProducerBatch batch, final long completedNanos) {
        this.batch = batch;
        this.completedNanos = completedNanos;
        return this;
    }

    public int partition() {
        return batch.partition();
    }

    public int recordCount() {
        return batch.recordCount();
    }

    /** The intended send time of the record at {@code offsetDelta}. */
    public long intendedNanos(final int offsetDelta) {
        return batch.appendNanos(offsetDelta);
    }

    /** When {@code send} was called for the record at {@code offsetDelta}. */
    public long sendNanos(final int offsetDelta) {
        return batch.sendNanos(offsetDelta);
    }

    public long drainedNanos() {
        return batch.drainedNanos;
    }

    public long requestWrittenNanos() {
        return batch.requestWrittenNanos;
    }

    /** Whether the leader answered with its times (not with acks=0, nor from a peer that does not stamp). */
    public boolean hasLeaderTimes() {
        return batch.leaderReadNanos != NO_TIME && batch.leaderAppendedNanos != NO_TIME
            && batch.leaderCommittedNanos != NO_TIME && batch.responseWrittenNanos != NO_TIME;
    }

    public long leaderReadNanos() {
        return batch.leaderReadNanos;
    }

    public long leaderAppendedNanos() {
        return batch.leaderAppendedNanos;
    }

    public long leaderCommittedNanos() {
        return batch.leaderCommittedNanos;
    }

    public long responseWrittenNanos() {
        return batch.responseWrittenNanos;
    }

    public long completedNanos() {
        return completedNanos;
    }
}
