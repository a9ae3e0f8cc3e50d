package io.ackbench.broker;

import io.ackbench.log.LeaderEpochCache;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The follower's side of replication (Kafka's pull model): for each leader it follows partitions of, keeps one
 * Fetch request outstanding, asking from each local log's end offset, and appends what comes back. The next
 * fetch goes out as soon as the previous response is appended; its offsets tell the leader how far this replica
 * has come, which is what moves the high watermark. Owned by the broker's thread.
 *
 * <p>Which leader a partition is fetched from is read from its {@link PartitionReplica} at every send, so a role
 * change takes effect on the next fetch. Each entry carries the replica's leader epoch and its log's latest epoch
 * (KIP-320/KIP-595); an answer with a diverging epoch truncates the log (Kafka's
 * {@code AbstractFetcherThread.truncateOnFetchResponse}) and the next fetch goes out at once from the new end. An
 * answer is applied to a partition only if it still follows that leader in the epoch and from the offset the fetch
 * was sent with: anything else is a stale answer to a fetch made before a role change or a truncation. Appended
 * batches go into the replica's producer state too; a truncation rebuilds it ({@link PartitionReplica#onTruncated}).
 *
 * <p>With {@code ackbench.replica.verify.crc} on, every fetched batch's header and CRC-32C are checked before any of
 * its partition's bytes are appended, as Kafka's {@code UnifiedLog.analyzeAndValidateRecords} checks them on every
 * replica. A partition whose data fails is handled as Kafka's {@code AbstractFetcherThread} handles a
 * {@code CorruptRecordException}: logged, nothing of its entry appended (nor its high watermark taken), and left out
 * of fetches for {@code replica.fetch.backoff.ms}, after which it is fetched again from the same offset; the other
 * partitions, from that leader too, go on being fetched.
 */
final class ReplicaFetcher {
    private static final System.Logger LOGGER = System.getLogger(ReplicaFetcher.class.getName());
    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(boolean[].class);

    private final int brokerId;
    private final Endpoint endpoint;
    private final PartitionReplica[] replicas;
    private final int maxWaitMs;
    private final int maxBytes;
    private final long backoffMs;
    private final FetchRequest request = new FetchRequest();
    private final UnsafeBuffer buffer;

    private final boolean[] outstanding;
    private final int[] correlationIds;
    private final long[] sentAtMs;
    private final long[] notBeforeMs;
    /** Per partition: the leader epoch and fetch offset of the last fetch sent for it. */
    private final int[] sentEpochs;
    private final long[] sentOffsets;
    /** Per partition: its fetched data failed the CRC check, so it is not fetched before this time. */
    private final long[] partitionNotBeforeMs;
    /**
     * Per leader, null when CRCs are not checked: each with a CRC calculator of its own, because a calculator takes
     * a view of each new direct buffer it sees and each leader's responses arrive in a buffer of their own.
     */
    private final RecordBatchReader[] verifiers;
    private int nextCorrelationId;
    private long truncations;
    private long corruptFetches;
    /** Written by a control thread (fault injection) with a volatile store; read by the broker's thread each cycle. */
    private volatile boolean paused;

