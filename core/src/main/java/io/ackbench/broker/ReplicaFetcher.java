package io.ackbench.broker;

import io.ackbench.log.PartitionLog;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The follower's side of replication (Kafka's pull model): for each leader it follows partitions of, keeps one
 * Fetch request outstanding, asking from each local log's end offset, and appends what comes back. The next
 * fetch goes out as soon as the previous response is appended; its offsets tell the leader how far this replica
 * has come, which is what moves the high watermark. Owned by the broker's thread.
 */
final class ReplicaFetcher {
    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(boolean[].class);

    private final int brokerId;
    private final Endpoint endpoint;
    private final PartitionReplica[] replicas;
    private final int maxWaitMs;
    private final int maxBytes;
    private final long backoffMs;
    private final FetchRequest request = new FetchRequest();
    private final UnsafeBuffer buffer;

    /** Per leader broker id: the partitions this broker follows from it. */
    private final int[][] followed;
    private final boolean[] outstanding;
    private final int[] correlationIds;
    private final long[] sentAtMs;
    private final long[] notBeforeMs;
    private int nextCorrelationId;
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
        this.followed = new int[brokers][];
        for (int leader = 0; leader < brokers; leader++) {
            int count = 0;
            final int[] partitions = new int[layout.partitionCount()];
            for (int p = 0; p < layout.partitionCount(); p++) {
                if (leader != brokerId && layout.leader(p) == leader && layout.hosts(brokerId, p)) {
                    partitions[count++] = p;
                }
            }
            followed[leader] = java.util.Arrays.copyOf(partitions, count);
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
        for (int leader = 0; leader < followed.length; leader++) {
            if (followed[leader].length == 0 || nowMs < notBeforeMs[leader]) {
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
            for (final int partition : followed[leader]) {
                request.add(partition, replicas[partition].log().logEndOffset());
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
        if (leader < 0 || leader >= followed.length || !outstanding[leader]
            || response.correlationId() != correlationIds[leader]) {
            return;
        }
        outstanding[leader] = false;
        while (response.nextEntry()) {
            final PartitionReplica replica = replicaOf(response.partition());
            if (replica == null || response.errorCode() != ErrorCode.NONE) {
                notBeforeMs[leader] = nowMs + backoffMs;
                continue;
            }
            final PartitionLog log = replica.log();
            if (response.recordsLength() > 0) {
                log.appendAsFollower(response.buffer(), response.recordsOffset(), response.recordsLength());
            }
            replica.followerHighWatermark(response.highWatermark());
        }
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
    }
}
