package io.ackbench.transport;

import java.util.Arrays;

/**
 * Where a topic's partitions live: the replicas of each partition, preferred leader first. Partition p's replicas
 * are brokers {@code p, p+1, ..., p+RF-1} modulo the broker count, so leaders spread evenly over the brokers and
 * every broker follows the same number of partitions. Immutable; shared by producers and brokers.
 */
public final class TopicLayout {
    private final String topic;
    private final int brokers;
    private final int[][] replicas;

    private TopicLayout(final String topic, final int brokers, final int[][] replicas) {
        this.topic = topic;
        this.brokers = brokers;
        this.replicas = replicas;
    }

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
        return new TopicLayout(topic, brokers, replicas);
    }

    /** A layout as a broker described it (a Metadata response): replica ids per partition, leader first. */
    public static TopicLayout of(final String topic, final int brokers, final int[][] replicas) {
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
        return new TopicLayout(topic, brokers, copy);
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

    public int leader(final int partition) {
        return replicas[partition][0];
    }

    /** A copy of the partition's replica ids, leader first. */
    public int[] replicas(final int partition) {
        return Arrays.copyOf(replicas[partition], replicas[partition].length);
    }

    public boolean hosts(final int broker, final int partition) {
        for (final int replica : replicas[partition]) {
            if (replica == broker) {
                return true;
            }
        }
        return false;
    }
}
