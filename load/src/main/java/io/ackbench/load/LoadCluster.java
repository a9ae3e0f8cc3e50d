package io.ackbench.load;

import io.ackbench.producer.DeliveryListener;

/** A cluster a {@link LoadTarget} started or connected to, hosting the workload's topic. */
public interface LoadCluster extends AutoCloseable {
    /**
     * A producer for one producing thread, configured with the workload's producer settings, that tells
     * {@code listener} how each record ended, passing back the intended send time given to
     * {@link LoadProducer#send}.
     */
    LoadProducer connect(Workload workload, DeliveryListener listener);

    /** Stops what the target started, without forcing its data to disk; leaves a cluster it connected to running. */
    @Override
    void close();
}
