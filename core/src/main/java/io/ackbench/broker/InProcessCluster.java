package io.ackbench.broker;

import io.ackbench.config.IdleStrategies;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TopicLayout;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N brokers hosting one topic in this JVM, joined by an {@link InProcessNetwork}: brokers are nodes 0..N-1 and
 * clients join as further nodes. Brokers run on one shared thread or one thread each
 * ({@value BrokerConfig#THREADS}), each waiting with the configured idle strategy.
 */
public final class InProcessCluster implements AutoCloseable {
    private final BrokerConfig config;
    private final TopicLayout layout;
    private final InProcessNetwork network;
    private final Broker[] brokers;
    private final List<AgentRunner> runners = new ArrayList<>();

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
        if (config.threadPerBroker()) {
            for (final Broker broker : brokers) {
                run(broker);
            }
        } else {
            run(new CompositeAgent(brokers));
        }
    }

    private void run(final Agent agent) {
        final AgentRunner runner = new AgentRunner(IdleStrategies.create(config.idleStrategy()),
            error -> System.getLogger(InProcessCluster.class.getName()).log(System.Logger.Level.ERROR,
                agent.roleName() + " failed", error),
            null, agent);
        runners.add(runner);
        AgentRunner.startOnThread(runner);
    }

    /** A new network node for a client (a producer's sender). */
    public Endpoint connectClient() {
        return network.addNode();
    }

    public TopicLayout layout() {
        return layout;
    }

    public BrokerConfig config() {
        return config;
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
        CloseHelper.closeAll(runners);
    }

    /**
     * Stops the threads and lets go of the logs as a crash would, without forcing gigabytes to disk first: for a
     * benchmark that deletes the data next. Opening the directory again would recover it.
     */
    public void closeAndDiscard() {
        for (final Broker broker : brokers) {
            broker.discardLogsOnClose();
        }
        close();
    }
}
