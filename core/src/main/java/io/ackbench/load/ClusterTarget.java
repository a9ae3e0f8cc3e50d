package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.TcpCluster;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;

/** A {@link TargetCluster} over a broker cluster this run starts, on one of the transports. */
public final class ClusterTarget implements TargetCluster {
    /** Brokers in this JVM, joined to the producers by in-process rings. */
    public static final Launcher IN_PROCESS =
        (workload, dataDir) -> new ClusterTarget(InProcessCluster.start(workload.brokerSettings(), dataDir));
    /** Brokers in this JVM, each on its own loopback port: producers and followers talk TCP. */
    public static final Launcher TCP =
        (workload, dataDir) -> new ClusterTarget(TcpCluster.start(workload.brokerSettings(), dataDir));
    /** Each broker a JVM of its own on its own loopback port. */
    public static final Launcher TCP_PROCESSES =
        (workload, dataDir) -> new ClusterTarget(BrokerProcesses.start(workload.brokerSettings(), dataDir));

    private final BrokerCluster cluster;

    /** Brokers already running at these addresses (ids 0, 1, ... in order), hosting {@code topic}. */
    public static Launcher existing(final java.util.List<java.net.InetSocketAddress> brokers, final String topic) {
        return (workload, dataDir) -> new ExistingBrokers(brokers, topic);
    }

    private ClusterTarget(final BrokerCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public TopicLayout layout() {
        return cluster.layout();
    }

    @Override
    public Endpoint connectClient() {
        return cluster.connectClient();
    }

    /** Discards the logs rather than forcing them to disk: the run's data is deleted next. */
    @Override
    public void close() {
        cluster.closeAndDiscard();
    }
}
