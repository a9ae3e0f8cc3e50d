package io.ackbench.broker;

import io.ackbench.log.LeaderEpochCache;
import io.ackbench.log.PartitionLog;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One broker's copy of one partition: its log, its idempotent producers' state, its role and leader epoch and, on the
 * leader, the replicas' progress (ISR, high watermark). The producer state lives as long as the replica, whatever its
 * role, as Kafka's does: rebuilt from the log's tail when the log is opened and after each truncation, and kept up by
 * the leader's appends and the follower's fetches. The role changes only through {@link #becomeLeader} and
 * {@link #becomeFollower}, which {@link Broker} calls on its thread (Kafka's {@code Partition.makeLeader} and
 * {@code makeFollower}). Owned by the broker's thread, except the reads named below.
 */
final class PartitionReplica {
    private static final System.Logger LOGGER = System.getLogger(PartitionReplica.class.getName());
    private static final VarHandle REPLICA_SET;
    private static final VarHandle LEADER_EPOCH;
    private static final int[] NO_FOLLOWERS = new int[0];

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            REPLICA_SET = lookup.findVarHandle(PartitionReplica.class, "replicaSet", ReplicaSet.class);
            LEADER_EPOCH = lookup.findVarHandle(PartitionReplica.class, "leaderEpoch", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int partition;
    private final PartitionLog log;
    /**
     * Non-null while this broker leads the partition. Written by the broker's thread with release stores
     * (setRelease) after the set is built; read plainly on that thread and with an acquire load by
     * {@link #replicaSetAcquire()}, which {@link Broker#isrSize} and {@link Broker#inIsr} call from any thread, so
     * they see a whole set.
     */
    private ReplicaSet replicaSet;
    /** Written by the broker's thread with release stores; read plainly there, with an acquire load by other threads. */
    private int leaderEpoch = LeaderEpochCache.UNDEFINED_EPOCH;
    /** The broker this one fetches from while it follows; its own id while it leads. Broker thread only. */
    private int leaderId = -1;
    /** Broker thread only, like the log it describes. */
    private final ProducerStateTable producers = new ProducerStateTable();
    /** The last rebuild of {@link #producers} from the log: at open, then after each truncation. Broker thread. */
    private ProducerStateLoad producerStateLoad;
    private int[] followers = NO_FOLLOWERS;
    /** A follower's high watermark: the leader's, as of the last fetch, capped at the local log end. */
    private long followerHighWatermark;

    /** Takes over an open log and rebuilds the partition's producer state from its tail (one INFO line). */
    PartitionReplica(final int partition, final PartitionLog log) {
        this.partition = partition;
        this.log = log;
        this.producerStateLoad = ProducerStateLoader.rebuild(log, producers);
        LOGGER.log(Level.INFO, "Partition " + partition + ": producer state loaded from the log's tail, "
            + producerStateLoad);
    }

    /**
     * Becomes the leader of {@code epoch} with {@code replicaSet} (built by the caller, starting from this replica's
     * high watermark). The producer state stays as the follower kept it, so a producer's retry of a batch the old
     * leader appended and this replica fetched is found a duplicate here too.
     */
    void becomeLeader(final int brokerId, final int epoch, final ReplicaSet set, final int[] followerIds) {
        leaderId = brokerId;
        followers = followerIds;
        LEADER_EPOCH.setRelease(this, epoch);
        REPLICA_SET.setRelease(this, set);
    }

    /** Stops leading, if it did, keeping the leader's high watermark as its own; fetches from {@code leader}. */
    void becomeFollower(final int leader, final int epoch) {
        followerHighWatermark = Math.min(highWatermark(), log.logEndOffset());
        leaderId = leader;
        followers = NO_FOLLOWERS;
        LEADER_EPOCH.setRelease(this, epoch);
        REPLICA_SET.setRelease(this, null);
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

    /** The leader this replica follows (or its own broker id while it leads; -1 before its first role). */
    int leaderId() {
        return leaderId;
    }

    /** The leader epoch of the current role. Broker thread. */
    int leaderEpoch() {
        return leaderEpoch;
    }

    /** {@link #leaderEpoch()} for any other thread: an acquire load. */
    int leaderEpochAcquire() {
        return (int) LEADER_EPOCH.getAcquire(this);
    }

    PartitionLog log() {
        return log;
    }

    ReplicaSet replicaSet() {
        return replicaSet;
    }

    /** {@link #replicaSet()} for any other thread: an acquire load, so a non-null set is seen whole. */
    ReplicaSet replicaSetAcquire() {
        return (ReplicaSet) REPLICA_SET.getAcquire(this);
    }

    /** The partition's idempotent-producer state, on the leader and on a follower alike. Broker thread. */
    ProducerStateTable producers() {
        return producers;
    }

    /** What the last rebuild of the producer state from the log read and cost. Broker thread. */
    ProducerStateLoad producerStateLoad() {
        return producerStateLoad;
    }

    long highWatermark() {
        return replicaSet != null ? replicaSet.highWatermark() : followerHighWatermark;
    }

    void followerHighWatermark(final long leaderHighWatermark) {
        followerHighWatermark = Math.max(followerHighWatermark, Math.min(leaderHighWatermark, log.logEndOffset()));
    }

    /** Sets a follower's starting high watermark (a checkpoint's), capped at the log end. */
    void initialHighWatermark(final long highWatermark) {
        followerHighWatermark = Math.max(0, Math.min(highWatermark, log.logEndOffset()));
    }

    /**
     * After a truncation of the log: the high watermark cannot stay past the log end, and the producer state forgets
     * the batches cut off by being rebuilt from the truncated log's tail (Kafka truncates its producer state to the
     * new end and reloads it from a snapshot; ackbench has none, kafka-semantics.md §8.4). Cold path.
     */
    void onTruncated() {
        followerHighWatermark = Math.min(followerHighWatermark, log.logEndOffset());
        producerStateLoad = ProducerStateLoader.rebuild(log, producers);
    }
}
