package io.ackbench.producer;

import io.ackbench.transport.ProduceResponse;

/**
 * The times of one completed batch, for a {@link BatchStageListener}: the sender hands a flyweight over the batch,
 * reused for every batch and valid only during the listener's call. All times are nanoseconds of the producer's clock
 * (the system's monotonic clock, which the leader's stamps use too, one per host), or {@link #NO_TIME}.
 *
 * <pre>
 *   baseOffset        the offset the leader gave the batch's first record, or -1 when not known (acks=0, or a
 *                     retry the leader took for a duplicate)
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
public interface BatchStages {
    long NO_TIME = ProduceResponse.NO_TIME;

    int partition();

    /** Where the leader appended the batch, the offset its consumers will see it at, or -1 when not known. */
    long baseOffset();

    int recordCount();

    /** The intended send time of the record at {@code offsetDelta}. */
    long intendedNanos(int offsetDelta);

    /** When {@code send} was called for the record at {@code offsetDelta}. */
    long sendNanos(int offsetDelta);

    long drainedNanos();

    long requestWrittenNanos();

    /** Whether the leader answered with its times: not with acks=0, nor from a peer that does not stamp them. */
    boolean hasLeaderTimes();

    long leaderReadNanos();

    long leaderAppendedNanos();

    long leaderCommittedNanos();

    long responseWrittenNanos();

    long completedNanos();
}