    ReplicaFetcher(final int brokerId, final Endpoint endpoint, final TopicLayout layout,
                   final PartitionReplica[] replicas, final BrokerConfig config) {
        this.brokerId = brokerId;
        this.endpoint = endpoint;
        this.replicas = replicas;
        this.maxWaitMs = config.replicaFetchWaitMaxMs();
        this.maxBytes = config.replicaFetchMaxBytes();
        this.backoffMs = config.replicaFetchBackoffMs();
        final int brokers = layout.brokerCount();
        this.sentEpochs = new int[layout.partitionCount()];
        this.sentOffsets = new long[layout.partitionCount()];
        this.partitionNotBeforeMs = new long[layout.partitionCount()];
        if (config.replicaVerifyCrc()) {
            this.verifiers = new RecordBatchReader[brokers];
            for (int leader = 0; leader < brokers; leader++) {
                verifiers[leader] = new RecordBatchReader();
            }
        } else {
            this.verifiers = null;
        }
        this.outstanding = new boolean[brokers];
        this.correlationIds = new int[brokers];
        this.sentAtMs = new long[brokers];
        this.notBeforeMs = new long[brokers];
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            FetchRequest.ENTRIES_OFFSET + layout.partitionCount() * FetchRequest.ENTRY_LENGTH, 64));
    }

    /** Sends a fetch to every leader that has none outstanding. Returns how many were sent. */
    int doWork(final long nowMs) {
        if (paused) {
            return 0;
        }
        int sent = 0;
        for (int leader = 0; leader < outstanding.length; leader++) {
            if (leader == brokerId || nowMs < notBeforeMs[leader] || !fetchesAny(leader, nowMs)) {
                continue;
            }
            // A leader answers within maxWaitMs; a fetch unanswered for replica.fetch.backoff.ms beyond that was
            // lost (its connection broke, or the leader was not listening yet) and goes again. A late answer to the
            // old one is ignored by its correlation id.
            if (outstanding[leader] && nowMs - sentAtMs[leader] < maxWaitMs + Math.max(1, backoffMs)) {
                continue;
            }
            final int correlationId = ++nextCorrelationId;
            request.wrapForEncode(buffer, 0, correlationId, brokerId, maxWaitMs, maxBytes);
            for (int partition = 0; partition < replicas.length; partition++) {
                final PartitionReplica replica = replicas[partition];
                if (follows(replica, leader) && nowMs >= partitionNotBeforeMs[partition]) {
                    final PartitionLog log = replica.log();
                    sentEpochs[partition] = replica.leaderEpoch();
                    sentOffsets[partition] = log.logEndOffset();
                    request.add(partition, replica.leaderEpoch(), log.logEndOffset(), log.latestEpoch());
                }
            }
            if (endpoint.send(leader, buffer, 0, request.encodedLength())) {
                outstanding[leader] = true;
                correlationIds[leader] = correlationId;
                sentAtMs[leader] = nowMs;
                sent++;
            }
        }
        return sent;
    }

    void onResponse(final FetchResponse response, final long nowMs) {
        final int leader = response.source();
        if (leader < 0 || leader >= outstanding.length || !outstanding[leader]
            || response.correlationId() != correlationIds[leader]) {
            return;
        }
        outstanding[leader] = false;
        while (response.nextEntry()) {
            final int partition = response.partition();
            final PartitionReplica replica = replicaOf(partition);
            if (replica == null || replica.leaderId() != leader || replica.leaderEpoch() != sentEpochs[partition]
                || replica.log().logEndOffset() != sentOffsets[partition]) {
                continue; // not asked for, or asked for before a role change or truncation: stale
            }
            if (response.errorCode() != ErrorCode.NONE) {
                notBeforeMs[leader] = nowMs + backoffMs;
                continue;
            }
            final PartitionLog log = replica.log();
            if (response.isDiverging()) {
                truncate(replica, response.divergingEpoch(), response.divergingEndOffset());
                continue;
            }
            if (response.recordsLength() > 0) {
                if (verifiers != null
                    && !intact(verifiers[leader], response.buffer(), response.recordsOffset(), response.recordsLength(),
                        partition, sentOffsets[partition])) {
                    partitionNotBeforeMs[partition] = nowMs + backoffMs;
                    continue;
                }
                log.appendAsFollower(response.buffer(), response.recordsOffset(), response.recordsLength());
                // Kafka's follower updates its producer state from what it appends, so that as a new leader it
                // still knows each producer's last batches.
                replica.producers().onReplicated(response.buffer(), response.recordsOffset(),
                    response.recordsLength());
            }
            replica.followerHighWatermark(response.highWatermark());
        }
    }

    /**
     * Kafka's {@code AbstractFetcherThread.getOffsetTruncationState} for a diverging answer: if this log has the
     * leader's diverging epoch, it truncates to the smaller of the leader's end offset for it and its own end;
     * otherwise to its own end offset for the largest epoch below, and the next fetch (carrying that older epoch)
     * asks again. A leader that knew no end offset gets the log truncated to the high watermark, Kafka's fallback.
     * Cold path: allocates an epoch lookup and forces the truncation to disk.
     */
    private void truncate(final PartitionReplica replica, final int leaderEpoch, final long leaderEndOffset) {
        final PartitionLog log = replica.log();
        long target;
        if (leaderEndOffset < 0) {
            target = replica.highWatermark();
        } else if (leaderEpoch < 0) {
            target = leaderEndOffset;
        } else {
            final LeaderEpochCache.EpochEndOffset own = log.endOffsetForEpoch(leaderEpoch);
            target = own.epoch() == leaderEpoch || own.endOffset() < 0 ? leaderEndOffset : own.endOffset();
        }
        target = Math.max(log.logStartOffset(), Math.min(target, log.logEndOffset()));
        log.truncateTo(target);
        replica.onTruncated();
        truncations++;
    }

    /**
     * Whether every batch in {@code [offset, offset + length)} has a sound header and CRC ({@link RecordBatchReader}'s
     * wrap). Allocates only to report a failure.
     */
    private boolean intact(final RecordBatchReader verifier, final DirectBuffer buffer, final int offset,
                           final int length, final int partition, final long fetchOffset) {
        final int end = offset + length;
        try {
            for (int at = offset; at < end; at = verifier.nextBatchOffset()) {
                verifier.wrap(buffer, at, end - at);
            }
            return true;
        } catch (final CorruptRecordBatchException e) {
            corruptFetches++;
            LOGGER.log(Level.ERROR, "Broker " + brokerId + ": found invalid batches fetching partition " + partition
                + " at offset " + fetchOffset + "; nothing of it appended, fetched again in " + backoffMs + " ms: "
                + e.getMessage());
            return false;
        }
    }

    /** Whether this broker follows a partition of {@code leader} that is not backing off after corrupt data. */
    private boolean fetchesAny(final int leader, final long nowMs) {
        for (int partition = 0; partition < replicas.length; partition++) {
            if (follows(replicas[partition], leader) && nowMs >= partitionNotBeforeMs[partition]) {
                return true;
            }
        }
        return false;
    }

    private static boolean follows(final PartitionReplica replica, final int leader) {
        return replica != null && !replica.isLeader() && replica.leaderId() == leader;
    }

    /** How many diverging answers truncated a log. Broker thread; for tests after the thread stopped. */
    long truncations() {
        return truncations;
    }

    /** How many partitions' fetched data failed the CRC check. Broker thread; for tests after the thread stopped. */
    long corruptFetches() {
        return corruptFetches;
    }

    private PartitionReplica replicaOf(final int partition) {
        if (partition < 0 || partition >= replicas.length) {
            return null;
        }
        final PartitionReplica replica = replicas[partition];
        return replica != null && !replica.isLeader() ? replica : null;
    }

    /** Stops sending fetches (a paused follower: alive, but its leader hears nothing from it). */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /**
     * Whether a fetch sent to {@code leader} is still waiting for its answer. Any thread: an opaque read of a flag
     * this fetcher's thread writes with plain stores, so a loop polling it is not reduced to one read and sees the
     * broker's stores as they reach memory, with no bound the memory model promises; it orders nothing else. For
     * tests; {@link Broker#heartbeatMs()} is the reading with an ordering.
     */
    boolean awaitingResponse(final int leader) {
        return (boolean) FLAGS.getOpaque(outstanding, leader);
    }

    /** Forgets outstanding fetches, as a restarted broker would. Broker thread only. */
    void reset() {
        java.util.Arrays.fill(outstanding, false);
        java.util.Arrays.fill(notBeforeMs, 0);
        java.util.Arrays.fill(partitionNotBeforeMs, 0);
    }
}
