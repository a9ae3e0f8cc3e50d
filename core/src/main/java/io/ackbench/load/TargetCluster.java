package io.ackbench.load;

import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;

/**
 * The cluster a load generator drives, whatever carries its frames: the topic's layout, and a new network
 * endpoint for each producer. The seam between the load generator and a transport (see {@link ClusterTarget}).
 */
public interface TargetCluster extends AutoCloseable {
    TopicLayout layout();

    /** A new client endpoint, used by one producer's sender thread. */
    Endpoint connectClient();

    /** Stops the brokers (if this target started them) and lets go of their logs. */
    @Override
    void close();

    /** Starts (or connects to) the cluster a workload names. */
    @FunctionalInterface
    interface Launcher {
        /**
         * @param workload its {@link Workload#brokerSettings()} describe the cluster
         * @param dataDir  where started brokers keep their logs
         */
        TargetCluster start(Workload workload, java.nio.file.Path dataDir);
    }
}
