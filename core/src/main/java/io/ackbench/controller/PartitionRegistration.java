package io.ackbench.controller;

import java.util.Arrays;

/**
 * What the controller has committed for one partition (Kafka's {@code PartitionRegistration}): its replicas in
 * assignment order, the leader (or {@link #NO_LEADER}), the leader epoch, the partition epoch and the ISR. The leader
 * epoch rises with every leader change, {@code NO_LEADER} included; the partition epoch rises with every change of any
 * field. Immutable: the controller replaces a registration, never changes it, so any thread may read one.
 */
public final class PartitionRegistration {
    /** Kafka's {@code LeaderConstants.NO_LEADER}: the partition is offline. */
    public static final int NO_LEADER = -1;

    private final int partition;
    private final int[] replicas;
    private final int[] isr;
    private final int leader;
    private final int leaderEpoch;
    private final int partitionEpoch;

    PartitionRegistration(final int partition, final int[] replicas, final int[] isr, final int leader,
                          final int leaderEpoch, final int partitionEpoch) {
        this.partition = partition;
        this.replicas = replicas.clone();
        this.isr = isr.clone();
        this.leader = leader;
        this.leaderEpoch = leaderEpoch;
        this.partitionEpoch = partitionEpoch;
    }

    /** A new partition: every replica in the ISR, the first replica leading, both epochs 0. */
    static PartitionRegistration created(final int partition, final int[] replicas) {
        return new PartitionRegistration(partition, replicas, replicas, replicas[0], 0, 0);
    }

    public int partition() {
        return partition;
    }

    /** A copy of the replica ids in assignment order. */
    public int[] replicas() {
        return replicas.clone();
    }

    /** A copy of the committed ISR. */
    public int[] isr() {
        return isr.clone();
    }

    public int leader() {
        return leader;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public int partitionEpoch() {
        return partitionEpoch;
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean inIsr(final int broker) {
        return contains(isr, broker);
    }

    public boolean isReplica(final int broker) {
        return contains(replicas, broker);
    }

    int replicaCount() {
        return replicas.length;
    }

    int replicaAt(final int position) {
        return replicas[position];
    }

    /** The ISR array itself, for this package's readers that do not keep it. */
    int[] isrView() {
        return isr;
    }

    static boolean contains(final int[] ids, final int id) {
        for (final int each : ids) {
            if (each == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof PartitionRegistration)) {
            return false;
        }
        final PartitionRegistration that = (PartitionRegistration) other;
        return partition == that.partition && leader == that.leader && leaderEpoch == that.leaderEpoch
            && partitionEpoch == that.partitionEpoch && Arrays.equals(replicas, that.replicas)
            && Arrays.equals(isr, that.isr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * partition + partitionEpoch) + leaderEpoch;
    }

    @Override
    public String toString() {
        return "PartitionRegistration(partition=" + partition + ", replicas=" + Arrays.toString(replicas) + ", isr="
            + Arrays.toString(isr) + ", leader=" + leader + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch="
            + partitionEpoch + ")";
    }
}
