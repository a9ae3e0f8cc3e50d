package io.ackbench.fault;

/**
 * Which broker leads each partition of the loaded topic now, as the cluster (ackbench's producer layout, Kafka's
 * metadata) says. Asked by the thread applying faults: before each kill or pause, and while {@link FailoverTimes}
 * waits for successors.
 */
@FunctionalInterface
public interface PartitionLeaders {
    /** No leader, or none known (ackbench's {@code TopicLayout.NO_LEADER} has the same value). */
    int NO_LEADER = -1;

    /**
     * Each partition's current leader, indexed by partition, {@link #NO_LEADER} where there is none.
     *
     * @throws RuntimeException when the cluster does not answer; the caller keeps its last answer
     */
    int[] current();
}
