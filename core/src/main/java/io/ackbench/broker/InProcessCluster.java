package io.ackbench.broker;

import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.Map;

/**
 * N brokers hosting one topic in this JVM, joined by an {@link InProcessNetwork}: brokers are nodes 0..N-1 and
 * clients join as further nodes. Brokers run on one shared thread or one thread each
 * ({@value BrokerConfig#THREADS}), each waiting with the configured idle strategy.
 */
public final class InProcessCluster implements BrokerCluster {
    private final BrokerConfig config;
    private final TopicLayout layout;
    private final InProcessNetwork network;
    private final Broker[] brokers;
    private BrokerThreads threads;

    private InProcessCluster(final BrokerConfig config, final Path dataDir, final NanoClock clock) {
        this.config = config;
        this.layout = TopicLayout.spread(config.topic(), config.partitions(), config.replicationFactor(),
            config.brokers());
        this.network = new InProcessNetwork();
        final ProducerIdAllocator producerIds = new ProducerIdAllocator();
        final BrokerLiveness liveness = new BrokerLiveness(config.brokers(), config.brokerSessionTimeoutMs(),
            clock.nanoTime() / 1_000_000L);
        this.brokers = new Broker[config.brokers()];
        for (int b = 0; b < brokers.length; b++) {
            final Endpoint endpoint = network.addNode();
            brokers[b] = new Broker(endpoint.nodeId(), config, layout, dataDir, endpoint, producerIds, liveness, clock);
        }
    }

    /** Validates the settings, opens (or recovers) every broker's logs under {@code dataDir} and starts the threads. */
    public static InProcessCluster start(final Map<String, String> settings, final Path dataDir) {
        return start(BrokerConfig.of(settings), dataDir, SystemNanoClock.INSTANCE);
    }

    public static InProcessCluster start(final BrokerConfig config, final Path dataDir, final NanoClock clock) {
        final InProcessCluster cluster = new InProcessCluster(config, dataDir, clock);
        cluster.startThreads();
        return cluster;
    }

    private void startThreads() {
        threads = new BrokerThreads(config, brokers);
    }

    /** A new network node for a client (a producer's sender); rings have no socket options to apply. */
    @Override
    public Endpoint connectClient(final ClientSocketOptions options) {
        return network.addNode();
    }

    @Override
    public TopicLayout layout() {
        return layout;
    }

    public Broker broker(final int id) {
        return brokers[id];
    }

    public int brokerCount() {
        return brokers.length;
    }

    /** Stops the threads, then closes every log cleanly (flushed, trimmed, clean-shutdown marker). */
    @Override
    public void close() {
        threads.close();
    }

    /**
     * Stops the threads and lets go of the logs as a crash would, without forcing gigabytes to disk first: for a
     * benchmark that deletes the data next. Opening the directory again would recover it.
     */
    @Override
    public void closeAndDiscard() {
        for (final Broker broker : brokers) {
            broker.discardLogsOnClose();
        }
        close();
    }
}
