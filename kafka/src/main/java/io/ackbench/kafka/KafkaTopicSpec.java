package io.ackbench.kafka;

import io.ackbench.broker.TopicName;

import java.util.Objects;

/**
 * The topic a benchmark writes to, as it is asked of an Apache Kafka cluster: its name (Kafka's rule, see
 * {@link TopicName#validate}), partition count, replication factor and the topic config {@code min.insync.replicas}.
 * Every value is checked here, so a bad one is reported before any broker starts.
 */
public final class KafkaTopicSpec {
    /** Kafka carries a replication factor as a 16-bit signed number. */
    public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

    private final String name;
    private final int partitions;
    private final int replicationFactor;
    private final int minInsyncReplicas;

    /**
     * @throws IllegalArgumentException naming the field and value that is not allowed: a name that breaks Kafka's
     *     rule, fewer than one partition, a replication factor outside 1..{@value #MAX_REPLICATION_FACTOR}, or a
     *     {@code min.insync.replicas} outside 1..replicationFactor (more could never acknowledge {@code acks=all})
     */
    public KafkaTopicSpec(final String name, final int partitions, final int replicationFactor,
                          final int minInsyncReplicas) {
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
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
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
            && replicationFactor == that.replicationFactor && minInsyncReplicas == that.minInsyncReplicas;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partitions, replicationFactor, minInsyncReplicas);
    }

    /** For example {@code bench (6 partitions, replication factor 3, min.insync.replicas 2)}. */
    @Override
    public String toString() {
        return name + " (" + partitions + " partitions, replication factor " + replicationFactor
            + ", min.insync.replicas " + minInsyncReplicas + ")";
    }
}
