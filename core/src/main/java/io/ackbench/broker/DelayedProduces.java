package io.ackbench.broker;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ProduceResponse;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Arrays;

/**
 * The acks=all purgatory: parked Produce requests, completed when the high watermark covers every appended batch
 * of the request, or failed with REQUEST_TIMED_OUT for the batches still waiting at the deadline (kafka-semantics.md
 * §4.1). A partition whose ISR is below min.insync.replicas when its batch becomes covered answers
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND, as Kafka does. Owned by the broker's thread; parked requests come from a pool that
 * grows only while warming up.
 */
final class DelayedProduces {
    private final PartitionReplica[] replicas;
    private final Replies replies;
    private final int brokerId;
    private final ClientConnections connections;
    /** Stamps commits and responses: the broker's clock, the system's monotonic one outside tests. */
    private final NanoClock clock;
    private final ProduceResponse response = new ProduceResponse();
    private DelayedProduce[] parked = new DelayedProduce[16];
    private int parkedCount;
    private DelayedProduce[] free = new DelayedProduce[16];
    private int freeCount;

    DelayedProduces(final PartitionReplica[] replicas, final Replies replies, final int brokerId,
                    final ClientConnections connections) {
        this(replicas, replies, brokerId, connections, SystemNanoClock.INSTANCE);
    }

    DelayedProduces(final PartitionReplica[] replicas, final Replies replies, final int brokerId,
                    final ClientConnections connections, final NanoClock clock) {
        this.replicas = replicas;
        this.clock = clock;
        this.connections = connections;
        this.replies = replies;
        this.brokerId = brokerId;
    }

    /**
     * A parked-request slot for a request of {@code entries} entries (any number: a client may repeat a partition),
     * taken up at {@code readNanos}.
     */
    DelayedProduce acquire(final int source, final int correlationId, final long deadlineMs, final int entries,
                           final long readNanos) {
        final DelayedProduce delayed = freeCount > 0 ? free[--freeCount] : new DelayedProduce(replicas.length);
        delayed.reset(source, correlationId, deadlineMs, entries, readNanos);
        return delayed;
    }

    /**
     * Answers the request now if nothing in it waits (every entry failed, or all are covered already), else parks it
     * and mutes its client's connection until it is answered. Returns whether it was parked.
     */
    boolean park(final DelayedProduce delayed) {
        for (int i = 0; i < delayed.entryCount; i++) {
            if (delayed.pending[i]) {
                tryComplete(delayed, i);
            }
        }
        if (delayed.pendingCount == 0) {
            respond(delayed);
            return false;
        }
        if (parkedCount == parked.length) {
            parked = Arrays.copyOf(parked, parkedCount * 2);
        }
        parked[parkedCount++] = delayed;
        connections.mute(delayed.source);
        return true;
    }

    /** Completes what the partition's new high watermark covers. Returns how many requests were answered. */
    int onHighWatermark(final int partition) {
        int answered = 0;
        for (int r = 0; r < parkedCount; ) {
            final DelayedProduce delayed = parked[r];
            for (int i = 0; i < delayed.entryCount; i++) {
                if (delayed.pending[i] && delayed.partitions[i] == partition) {
                    tryComplete(delayed, i);
                }
            }
            if (answerIfDone(r, delayed)) {
                answered++;
            } else {
                r++;
            }
        }
        return answered;
    }

    /** Fails the still-waiting batches of requests past their deadline. Returns how many requests were answered. */
    int expire(final long nowMs) {
        int answered = 0;
        for (int r = 0; r < parkedCount; ) {
            final DelayedProduce delayed = parked[r];
            if (nowMs >= delayed.deadlineMs) {
                for (int i = 0; i < delayed.entryCount; i++) {
                    if (delayed.pending[i]) {
                        delayed.complete(i, ErrorCode.REQUEST_TIMED_OUT, ProduceResponse.NO_TIME);
                    }
                }
                answerIfDone(r, delayed);
                answered++;
            } else {
                r++;
            }
        }
        return answered;
    }

    /**
     * The partition's leadership moved away: every batch still waiting on it fails with NOT_LEADER_OR_FOLLOWER (Kafka's
     * {@code ReplicaManager} completes the delayed produces of a partition that becomes a follower so), and the
     * requests left with nothing waiting are answered. Returns how many requests were answered.
     */
    int onLeadershipLost(final int partition) {
        int answered = 0;
        for (int r = 0; r < parkedCount; ) {
            final DelayedProduce delayed = parked[r];
            for (int i = 0; i < delayed.entryCount; i++) {
                if (delayed.pending[i] && delayed.partitions[i] == partition) {
                    delayed.complete(i, ErrorCode.NOT_LEADER_OR_FOLLOWER, ProduceResponse.NO_TIME);
                }
            }
            if (answerIfDone(r, delayed)) {
                answered++;
            } else {
                r++;
            }
        }
        return answered;
    }

    /** Returns an acks=0 request to the pool: nobody hears about it. */
    void discard(final DelayedProduce delayed) {
        recycle(delayed);
    }

    private void tryComplete(final DelayedProduce delayed, final int entry) {
        final PartitionReplica replica = replicas[delayed.partitions[entry]];
        if (replica.highWatermark() >= delayed.requiredOffsets[entry]) {
            final boolean belowMin = replica.replicaSet().isrBelowMin();
            delayed.complete(entry, belowMin ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode.NONE,
                belowMin ? ProduceResponse.NO_TIME : clock.nanoTime());
        }
    }

    /** Answers the request parked at {@code index} and unparks it when none of its entries waits any more. */
    private boolean answerIfDone(final int index, final DelayedProduce delayed) {
        if (delayed.pendingCount != 0) {
            return false;
        }
        removeAt(index);
        respond(delayed);
        return true;
    }

    private void removeAt(final int index) {
        parked[index] = parked[--parkedCount];
        parked[parkedCount] = null;
    }

    private void respond(final DelayedProduce delayed) {
        response.wrapForEncode(replies.buffer(), 0, delayed.correlationId, brokerId);
        response.leaderReadNanos(delayed.readNanos);
        for (int i = 0; i < delayed.entryCount; i++) {
            response.add(delayed.partitions[i], delayed.errors[i], delayed.baseOffsets[i], delayed.appendedNanos[i],
                delayed.committedNanos[i]);
        }
        // The last moment the leader can stamp: the send itself may wait for room (see Replies).
        response.writtenNanos(clock.nanoTime());
        replies.send(delayed.source, response.encodedLength());
        connections.unmute(delayed.source);
        recycle(delayed);
    }

    private void recycle(final DelayedProduce delayed) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = delayed;
    }
}
