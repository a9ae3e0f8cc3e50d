package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.producer.ProducerConfig;

import java.nio.file.Path;

/** ackbench's own producer and brokers, the cluster started (or reached) by a {@link ClusterLauncher}. */
public final class AckbenchTarget implements LoadTarget {
    public static final String NAME = "ackbench";

    private final ClusterLauncher launcher;

    public AckbenchTarget(final ClusterLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Both configs name the key at fault; checking them here fails before any cluster starts. */
    @Override
    public void check(final Workload workload) {
        ProducerConfig.of(workload.producerSettings());
        BrokerConfig.of(workload.brokerSettings());
    }

    @Override
    public LoadCluster start(final Workload workload, final Path dataDir) {
        final BrokerCluster brokers = launcher.start(workload, dataDir);
        // Running brokers keep their controller's state wherever they were started, out of this run's reach.
        return new AckbenchCluster(brokers, brokers instanceof ExistingBrokers ? null : dataDir);
    }
}
