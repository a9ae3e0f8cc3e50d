package io.ackbench.transport;

import java.util.Arrays;

/**
 * Where a topic's partitions live: the replicas of each partition, preferred leader first, and each partition's
 * current leader and leader epoch. {@link #spread} makes partition p's replicas brokers {@code p, p+1, ..., p+RF-1}
 * modulo the broker count, so preferred leaders spread evenly over the brokers and every broker follows the same number
 * of partitions; {@link #of} takes any replicas (a topic's {@code replica.assignment}, a Metadata response).
 * After a failover the current leader is another replica, or {@link #NO_LEADER} while an election is pending (as in
 * Kafka's Metadata response, where the leader id is -1). Immutable; shared by producers and brokers.
 */
public final class TopicLayout {
    /** A partition's leader while it has none: its replicas are all down or an election is pending. */
    public static final int NO_LEADER = -1;

    private final String topic;
    private final int brokers;
    private final int[][] replicas;
    private final int[] leaders;
    private final int[] leaderEpochs;

    private TopicLayout(final String topic, final int brokers, final int[][] replicas, final int[] leaders,
                        final int[] leaderEpochs) {
        this.topic = topic;
        this.brokers = brokers;
        this.replicas = replicas;
        this.leaders = leaders;
        this.leaderEpochs = leaderEpochs;
    }

    /** The topic as created: every partition led by its preferred leader, in leader epoch 0. */
    public static TopicLayout spread(final String topic, final int partitions, final int replicationFactor,
                                     final int brokers) {
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic needs at least one partition, not " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > brokers) {
            throw new IllegalArgumentException("Replication factor " + replicationFactor + " must be in [1, "
                + brokers + "] with " + brokers + " brokers");
        }
        final int[][] replicas = new int[partitions][replicationFactor];
        for (int p = 0; p < partitions; p++) {
            for (int r = 0; r < replicationFactor; r++) {
                replicas[p][r] = (p + r) % brokers;
            }
        }
        return new TopicLayout(topic, brokers, replicas, preferredLeaders(replicas), new int[partitions]);
    }

    /** A layout with each partition led by its first replica in leader epoch 0: replica ids per partition. */
    public static TopicLayout of(final String topic, final int brokers, final int[][] replicas) {
        final int[][] copy = copyReplicas(brokers, replicas);
        return new TopicLayout(topic, brokers, copy, preferredLeaders(copy), new int[copy.length]);
    }

    /**
     * A layout as a broker described it (a Metadata response): replica ids per partition, preferred first, and each
     * partition's current leader ({@link #NO_LEADER} or one of its replicas) and leader epoch (not negative).
     */
    public static TopicLayout of(final String topic, final int brokers, final int[][] replicas, final int[] leaders,
                                 final int[] leaderEpochs) {
        final int[][] copy = copyReplicas(brokers, replicas);
        if (leaders.length != copy.length || leaderEpochs.length != copy.length) {
            throw new IllegalArgumentException(copy.length + " partitions need as many leaders and leader epochs, not "
                + leaders.length + " and " + leaderEpochs.length);
        }
        for (int p = 0; p < copy.length; p++) {
            checkLeader(copy, p, leaders[p], leaderEpochs[p]);
        }
        return new TopicLayout(topic, brokers, copy, Arrays.copyOf(leaders, leaders.length),
            Arrays.copyOf(leaderEpochs, leaderEpochs.length));
    }

    /**
     * This layout with {@code partition} led by {@code leader} ({@link #NO_LEADER} or one of its replicas) in
     * {@code leaderEpoch}; this one is unchanged. Allocates the new layout's leader arrays only.
     */
    public TopicLayout withLeader(final int partition, final int leader, final int leaderEpoch) {
        if (partition < 0 || partition >= replicas.length) {
            throw new IllegalArgumentException("Partition " + partition + " is outside [0, " + replicas.length + ")");
        }
        checkLeader(replicas, partition, leader, leaderEpoch);
        final int[] nextLeaders = Arrays.copyOf(leaders, leaders.length);
        final int[] nextEpochs = Arrays.copyOf(leaderEpochs, leaderEpochs.length);
        nextLeaders[partition] = leader;
        nextEpochs[partition] = leaderEpoch;
        // The replicas never change, so the new layout shares them.
        return new TopicLayout(topic, brokers, replicas, nextLeaders, nextEpochs);
    }

    public String topic() {
        return topic;
    }

    public int partitionCount() {
        return replicas.length;
    }

    public int brokerCount() {
        return brokers;
    }

    public int replicationFactor() {
        return replicas[0].length;
    }

    /** The partition's current leader, or {@link #NO_LEADER}. */
    public int leader(final int partition) {
        return leaders[partition];
    }

    public boolean hasLeader(final int partition) {
        return leaders[partition] != NO_LEADER;
    }

    /** The epoch of the partition's current leader (or, without one, of the last). */
    public int leaderEpoch(final int partition) {
        return leaderEpochs[partition];
    }

    /** The partition's first replica: the leader it was created with and goes back to when preferred leaders return. */
    public int preferredLeader(final int partition) {
        return replicas[partition][0];
    }

    /** A copy of the partition's replica ids, preferred leader first. */
    public int[] replicas(final int partition) {
        return Arrays.copyOf(replicas[partition], replicas[partition].length);
    }

    public boolean hosts(final int broker, final int partition) {
        return isReplica(replicas[partition], broker);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder(topic).append(" on ").append(brokers).append(" brokers:");
        for (int p = 0; p < replicas.length; p++) {
            text.append(" p").append(p).append(Arrays.toString(replicas[p])).append(" leader=").append(leaders[p])
                .append(" epoch=").append(leaderEpochs[p]);
        }
        return text.toString();
    }

    private static int[][] copyReplicas(final int brokers, final int[][] replicas) {
        if (replicas.length < 1) {
            throw new IllegalArgumentException("A topic needs at least one partition");
        }
        final int[][] copy = new int[replicas.length][];
        for (int p = 0; p < replicas.length; p++) {
            if (replicas[p].length < 1) {
                throw new IllegalArgumentException("Partition " + p + " has no replicas");
            }
            for (final int replica : replicas[p]) {
                if (replica < 0 || replica >= brokers) {
                    throw new IllegalArgumentException("Partition " + p + " names broker " + replica + ", outside [0, "
                        + brokers + ")");
                }
            }
            copy[p] = Arrays.copyOf(replicas[p], replicas[p].length);
        }
        return copy;
    }

    private static int[] preferredLeaders(final int[][] replicas) {
        final int[] leaders = new int[replicas.length];
        for (int p = 0; p < replicas.length; p++) {
            leaders[p] = replicas[p][0];
        }
        return leaders;
    }

    private static void checkLeader(final int[][] replicas, final int partition, final int leader,
                                    final int leaderEpoch) {
        if (leader != NO_LEADER && !isReplica(replicas[partition], leader)) {
            throw new IllegalArgumentException("Partition " + partition + " cannot be led by broker " + leader
                + ", which is not one of its replicas " + Arrays.toString(replicas[partition]));
        }
        if (leaderEpoch < 0) {
            throw new IllegalArgumentException("Partition " + partition + " has leader epoch " + leaderEpoch
                + "; epochs start at 0");
        }
    }

    private static boolean isReplica(final int[] replicaIds, final int broker) {
        for (final int replica : replicaIds) {
            if (replica == broker) {
                return true;
            }
        }
        return false;
    }
}
