package io.ackbench.broker;

import io.ackbench.log.LeaderEpochCache;
import io.ackbench.log.PartitionLog;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.NodeIds;

/**
 * The leader's side of replication: answers followers' Fetch requests from its logs, and holds a fetch that
 * finds no new data for up to its maxWaitMs, answering it as soon as one of its partitions gets an append
 * (Kafka's DelayedFetch). Each fetch first reports the follower's log end offset to the partition's
 * {@link ReplicaSet}, which may move the high watermark and so complete parked acks=all requests. Owned by the
 * broker's thread; at most one parked fetch per follower (a newer fetch replaces it), in preallocated arrays.
 *
 * <p>Each entry is checked as Kafka's {@code Partition.fetchRecords} does, in this order: this broker leads the
 * partition and the fetcher is one of its followers (else NOT_LEADER_OR_FOLLOWER); the follower's current leader
 * epoch, when it sends one, is this leader's (older: FENCED_LEADER_EPOCH, newer: UNKNOWN_LEADER_EPOCH); its last
 * fetched epoch and fetch offset agree with this log's history (else the answer is the diverging epoch and its end
 * offset, KIP-595, with no records, and the fetch offset is not taken as the follower's LEO); the offset is within
 * the log (else OFFSET_OUT_OF_RANGE). The checks run again when a parked fetch is answered, as a role may have
 * changed meanwhile.
 *
 * <p>A fetch from a client node (id at or above {@link NodeIds#firstClient}) is a consumer's: {@link ConsumerFetches}
 * answers it, from below the high watermark, and parks it until the high watermark moves.
 */
final class FetchServer {
    /** {@link #check}'s answer for a diverging fetch: not an error code Kafka has (they are all above -2). */
    private static final short DIVERGING = Short.MIN_VALUE;

    private final int brokerId;
    private final PartitionReplica[] replicas;
    private final DelayedProduces delayedProduces;
    private final Replies replies;
    private final FetchResponse response = new FetchResponse();
    private final int firstClient;
    private final ConsumerFetches consumers;

    // One parked fetch per follower broker id.
    private final boolean[] parked;
    private final boolean[] dataArrived;
    private final int[] correlationIds;
    private final long[] deadlinesMs;
    private final int[] maxBytes;
    private final int[] entryCounts;
    private final int[][] partitions;
    private final long[][] fetchOffsets;
    private final int[][] currentLeaderEpochs;
    private final int[][] lastFetchedEpochs;
    private int parkedCount;
    private boolean anyDataArrived;

    FetchServer(final int brokerId, final int brokers, final PartitionReplica[] replicas,
                final DelayedProduces delayedProduces, final Replies replies) {
        this.brokerId = brokerId;
        this.replicas = replicas;
        this.delayedProduces = delayedProduces;
        this.replies = replies;
        this.firstClient = NodeIds.firstClient(brokers);
        this.consumers = new ConsumerFetches(brokerId, replicas, replies);
        this.parked = new boolean[brokers];
        this.dataArrived = new boolean[brokers];
        this.correlationIds = new int[brokers];
        this.deadlinesMs = new long[brokers];
        this.maxBytes = new int[brokers];
        this.entryCounts = new int[brokers];
        this.partitions = new int[brokers][replicas.length];
        this.fetchOffsets = new long[brokers][replicas.length];
        this.currentLeaderEpochs = new int[brokers][replicas.length];
        this.lastFetchedEpochs = new int[brokers][replicas.length];
    }

