package io.ackbench.broker;

import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TopicLayout;
import io.ackbench.controller.ControllerNode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.Map;

/**
 * N brokers hosting one topic in this JVM, joined by an {@link InProcessNetwork}: brokers are nodes 0..N-1, the
 * controller (a {@link ControllerNode} on a thread of its own) is node N, and clients join as further nodes. Brokers
 * run on one shared thread or one thread each ({@value BrokerConfig#THREADS}), each waiting with the configured idle
 * strategy.
 */
public final class InProcessCluster implements BrokerCluster {
    /** Where the controller keeps its state, under the cluster's data directory. */
    public static final String CONTROLLER_DIR = "controller";
    private final BrokerConfig config;
    private final TopicLayout layout;
    private final InProcessNetwork network;
    private final Broker[] brokers;
    private final ControllerNode controller;
    private AgentRunner controllerRunner;
    private BrokerThreads threads;

    private InProcessCluster(final BrokerConfig config, final Path dataDir, final NanoClock clock,
                             final boolean withController) {
        BrokerThreads.checkIdleStrategy(config, false, config.brokers());
        this.config = config;
        this.layout = config.layout();
        this.network = new InProcessNetwork();
        final BrokerLiveness liveness = new BrokerLiveness(config.brokers(), clock.nanoTime() / 1_000_000L);
        this.brokers = new Broker[config.brokers()];
        final Endpoint[] endpoints = new Endpoint[brokers.length];
        for (int b = 0; b < brokers.length; b++) {
            endpoints[b] = network.addNode();
        }
        if (!withController) {
            this.controller = null;
            final ProducerIdAllocator producerIds = new ProducerIdAllocator();
            for (int b = 0; b < brokers.length; b++) {
                brokers[b] = new Broker(b, config, layout, dataDir, endpoints[b], producerIds, liveness, clock);
            }
            return;
        }
        final Endpoint controllerEndpoint = network.addNode(); // the node after the brokers: NodeIds.controller
        this.controller = new ControllerNode(layout, config.controller(), dataDir.resolve(CONTROLLER_DIR),
            controllerEndpoint, clock);
        for (int b = 0; b < brokers.length; b++) {
            brokers[b] = new Broker(b, config, layout, dataDir, endpoints[b], controllerEndpoint.nodeId(),
                clock.nanoTime(), liveness, clock);
        }
    }

    /** Validates the settings, opens (or recovers) every broker's logs under {@code dataDir} and starts the threads. */
    public static InProcessCluster start(final Map<String, String> settings, final Path dataDir) {
        return start(BrokerConfig.of(settings), dataDir, SystemNanoClock.INSTANCE);
    }

    public static InProcessCluster start(final BrokerConfig config, final Path dataDir, final NanoClock clock) {
        final InProcessCluster cluster = new InProcessCluster(config, dataDir, clock, true);
        cluster.startThreads();
        return cluster;
    }

    /**
     * Brokers without a controller, for tests of the broker's role changes: each starts in the layout's role at
     * epoch 0, commits its own ISR proposals, and changes role only through {@link Broker#becomeLeader} and
     * {@link Broker#becomeFollower}. Nobody fences a dead broker or elects a leader.
     */
    public static InProcessCluster startWithoutController(final Map<String, String> settings, final Path dataDir) {
        final InProcessCluster cluster = new InProcessCluster(BrokerConfig.of(settings), dataDir,
            SystemNanoClock.INSTANCE, false);
        cluster.startThreads();
        return cluster;
    }

    private void startThreads() {
        if (controller != null) {
            controllerRunner = controller.startOnThread();
        }
        threads = new BrokerThreads(config, brokers);
        ClusterReadiness.awaitLeaders(this::anyLeads, layout.partitionCount());
    }

    private boolean anyLeads(final int partition) {
        for (final Broker broker : brokers) {
            if (broker.isLeader(partition)) {
                return true;
            }
        }
        return false;
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

    /** The controller (null without one), whose state machine a test may read once the cluster is closed. */
    public ControllerNode controller() {
        return controller;
    }

    /** Stops the threads, then closes every log cleanly (flushed, trimmed, clean-shutdown marker). */
    @Override
    public void close() {
        CloseHelper.closeAll(threads, controllerRunner);
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
