package io.ackbench.broker;

import io.ackbench.log.PartitionLog;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;

import java.lang.System.Logger.Level;

/**
 * The leader's side of consumer fetches: Fetch requests from client nodes, which Kafka marks with replica id -1.
 * A consumer reads only what is committed: each entry is answered with whole batches whose records all lie below
 * the partition's high watermark (Kafka's {@code FetchIsolation.HIGH_WATERMARK}, {@code read_uncommitted} on a
 * topic without transactions), and a consumer's fetch offset is neither a follower's log end offset nor a reason to
 * move the ISR or the high watermark.
 *
 * <p>Each entry is checked as Kafka's {@code Partition.fetchRecords} and {@code UnifiedLog.read} do for a consumer:
 * the partition exists (else UNKNOWN_TOPIC_OR_PARTITION) and this broker leads it (else NOT_LEADER_OR_FOLLOWER); the
 * current leader epoch, when sent, is this leader's (older: FENCED_LEADER_EPOCH, newer: UNKNOWN_LEADER_EPOCH); the
 * fetch offset lies in [log start, log end] (else OFFSET_OUT_OF_RANGE, with the high watermark). An offset between
 * the high watermark and the log end is not an error in Kafka: it reads nothing and waits like one at the high
 * watermark.
 *
 * <p>A fetch with nothing below the high watermark for any of its partitions is parked for up to its maxWaitMs and
 * answered as soon as the high watermark of one of them moves past its fetch offset, or the partition's leadership
 * changes (Kafka's {@code DelayedFetch} for a consumer). At most one parked fetch per client node (a newer one
 * replaces it), in a table of {@link #CAPACITY} preallocated slots; when all are taken a fetch that would park is
 * answered at once, empty, and the refusal logged. Owned by the broker's thread; allocation-free apart from that log.
 */
final class ConsumerFetches {
    /** How many client nodes may have a fetch parked at once. */
    static final int CAPACITY = 64;
    /** The slot a fetch is decoded into before it is answered or parked. */
    private static final int SCRATCH = CAPACITY;
    private static final int FREE = -1;
    private static final System.Logger LOGGER = System.getLogger(ConsumerFetches.class.getName());

    private final int brokerId;
    private final PartitionReplica[] replicas;
    private final Replies replies;
    private final FetchResponse response = new FetchResponse();

    // Per slot; the last one is SCRATCH. A slot is taken while nodes[slot] != FREE.
    private final int[] nodes;
    private final boolean[] ready;
    private final int[] correlationIds;
    private final long[] deadlinesMs;
    private final int[] maxBytes;
    private final int[] entryCounts;
    private final int[][] partitions;
    private final long[][] fetchOffsets;
    private final int[][] currentLeaderEpochs;
    private int parkedCount;
    private boolean anyReady;
    private long refusals;

    ConsumerFetches(final int brokerId, final PartitionReplica[] replicas, final Replies replies) {
        this.brokerId = brokerId;
        this.replicas = replicas;
        this.replies = replies;
        this.nodes = new int[CAPACITY + 1];
        java.util.Arrays.fill(nodes, FREE);
        this.ready = new boolean[CAPACITY + 1];
        this.correlationIds = new int[CAPACITY + 1];
        this.deadlinesMs = new long[CAPACITY + 1];
        this.maxBytes = new int[CAPACITY + 1];
        this.entryCounts = new int[CAPACITY + 1];
        this.partitions = new int[CAPACITY + 1][replicas.length];
        this.fetchOffsets = new long[CAPACITY + 1][replicas.length];
        this.currentLeaderEpochs = new int[CAPACITY + 1][replicas.length];
    }

    void onFetch(final FetchRequest request, final long nowMs) {
        final int node = request.source();
        final int previous = slotOf(node);
        if (previous >= 0) {
            // The consumer sends another only once it gave up on the first; an answer to that one would be dropped.
            free(previous);
        }
        // A consumer names each partition once; entries past the partition count cannot all be distinct.
        final int entries = Math.min(request.entryCount(), replicas.length);
        boolean answerNow = false;
        for (int i = 0; i < entries; i++) {
            partitions[SCRATCH][i] = request.partition(i);
            fetchOffsets[SCRATCH][i] = request.fetchOffset(i);
            currentLeaderEpochs[SCRATCH][i] = request.currentLeaderEpoch(i);
            answerNow |= canAnswer(SCRATCH, i);
        }
        entryCounts[SCRATCH] = entries;
        correlationIds[SCRATCH] = request.correlationId();
        maxBytes[SCRATCH] = request.maxBytes();
        nodes[SCRATCH] = node;
        if (answerNow || request.maxWaitMs() <= 0) {
            respond(SCRATCH);
            return;
        }
        final int slot = slotOf(FREE);
        if (slot < 0) {
            refusals++;
            if (refusals == 1 || refusals % 1_000 == 0) {
                LOGGER.log(Level.WARNING, "Broker " + brokerId + " cannot park the fetch of client node " + node
                    + ": all " + CAPACITY + " consumer slots are taken; answering at once (" + refusals
                    + " such fetches so far)");
            }
            respond(SCRATCH);
            return;
        }
        copy(SCRATCH, slot, entries);
        deadlinesMs[slot] = nowMs + request.maxWaitMs();
        ready[slot] = false;
        parkedCount++;
    }

