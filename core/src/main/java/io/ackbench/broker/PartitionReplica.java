package io.ackbench.broker;

import io.ackbench.log.PartitionLog;

/**
 * One broker's copy of one partition: its log and, on the leader, the replicas' progress (ISR, high watermark)
 * and the idempotent producers' state. Owned by the broker's thread.
 */
final class PartitionReplica {
    private final int partition;
    private final PartitionLog log;
    private final ReplicaSet replicaSet;
    private final ProducerStateTable producers;
    private final int[] followers;
    /** A follower's high watermark: the leader's, as of the last fetch, capped at the local log end. */
    private long followerHighWatermark;

    private PartitionReplica(final int partition, final PartitionLog log, final ReplicaSet replicaSet,
                             final ProducerStateTable producers, final int[] followers) {
        this.partition = partition;
        this.followers = followers;
        this.log = log;
        this.replicaSet = replicaSet;
        this.producers = producers;
    }

    static PartitionReplica leader(final int partition, final PartitionLog log, final ReplicaSet replicaSet,
                                   final int[] followers) {
        return new PartitionReplica(partition, log, replicaSet, new ProducerStateTable(), followers);
    }

    static PartitionReplica follower(final int partition, final PartitionLog log) {
        return new PartitionReplica(partition, log, null, null, new int[0]);
    }

    /** The other replicas' broker ids, on the leader; empty on a follower. */
    int[] followers() {
        return followers;
    }

    int partition() {
        return partition;
    }

    boolean isLeader() {
        return replicaSet != null;
    }

    PartitionLog log() {
        return log;
    }

    ReplicaSet replicaSet() {
        return replicaSet;
    }

    ProducerStateTable producers() {
        return producers;
    }

    long highWatermark() {
        return replicaSet != null ? replicaSet.highWatermark() : followerHighWatermark;
    }

    void followerHighWatermark(final long leaderHighWatermark) {
        followerHighWatermark = Math.max(followerHighWatermark, Math.min(leaderHighWatermark, log.logEndOffset()));
    }
}
