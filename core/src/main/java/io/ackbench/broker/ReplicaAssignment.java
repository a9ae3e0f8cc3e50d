package io.ackbench.broker;

import io.ackbench.config.ConfigException;

import java.util.Arrays;

/**
 * The {@value #KEY} topic setting: each partition's replicas spelled as {@code kafka-topics --create
 * --replica-assignment} spells them, partitions separated by commas, each a colon-separated list of broker ids with
 * the preferred leader first ({@code 0:1:2,0:1:2} puts both partitions on brokers 0, 1 and 2, led by broker 0).
 * Parsed and checked against the topic's shape before any broker starts, by both targets, so ackbench and Kafka
 * accept and refuse the same values with the same words. Immutable.
 */
public final class ReplicaAssignment {
    public static final String KEY = "replica.assignment";
    /** For {@link #parse}: the broker ids are not known here (a running cluster's), so any id from 0 is taken. */
    public static final int ANY_BROKER_IDS = 0;

    private static final String PARTITION_SEPARATOR = ",";
    private static final String REPLICA_SEPARATOR = ":";

    private final int[][] replicas;

    private ReplicaAssignment(final int[][] replicas) {
        this.replicas = replicas;
    }

    /**
     * @param text              the setting's value, as {@code kafka-topics --replica-assignment} takes it
     * @param partitions        the topic's partition count, which must be the number of entries
     * @param replicationFactor the topic's replication factor, which must be every entry's length
     * @param brokers           the broker count, ids being 0..brokers-1, or {@link #ANY_BROKER_IDS}
     * @throws ConfigException naming {@value #KEY}, its value and the first fault: a malformed or negative id, an id
     *     outside the brokers, an id twice in one partition, or an entry count or length that does not fit the topic
     */
    public static ReplicaAssignment parse(final String text, final int partitions, final int replicationFactor,
                                          final int brokers) {
        // split with a negative limit keeps trailing empty entries, so "0:1," is refused rather than read as "0:1".
        final String[] entries = text.trim().split(PARTITION_SEPARATOR, -1);
        if (entries.length != partitions) {
            throw new ConfigException(KEY, text, "it lists " + entries.length + " partition"
                + (entries.length == 1 ? "" : "s") + "; the topic has " + partitions + " (one colon-separated list "
                + "of broker ids per partition, preferred leader first, e.g. 0:1:2,0:1:2)");
        }
        final int[][] replicas = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            final String[] ids = entries[p].split(REPLICA_SEPARATOR, -1);
            if (ids.length != replicationFactor) {
                throw new ConfigException(KEY, text, "partition " + p + " lists " + ids.length + " replica"
                    + (ids.length == 1 ? "" : "s") + " ('" + entries[p].trim() + "'); the replication factor is "
                    + replicationFactor);
            }
            replicas[p] = new int[replicationFactor];
            for (int r = 0; r < replicationFactor; r++) {
                final int id = brokerId(text, p, ids[r].trim(), brokers);
                for (int earlier = 0; earlier < r; earlier++) {
                    if (replicas[p][earlier] == id) {
                        throw new ConfigException(KEY, text, "partition " + p + " names broker " + id + " twice");
                    }
                }
                replicas[p][r] = id;
            }
        }
        return new ReplicaAssignment(replicas);
    }

    /**
     * An assignment as a cluster describes it (an existing topic's), for comparing with one parsed from the setting:
     * replica ids by partition, preferred leader first. Copies {@code replicas}.
     *
     * @throws IllegalArgumentException if there is no partition or a partition has no replica
     */
    public static ReplicaAssignment of(final int[][] replicas) {
        if (replicas.length == 0) {
            throw new IllegalArgumentException("An assignment needs at least one partition");
        }
        final int[][] copy = new int[replicas.length][];
        for (int p = 0; p < replicas.length; p++) {
            if (replicas[p].length == 0) {
                throw new IllegalArgumentException("Partition " + p + " has no replicas");
            }
            copy[p] = replicas[p].clone();
        }
        return new ReplicaAssignment(copy);
    }

    private static int brokerId(final String text, final int partition, final String id, final int brokers) {
        final int parsed;
        try {
            parsed = Integer.parseInt(id);
        } catch (final NumberFormatException e) {
            throw new ConfigException(KEY, text, "partition " + partition + " has '" + id
                + "' where a broker id belongs");
        }
        if (parsed < 0 || brokers != ANY_BROKER_IDS && parsed >= brokers) {
            throw new ConfigException(KEY, text, "partition " + partition + " names broker " + parsed + "; "
                + (brokers == ANY_BROKER_IDS ? "broker ids are not negative"
                    : "the " + brokers + " broker" + (brokers == 1 ? " is 0" : "s are 0.." + (brokers - 1))));
        }
        return parsed;
    }

    public int partitionCount() {
        return replicas.length;
    }

    /** Partition 0's replica count: every partition's, for an assignment parsed from the setting. */
    public int replicationFactor() {
        return replicas[0].length;
    }

    /** A copy of the partition's replica ids, preferred leader first. */
    public int[] replicas(final int partition) {
        return replicas[partition].clone();
    }

    /** A copy of every partition's replica ids, by partition. */
    public int[][] toArray() {
        final int[][] copy = new int[replicas.length][];
        for (int p = 0; p < replicas.length; p++) {
            copy[p] = replicas[p].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ReplicaAssignment that && Arrays.deepEquals(replicas, that.replicas);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(replicas);
    }

    /** As the setting spells it: {@code 0:1:2,0:1:2}. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        for (int p = 0; p < replicas.length; p++) {
            text.append(p == 0 ? "" : PARTITION_SEPARATOR);
            for (int r = 0; r < replicas[p].length; r++) {
                text.append(r == 0 ? "" : REPLICA_SEPARATOR).append(replicas[p][r]);
            }
        }
        return text.toString();
    }
}
