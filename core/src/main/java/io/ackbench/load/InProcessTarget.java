package io.ackbench.load;

import io.ackbench.broker.InProcessCluster;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;

import java.nio.file.Path;

/** A {@link TargetCluster} of brokers in this JVM, joined by the in-process network. */
public final class InProcessTarget implements TargetCluster {
    /** Starts an {@link InProcessCluster} with the workload's broker settings. */
    public static final Launcher LAUNCHER = InProcessTarget::start;

    private final InProcessCluster cluster;

    private InProcessTarget(final InProcessCluster cluster) {
        this.cluster = cluster;
    }

    public static InProcessTarget start(final Workload workload, final Path dataDir) {
        return new InProcessTarget(InProcessCluster.start(workload.brokerSettings(), dataDir));
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
