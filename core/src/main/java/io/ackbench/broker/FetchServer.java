package io.ackbench.broker;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;

/**
 * The leader's side of replication: answers followers' Fetch requests from its logs, and holds a fetch that
 * finds no new data for up to its maxWaitMs, answering it as soon as one of its partitions gets an append
 * (Kafka's DelayedFetch). Each fetch first reports the follower's log end offset to the partition's
 * {@link ReplicaSet}, which may move the high watermark and so complete parked acks=all requests. Owned by the
 * broker's thread; at most one parked fetch per follower (a newer fetch replaces it), in preallocated arrays.
 */
final class FetchServer {
    private final int brokerId;
    private final PartitionReplica[] replicas;
    private final DelayedProduces delayedProduces;
    private final Replies replies;
    private final FetchResponse response = new FetchResponse();

    // One parked fetch per follower broker id.
    private final boolean[] parked;
    private final boolean[] dataArrived;
    private final int[] correlationIds;
    private final long[] deadlinesMs;
    private final int[] maxBytes;
    private final int[] entryCounts;
    private final int[][] partitions;
    private final long[][] fetchOffsets;
    private int parkedCount;
    private boolean anyDataArrived;

    FetchServer(final int brokerId, final int brokers, final PartitionReplica[] replicas,
                final DelayedProduces delayedProduces, final Replies replies) {
        this.brokerId = brokerId;
        this.replicas = replicas;
        this.delayedProduces = delayedProduces;
        this.replies = replies;
        this.parked = new boolean[brokers];
        this.dataArrived = new boolean[brokers];
        this.correlationIds = new int[brokers];
        this.deadlinesMs = new long[brokers];
        this.maxBytes = new int[brokers];
        this.entryCounts = new int[brokers];
        this.partitions = new int[brokers][replicas.length];
        this.fetchOffsets = new long[brokers][replicas.length];
    }

    void onFetch(final FetchRequest request, final long nowMs) {
        final int follower = request.source();
        if (follower < 0 || follower >= parked.length) {
            return;
        }
        if (parked[follower]) {
            // A follower has one fetch outstanding per leader: it sends another only once it counts the first as
            // lost (ReplicaFetcher resends after maxWaitMs + backoff and ignores a late answer by its correlation
            // id). The new fetch replaces the parked one, whose fields it is about to overwrite anyway; answering
            // the old one now would only send the follower a response it drops.
            unpark(follower);
        }
        final int entries = Math.min(request.entryCount(), replicas.length);
        boolean hasData = false;
        for (int i = 0; i < entries; i++) {
            final int partition = request.partition(i);
            final long fetchOffset = request.fetchOffset(i);
            partitions[follower][i] = partition;
            fetchOffsets[follower][i] = fetchOffset;
            final PartitionReplica replica = replicaOf(partition);
            if (replica == null) {
                hasData = true;
                continue;
            }
            final long logEnd = replica.log().logEndOffset();
            if (fetchOffset < replica.log().logStartOffset() || fetchOffset > logEnd
                || !replica.replicaSet().isFollower(follower)) {
                hasData = true; // answered at once, with OFFSET_OUT_OF_RANGE or NOT_LEADER_OR_FOLLOWER
                continue;
            }
            if (replica.replicaSet().onFollowerFetch(follower, fetchOffset, nowMs, logEnd)) {
                delayedProduces.onHighWatermark(partition);
            }
            hasData |= fetchOffset != logEnd;
        }
        entryCounts[follower] = entries;
        correlationIds[follower] = request.correlationId();
        maxBytes[follower] = request.maxBytes();
        if (hasData || request.maxWaitMs() <= 0) {
            respond(follower);
        } else {
            park(follower, nowMs + request.maxWaitMs());
        }
    }

    /** A leader append on {@code partition}: parked fetches that include it are answered by {@link #serveArrivals}. */
    void onAppend(final int partition) {
        if (parkedCount == 0) {
            return;
        }
        for (int follower = 0; follower < parked.length; follower++) {
            if (parked[follower] && !dataArrived[follower] && includes(follower, partition)) {
                dataArrived[follower] = true;
                anyDataArrived = true;
            }
        }
    }

    /** Answers the parked fetches whose partitions got data since the last call. Returns how many. */
    int serveArrivals() {
        if (!anyDataArrived) {
            return 0;
        }
        anyDataArrived = false;
        int served = 0;
        for (int follower = 0; follower < parked.length; follower++) {
            if (parked[follower] && dataArrived[follower]) {
                unpark(follower);
                respond(follower);
                served++;
            }
        }
        return served;
    }

    /** Answers the parked fetches whose wait is over, with whatever there is (usually nothing). */
    int expire(final long nowMs) {
        if (parkedCount == 0) {
            return 0;
        }
        int served = 0;
        for (int follower = 0; follower < parked.length; follower++) {
            if (parked[follower] && nowMs >= deadlinesMs[follower]) {
                unpark(follower);
                respond(follower);
                served++;
            }
        }
        return served;
    }

    private boolean includes(final int follower, final int partition) {
        final int[] fetched = partitions[follower];
        for (int i = 0; i < entryCounts[follower]; i++) {
            if (fetched[i] == partition) {
                return true;
            }
        }
        return false;
    }

    /** How many fetches are parked. Broker thread only; for tests. */
    int parkedCount() {
        return parkedCount;
    }

    private void park(final int follower, final long deadlineMs) {
        parked[follower] = true;
        dataArrived[follower] = false;
        deadlinesMs[follower] = deadlineMs;
        parkedCount++;
    }

    private void unpark(final int follower) {
        parked[follower] = false;
        dataArrived[follower] = false;
        parkedCount--;
    }

    private void respond(final int follower) {
        response.wrapForEncode(replies.buffer(), 0, replies.capacity(), correlationIds[follower], brokerId);
        final int entries = entryCounts[follower];
        for (int i = 0; i < entries && response.hasRoomForEntry(); i++) {
            final int partition = partitions[follower][i];
            final PartitionReplica replica = replicaOf(partition);
            if (replica == null) {
                response.beginEntry(partition, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
                response.endEntry(0);
                continue;
            }
            final long fetchOffset = fetchOffsets[follower][i];
            if (!replica.replicaSet().isFollower(follower)) {
                response.beginEntry(partition, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
                response.endEntry(0);
                continue;
            }
            if (fetchOffset < replica.log().logStartOffset() || fetchOffset > replica.log().logEndOffset()) {
                // Kafka's answer to a fetch outside the log, instead of letting the offset reach the ISR bookkeeping.
                response.beginEntry(partition, ErrorCode.OFFSET_OUT_OF_RANGE, replica.highWatermark());
                response.endEntry(0);
                continue;
            }
            response.beginEntry(partition, ErrorCode.NONE, replica.highWatermark());
            int copied = 0;
            if (fetchOffset < replica.log().logEndOffset()) {
                // Leave room for the headers of the entries still to come.
                final int reserve = (entries - i - 1) * FetchResponse.ENTRY_HEADER_LENGTH;
                final int room = response.roomForRecords() - reserve;
                if (room > 0) {
                    copied = replica.log().read(fetchOffset, Math.min(maxBytes[follower], room),
                        replies.buffer(), response.recordsOffset());
                }
            }
            response.endEntry(copied);
        }
        replies.send(follower, response.encodedLength());
    }

    private PartitionReplica replicaOf(final int partition) {
        if (partition < 0 || partition >= replicas.length) {
            return null;
        }
        final PartitionReplica replica = replicas[partition];
        return replica != null && replica.isLeader() ? replica : null;
    }
}