    void onFetch(final FetchRequest request, final long nowMs) {
        final int follower = request.source();
        if (follower >= firstClient) {
            consumers.onFetch(request, nowMs);
            return;
        }
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
            currentLeaderEpochs[follower][i] = request.currentLeaderEpoch(i);
            lastFetchedEpochs[follower][i] = request.lastFetchedEpoch(i);
            final PartitionReplica replica = replicaOf(partition);
            if (replica == null || check(replica, follower, i) != ErrorCode.NONE) {
                hasData = true; // answered at once, with the error or the diverging epoch
                continue;
            }
            final long logEnd = replica.log().logEndOffset();
            if (replica.replicaSet().onFollowerFetch(follower, fetchOffset, nowMs, logEnd)) {
                delayedProduces.onHighWatermark(partition);
                consumers.onPartitionChange(partition);
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

    /**
     * The high watermark of {@code partition} moved, or this broker stopped leading it: parked consumer fetches it
     * completes are answered by {@link #serveArrivals}.
     */
    void onHighWatermark(final int partition) {
        consumers.onPartitionChange(partition);
    }

    /**
     * Answers the parked fetches whose partitions got data since the last call: followers' on an append, consumers'
     * on a high watermark move. Returns how many.
     */
    int serveArrivals() {
        final int consumersServed = consumers.serveReady();
        if (!anyDataArrived) {
            return consumersServed;
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
        return served + consumersServed;
    }

    /** Answers the parked fetches whose wait is over, with whatever there is (usually nothing). */
    int expire(final long nowMs) {
        final int consumersServed = consumers.expire(nowMs);
        if (parkedCount == 0) {
            return consumersServed;
        }
        int served = consumersServed;
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

    /** How many followers' fetches are parked. Broker thread only; for tests. */
    int parkedCount() {
        return parkedCount;
    }

    /** How many consumers' fetches are parked. Broker thread only; for tests. */
    int parkedConsumerCount() {
        return consumers.parkedCount();
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
        int copiedInResponse = 0;
        for (int i = 0; i < entries && response.hasRoomForEntry(); i++) {
            final int partition = partitions[follower][i];
            final PartitionReplica replica = replicaOf(partition);
            if (replica == null) {
                response.beginEntry(partition, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
                response.endEntry(0);
                continue;
            }
            final long fetchOffset = fetchOffsets[follower][i];
            final short error = check(replica, follower, i);
            if (error == DIVERGING) {
                final LeaderEpochCache.EpochEndOffset end = replica.log().endOffsetForEpoch(lastFetchedEpochs[follower][i]);
                response.beginEntry(partition, ErrorCode.NONE, replica.highWatermark());
                response.diverging(end.epoch(), end.endOffset());
                response.endEntry(0);
                continue;
            }
            if (error != ErrorCode.NONE) {
                // OFFSET_OUT_OF_RANGE: Kafka's answer to a fetch outside the log, instead of letting the offset
                // reach the ISR bookkeeping. The others name no high watermark.
                response.beginEntry(partition, error,
                    error == ErrorCode.OFFSET_OUT_OF_RANGE ? replica.highWatermark() : -1);
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
                    // Only the response's first records may exceed the limit (one whole batch, KIP-74); a later
                    // partition whose next batch does not fit what is left gets nothing now, and the next fetch.
                    copied = replica.log().read(fetchOffset, Math.min(maxBytes[follower], room),
                        replies.buffer(), response.recordsOffset(), copiedInResponse == 0);
                }
            }
            copiedInResponse += copied;
            response.endEntry(copied);
        }
        replies.send(follower, response.encodedLength());
    }

    /**
     * The checks of the class comment for entry {@code entry} of {@code follower}'s fetch on a partition this broker
     * leads: {@link ErrorCode#NONE}, an error, or {@link #DIVERGING}. Allocation-free unless the fetch diverges or
     * its last fetched epoch is not this log's latest (right after an epoch change).
     */
    private short check(final PartitionReplica replica, final int follower, final int entry) {
        if (!replica.replicaSet().isFollower(follower)) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        final short epochError = checkLeaderEpoch(currentLeaderEpochs[follower][entry], replica.leaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return epochError;
        }
        final PartitionLog log = replica.log();
        final long fetchOffset = fetchOffsets[follower][entry];
        final int lastFetchedEpoch = lastFetchedEpochs[follower][entry];
        // The latest epoch ends at the log end, so a fetch in it diverges only by being past the end; that needs no
        // lookup, which keeps the steady state allocation-free.
        if (lastFetchedEpoch != FetchRequest.NO_EPOCH && lastFetchedEpoch == log.latestEpoch()) {
            if (fetchOffset > log.logEndOffset()) {
                return DIVERGING;
            }
        } else if (lastFetchedEpoch != FetchRequest.NO_EPOCH) {
            final LeaderEpochCache.EpochEndOffset end = log.endOffsetForEpoch(lastFetchedEpoch);
            // Kafka's rule; a history that knows nothing of the epoch (UNDEFINED) leaves the offset check to decide.
            if (end.endOffset() != LeaderEpochCache.UNDEFINED_EPOCH_OFFSET
                && (end.epoch() < lastFetchedEpoch || end.endOffset() < fetchOffset)) {
                return DIVERGING;
            }
        }
        if (fetchOffset < log.logStartOffset() || fetchOffset > log.logEndOffset()) {
            return ErrorCode.OFFSET_OUT_OF_RANGE;
        }
        return ErrorCode.NONE;
    }

    private PartitionReplica replicaOf(final int partition) {
        return ledHere(replicas, partition);
    }

    /** The replica of {@code partition} if this broker leads it, else null (also for a partition out of range). */
    static PartitionReplica ledHere(final PartitionReplica[] replicas, final int partition) {
        if (partition < 0 || partition >= replicas.length) {
            return null;
        }
        final PartitionReplica replica = replicas[partition];
        return replica != null && replica.isLeader() ? replica : null;
    }

    /**
     * KIP-320's check of a fetcher's current leader epoch against this leader's: {@link ErrorCode#NONE} when it sends
     * none or the same, FENCED_LEADER_EPOCH when older, UNKNOWN_LEADER_EPOCH when newer.
     */
    static short checkLeaderEpoch(final int currentEpoch, final int leaderEpoch) {
        if (currentEpoch == FetchRequest.NO_EPOCH || currentEpoch == leaderEpoch) {
            return ErrorCode.NONE;
        }
        return currentEpoch < leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
    }
}
