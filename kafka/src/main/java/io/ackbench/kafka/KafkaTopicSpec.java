package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import io.ackbench.broker.TopicName;

import java.util.Objects;
import java.util.Optional;

/**
 * The topic a benchmark writes to, as it is asked of an Apache Kafka cluster: its name (Kafka's rule, see
 * {@link TopicName#validate}), partition count, replication factor, the topic config {@code min.insync.replicas} and,
 * optionally, each partition's replicas ({@value ReplicaAssignment#KEY}; without it Kafka places them). Every value is
 * checked here, so a bad one is reported before any broker starts.
 */
public final class KafkaTopicSpec {
    /** Kafka carries a replication factor as a 16-bit signed number. */
    public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

    private final String name;
    private final int partitions;
    private final int replicationFactor;
    private final int minInsyncReplicas;
    /** Null when Kafka places the replicas. */
    private final ReplicaAssignment replicaAssignment;

    /** A topic whose replicas Kafka places. */
    public KafkaTopicSpec(final String name, final int partitions, final int replicationFactor,
                          final int minInsyncReplicas) {
        this(name, partitions, replicationFactor, minInsyncReplicas, null);
    }

    /**
     * @throws IllegalArgumentException naming the field and value that is not allowed: a name that breaks Kafka's
     *     rule, fewer than one partition, a replication factor outside 1..{@value #MAX_REPLICATION_FACTOR}, or a
     *     {@code min.insync.replicas} outside 1..replicationFactor (more could never acknowledge {@code acks=all}),
     *     or a replica assignment of another partition count or replication factor
     * @param replicaAssignment each partition's replicas, preferred leader first ({@link ReplicaAssignment#parse}
     *     checks the ids), or null to let Kafka place them
     */
    public KafkaTopicSpec(final String name, final int partitions, final int replicationFactor,
                          final int minInsyncReplicas, final ReplicaAssignment replicaAssignment) {
        this.name = TopicName.validate(name);
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic '" + name + "': partitions is " + partitions
                + "; it must be at least 1");
        }
        if (replicationFactor < 1 || replicationFactor > MAX_REPLICATION_FACTOR) {
            throw new IllegalArgumentException("Topic '" + name + "': replication factor is " + replicationFactor
                + "; it must be 1.." + MAX_REPLICATION_FACTOR);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("Topic '" + name + "': min.insync.replicas is " + minInsyncReplicas
                + "; it must be 1..replication factor (" + replicationFactor + ")");
        }
        if (replicaAssignment != null && (replicaAssignment.partitionCount() != partitions
            || replicaAssignment.replicationFactor() != replicationFactor)) {
            throw new IllegalArgumentException("Topic '" + name + "': " + ReplicaAssignment.KEY + " "
                + replicaAssignment + " has " + replicaAssignment.partitionCount() + " partitions of "
                + replicaAssignment.replicationFactor() + " replicas; the topic has " + partitions + " of "
                + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
        this.replicaAssignment = replicaAssignment;
    }

    public String name() {
        return name;
    }

    public int partitions() {
        return partitions;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    /** The topic config {@code min.insync.replicas}. */
    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    /** Each partition's replicas as asked, or empty when Kafka places them. */
    public Optional<ReplicaAssignment> replicaAssignment() {
        return Optional.ofNullable(replicaAssignment);
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KafkaTopicSpec)) {
            return false;
        }
        final KafkaTopicSpec that = (KafkaTopicSpec) other;
        return name.equals(that.name) && partitions == that.partitions
            && replicationFactor == that.replicationFactor && minInsyncReplicas == that.minInsyncReplicas
            && Objects.equals(replicaAssignment, that.replicaAssignment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partitions, replicationFactor, minInsyncReplicas, replicaAssignment);
    }

    /**
     * For example {@code bench (6 partitions, replication factor 3, min.insync.replicas 2)}, with
     * {@code , replica.assignment 0:1:2,0:1:2} before the parenthesis closes when one was given.
     */
    @Override
    public String toString() {
        return name + " (" + partitions + " partitions, replication factor " + replicationFactor
            + ", min.insync.replicas " + minInsyncReplicas
            + (replicaAssignment == null ? "" : ", " + ReplicaAssignment.KEY + " " + replicaAssignment) + ")";
    }
}
