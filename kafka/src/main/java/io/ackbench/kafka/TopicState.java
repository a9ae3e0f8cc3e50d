package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;

/**
 * A topic as a cluster has it, which for an existing topic may differ from what was asked. The replication factor
 * is partition 0's replica count; {@code minInsyncReplicas} is the effective {@code min.insync.replicas} (the
 * topic's own or the broker default); {@code replicaAssignment} is every partition's replicas, preferred leader first.
 */
public record TopicState(String name, int partitions, int replicationFactor, int minInsyncReplicas,
                         ReplicaAssignment replicaAssignment) {
    @Override
    public String toString() {
        return name + " (" + partitions + " partitions, replication factor " + replicationFactor
            + ", min.insync.replicas " + minInsyncReplicas + ")";
    }

    /** As {@link #toString()}, with the replica assignment before the parenthesis closes. */
    public String withReplicaAssignment() {
        return name + " (" + partitions + " partitions, replication factor " + replicationFactor
            + ", min.insync.replicas " + minInsyncReplicas + ", " + ReplicaAssignment.KEY + " " + replicaAssignment
            + ")";
    }
}