    /**
     * The high watermark of {@code partition} moved, or its leadership changed: the parked fetches it completes are
     * answered by {@link #serveReady}.
     */
    void onPartitionChange(final int partition) {
        if (parkedCount == 0) {
            return;
        }
        for (int slot = 0; slot < CAPACITY; slot++) {
            if (nodes[slot] != FREE && !ready[slot]) {
                for (int i = 0; i < entryCounts[slot]; i++) {
                    if (partitions[slot][i] == partition && canAnswer(slot, i)) {
                        ready[slot] = true;
                        anyReady = true;
                        break;
                    }
                }
            }
        }
    }

    /** Answers the parked fetches that became ready. Returns how many. */
    int serveReady() {
        if (!anyReady) {
            return 0;
        }
        anyReady = false;
        int served = 0;
        for (int slot = 0; slot < CAPACITY; slot++) {
            if (nodes[slot] != FREE && ready[slot]) {
                respond(slot);
                free(slot);
                served++;
            }
        }
        return served;
    }

    /** Answers the parked fetches whose wait is over, with whatever there is. */
    int expire(final long nowMs) {
        if (parkedCount == 0) {
            return 0;
        }
        int served = 0;
        for (int slot = 0; slot < CAPACITY; slot++) {
            if (nodes[slot] != FREE && nowMs >= deadlinesMs[slot]) {
                respond(slot);
                free(slot);
                served++;
            }
        }
        return served;
    }

    /** How many consumer fetches are parked. Broker thread only; for tests. */
    int parkedCount() {
        return parkedCount;
    }

    /** Fetches answered at once because every slot was taken. Broker thread only; for tests. */
    long refusals() {
        return refusals;
    }

    /** Whether entry {@code i} of {@code slot} would be answered with an error or with records now. */
    private boolean canAnswer(final int slot, final int i) {
        final int partition = partitions[slot][i];
        final PartitionReplica replica = leaderReplica(partition);
        if (replica == null || check(replica, slot, i) != ErrorCode.NONE) {
            return true;
        }
        return fetchOffsets[slot][i] < replica.highWatermark();
    }

    private void respond(final int slot) {
        response.wrapForEncode(replies.buffer(), 0, replies.capacity(), correlationIds[slot], brokerId);
        final int entries = entryCounts[slot];
        int copiedInResponse = 0;
        for (int i = 0; i < entries && response.hasRoomForEntry(); i++) {
            final int partition = partitions[slot][i];
            if (partition < 0 || partition >= replicas.length) {
                response.beginEntry(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1);
                response.endEntry(0);
                continue;
            }
            final PartitionReplica replica = leaderReplica(partition);
            if (replica == null) {
                response.beginEntry(partition, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
                response.endEntry(0);
                continue;
            }
            final short error = check(replica, slot, i);
            final long highWatermark = replica.highWatermark();
            if (error != ErrorCode.NONE) {
                response.beginEntry(partition, error, error == ErrorCode.OFFSET_OUT_OF_RANGE ? highWatermark : -1);
                response.endEntry(0);
                continue;
            }
            response.beginEntry(partition, ErrorCode.NONE, highWatermark);
            int copied = 0;
            final long fetchOffset = fetchOffsets[slot][i];
            if (fetchOffset < highWatermark) {
                final int reserve = (entries - i - 1) * FetchResponse.ENTRY_HEADER_LENGTH;
                final int room = response.roomForRecords() - reserve;
                if (room > 0) {
                    // KIP-74 as for followers: only the response's first records may exceed maxBytes.
                    copied = replica.log().read(fetchOffset, Math.min(maxBytes[slot], room), replies.buffer(),
                        response.recordsOffset(), copiedInResponse == 0, highWatermark);
                }
            }
            copiedInResponse += copied;
            response.endEntry(copied);
        }
        replies.send(nodes[slot], response.encodedLength());
    }

    private short check(final PartitionReplica replica, final int slot, final int i) {
        final short epochError = FetchServer.checkLeaderEpoch(currentLeaderEpochs[slot][i], replica.leaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return epochError;
        }
        final PartitionLog log = replica.log();
        final long fetchOffset = fetchOffsets[slot][i];
        if (fetchOffset < log.logStartOffset() || fetchOffset > log.logEndOffset()) {
            return ErrorCode.OFFSET_OUT_OF_RANGE;
        }
        return ErrorCode.NONE;
    }

    private PartitionReplica leaderReplica(final int partition) {
        return FetchServer.ledHere(replicas, partition);
    }

    /** The parked slot of {@code node}, or with {@link #FREE} a free slot; -1 if none. */
    private int slotOf(final int node) {
        for (int slot = 0; slot < CAPACITY; slot++) {
            if (nodes[slot] == node) {
                return slot;
            }
        }
        return -1;
    }

    private void free(final int slot) {
        nodes[slot] = FREE;
        ready[slot] = false;
        parkedCount--;
    }

    private void copy(final int from, final int to, final int entries) {
        System.arraycopy(partitions[from], 0, partitions[to], 0, entries);
        System.arraycopy(fetchOffsets[from], 0, fetchOffsets[to], 0, entries);
        System.arraycopy(currentLeaderEpochs[from], 0, currentLeaderEpochs[to], 0, entries);
        entryCounts[to] = entries;
        correlationIds[to] = correlationIds[from];
        maxBytes[to] = maxBytes[from];
        nodes[to] = nodes[from];
    }
}
