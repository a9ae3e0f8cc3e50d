package io.ackbench.broker;

import io.ackbench.transport.AllocateProducerIds;
import io.ackbench.transport.AlterPartition;
import io.ackbench.transport.BrokerHeartbeat;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A broker's side of its exchanges with the controller: a heartbeat every broker.heartbeat.interval.ms, the leader's
 * ISR proposals (AlterPartition, one in flight per partition), and the producer-id blocks InitProducerId is answered
 * from (AllocateProducerIds). A request the controller has not answered within a heartbeat interval is given up and
 * made again: the controller's answers are idempotent (a proposal it already committed is refused as stale and the
 * committed ISR arrives in a LeaderAndIsr; an id block it handed out is simply skipped).
 *
 * <p>Owned by the broker's thread; nothing here is shared.
 */
final class ControllerChannel {
    private static final System.Logger LOGGER = System.getLogger(ControllerChannel.class.getName());
    private static final long NONE = -1;
    /** Kafka's brokers fetch the next block once 90% of the current one is used; so does this one. */
    private static final int PREFETCH_PERCENT = 90;

    private final int brokerId;
    private final int controllerId;
    private final Endpoint endpoint;
    private final long heartbeatIntervalMs;
    /** This run of the broker: changed by {@link #restarted}, so the controller handles a restart as KRaft does. */
    private long incarnation;
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));
    private long nextHeartbeatMs;
    private int nextCorrelationId;

    /** Per partition: the correlation id of the AlterPartition in flight and when it went, or NONE. */
    private final int[] alterCorrelation;
    private final long[] alterSentMs;

    /** The block InitProducerId takes ids from: [nextProducerId, blockEnd); empty when equal. */
    private long nextProducerId;
    private long blockEnd;
    private long blockSize;
    /** A block fetched ahead, or NONE. */
    private long prefetchedFirst = NONE;
    private int prefetchedCount;
    private int idsCorrelation;
    private long idsSentMs = NONE;

    ControllerChannel(final int brokerId, final int controllerId, final Endpoint endpoint,
                      final long heartbeatIntervalMs, final int partitions, final long incarnation) {
        this.brokerId = brokerId;
        this.controllerId = controllerId;
        this.endpoint = endpoint;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.incarnation = incarnation;
        this.alterCorrelation = new int[partitions];
        this.alterSentMs = new long[partitions];
        Arrays.fill(alterSentMs, NONE);
    }

    /**
     * Heartbeats when due, asks for producer ids when the block runs low, and gives up AlterPartition requests
     * unanswered for a heartbeat interval (their proposals fail, to be made again). Returns the work done.
     */
    int doWork(final long nowMs, final PartitionReplica[] replicas) {
        int work = 0;
        if (nowMs >= nextHeartbeatMs) {
            nextHeartbeatMs = nowMs + heartbeatIntervalMs;
            endpoint.send(controllerId, buffer, 0, BrokerHeartbeat.encode(buffer, 0, brokerId, incarnation));
            work++;
            for (int p = 0; p < alterSentMs.length; p++) {
                if (alterSentMs[p] != NONE && nowMs - alterSentMs[p] >= heartbeatIntervalMs) {
                    alterSentMs[p] = NONE;
                    final ReplicaSet set = replicas[p] == null ? null : replicas[p].replicaSet();
                    if (set != null) {
                        set.proposalFailed();
                    }
                }
            }
        }
        if (needsIds() && (idsSentMs == NONE || nowMs - idsSentMs >= heartbeatIntervalMs)) {
            idsCorrelation = ++nextCorrelationId;
            idsSentMs = nowMs;
            endpoint.send(controllerId, buffer, 0,
                AllocateProducerIds.encodeRequest(buffer, 0, idsCorrelation, brokerId));
            work++;
        }
        return work;
    }

    /** The broker came back from a stop: a new incarnation, heartbeating at once; requests in flight are forgotten. */
    void restarted(final long newIncarnation) {
        incarnation = newIncarnation;
        nextHeartbeatMs = 0;
        idsSentMs = NONE;
        Arrays.fill(alterSentMs, NONE);
    }

    /** Whether a LeaderAndIsr addressed to {@code brokerIncarnation} is for this run of the broker. */
    boolean isForThisIncarnation(final long brokerIncarnation) {
        return brokerIncarnation == incarnation;
    }

    /** Sends a leader's proposed ISR for {@code partition}. Cold path. */
    void alterPartition(final int partition, final int leaderEpoch, final int partitionEpoch, final int[] isr,
                        final long nowMs) {
        final int correlationId = ++nextCorrelationId;
        alterCorrelation[partition] = correlationId;
        alterSentMs[partition] = nowMs;
        endpoint.send(controllerId, buffer, 0, AlterPartition.encodeRequest(buffer, 0, correlationId, brokerId,
            partition, leaderEpoch, partitionEpoch, isr));
    }

    /**
     * The controller's answer to an AlterPartition: a committed ISR is applied if this broker still leads in the
     * epoch it names; a refusal ends the proposal. An answer to a request given up is ignored.
     */
    void onAlterPartitionResponse(final DirectBuffer frame, final int offset, final int length,
                                  final PartitionReplica[] replicas, final IntConsumer onHighWatermark) {
        AlterPartition.checkResponse(frame, offset, length);
        final int partition = AlterPartition.responsePartition(frame, offset);
        if (partition < 0 || partition >= alterCorrelation.length || alterSentMs[partition] == NONE
            || alterCorrelation[partition] != FrameHeader.correlationId(frame, offset)) {
            return;
        }
        alterSentMs[partition] = NONE;
        final PartitionReplica replica = replicas[partition];
        final ReplicaSet set = replica == null ? null : replica.replicaSet();
        if (set == null) {
            return;
        }
        final short error = AlterPartition.responseError(frame, offset);
        if (error != ErrorCode.NONE) {
            LOGGER.log(Level.INFO, "Broker " + brokerId + ": the controller refused the ISR proposal for partition "
                + partition + " with error " + error);
            set.proposalFailed();
            return;
        }
        if (AlterPartition.responseLeader(frame, offset) == brokerId
            && AlterPartition.responseLeaderEpoch(frame, offset) == replica.leaderEpoch()) {
            if (set.applyCommitted(AlterPartition.responseIsr(frame, offset),
                AlterPartition.responsePartitionEpoch(frame, offset))) {
                onHighWatermark.accept(partition);
            }
            if (set.proposalPending()) {
                set.proposalFailed(); // committed epoch was stale: a newer LeaderAndIsr holds the answer
            }
        }
    }

    void onAllocateProducerIdsResponse(final DirectBuffer frame, final int offset, final int length) {
        AllocateProducerIds.checkResponse(length);
        if (idsSentMs == NONE || FrameHeader.correlationId(frame, offset) != idsCorrelation) {
            return;
        }
        idsSentMs = NONE;
        if (AllocateProducerIds.errorCode(frame, offset) != ErrorCode.NONE) {
            return;
        }
        final long first = AllocateProducerIds.firstProducerId(frame, offset);
        final int count = AllocateProducerIds.count(frame, offset);
        if (nextProducerId == blockEnd) {
            nextProducerId = first;
            blockEnd = first + count;
            blockSize = count;
        } else {
            prefetchedFirst = first;
            prefetchedCount = count;
        }
    }

    /** The next producer id, or -1 while this broker has none to give (the controller has not answered yet). */
    long nextProducerId() {
        if (nextProducerId == blockEnd && prefetchedFirst != NONE) {
            nextProducerId = prefetchedFirst;
            blockEnd = prefetchedFirst + prefetchedCount;
            blockSize = prefetchedCount;
            prefetchedFirst = NONE;
        }
        return nextProducerId == blockEnd ? -1 : nextProducerId++;
    }

    private boolean needsIds() {
        if (prefetchedFirst != NONE) {
            return false;
        }
        final long left = blockEnd - nextProducerId;
        return left == 0 || left * 100 <= blockSize * (100 - PREFETCH_PERCENT);
    }
}
