package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.TcpCluster;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** How a load generator gets the cluster a workload runs against: the seam between it and the transports. */
@FunctionalInterface
public interface ClusterLauncher {
    /** Brokers in this JVM, joined to the producers by in-process rings. */
    ClusterLauncher IN_PROCESS = (workload, dataDir) -> InProcessCluster.start(workload.brokerSettings(), dataDir);
    /** Brokers in this JVM, each on its own loopback port: producers and followers talk TCP. */
    ClusterLauncher TCP = (workload, dataDir) -> TcpCluster.start(workload.brokerSettings(), dataDir);
    /** Each broker a JVM of its own on its own loopback port, with the workload's broker JVM options if any. */
    ClusterLauncher TCP_PROCESSES = (workload, dataDir) -> BrokerProcesses.start(workload.brokerSettings(), dataDir,
        workload.brokerJvmOptions());

    /** Brokers already running at these addresses (ids 0, 1, ... in order), hosting {@code topic}. */
    static ClusterLauncher existing(final List<InetSocketAddress> brokers, final String topic) {
        return (workload, dataDir) -> new ExistingBrokers(brokers, topic);
    }

    /**
     * Starts (or connects to) the cluster.
     *
     * @param workload its {@link Workload#brokerSettings()} describe a cluster this launcher starts
     * @param dataDir  where started brokers keep their logs
     */
    BrokerCluster start(Workload workload, Path dataDir);
}
