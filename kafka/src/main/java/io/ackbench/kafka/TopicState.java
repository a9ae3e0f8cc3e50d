package io.ackbench.kafka;

/**
 * A topic as a cluster has it, which for an existing topic may differ from what was asked. The replication factor
 * is partition 0's replica count; {@code minInsyncReplicas} is the effective {@code min.insync.replicas} (the
 * topic's own or the broker default).
 */
public record TopicState(String name, int partitions, int replicationFactor, int minInsyncReplicas) {
    @Override
    public String toString() {
        return name + " (" + partitions + " partitions, replication factor " + replicationFactor
            + ", min.insync.replicas " + minInsyncReplicas + ")";
    }
}
