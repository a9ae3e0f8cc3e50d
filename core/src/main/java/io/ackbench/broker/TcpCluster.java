package io.ackbench.broker;

import io.ackbench.controller.ControllerNode;
import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TcpClients;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.Map;

/**
 * N brokers in this JVM, each listening on its own TCP port on 127.0.0.1 (ephemeral), replicating and answering
 * over real sockets: the loopback stack without the cost of separate processes. The controller listens too, as node
 * {@link NodeIds#controller}; clients get the node ids after it.
 */
public final class TcpCluster implements BrokerCluster {
    private final TopicLayout layout;
    private final AddressBook addresses = new AddressBook();
    private final TcpEndpoint[] endpoints;
    private final Broker[] brokers;
    private final TcpEndpoint controllerEndpoint;
    private final ControllerNode controller;
    private final AgentRunner controllerRunner;
    /** Client endpoints handed out, closed with the cluster. */
    private final TcpClients clients;
    private final BrokerThreads threads;

    private TcpCluster(final BrokerConfig config, final Path dataDir, final TcpSettings settings,
                       final NanoClock clock) {
        this.layout = config.layout();
        this.endpoints = new TcpEndpoint[config.brokers()];
        this.brokers = new Broker[config.brokers()];
        final BrokerLiveness liveness = new BrokerLiveness(config.brokers(), clock.nanoTime() / 1_000_000L);
        for (int b = 0; b < brokers.length; b++) {
            endpoints[b] = TcpEndpoint.listen(b, addresses, settings);
            addresses.put(b, endpoints[b].localAddress());
        }
        final int controllerId = NodeIds.controller(brokers.length);
        this.controllerEndpoint = TcpEndpoint.listen(controllerId, addresses, settings);
        addresses.put(controllerId, controllerEndpoint.localAddress());
        this.controller = new ControllerNode(layout, config.controller(),
            dataDir.resolve(InProcessCluster.CONTROLLER_DIR), controllerEndpoint, clock);
        for (int b = 0; b < brokers.length; b++) {
            brokers[b] = new Broker(b, config, layout, dataDir, endpoints[b], controllerId, clock.nanoTime(), liveness,
                clock);
        }
        this.clients = new TcpClients(addresses, settings, NodeIds.firstClient(brokers.length));
        this.controllerRunner = controller.startOnThread();
        this.threads = new BrokerThreads(config, brokers);
        ClusterReadiness.awaitLeaders(p -> {
            for (final Broker broker : brokers) {
                if (broker.isLeader(p)) {
                    return true;
                }
            }
            return false;
        }, layout.partitionCount());
    }

    /** Validates the settings, opens the logs under {@code dataDir}, binds the ports and starts the threads. */
    public static TcpCluster start(final Map<String, String> settings, final Path dataDir) {
        final BrokerConfig config = BrokerConfig.of(settings);
        BrokerThreads.checkIdleStrategy(config, true, config.brokers());
        return new TcpCluster(config, dataDir, config.tcp(), SystemNanoClock.INSTANCE);
    }

    @Override
    public TopicLayout layout() {
        return layout;
    }

    @Override
    public Endpoint connectClient(final ClientSocketOptions options) {
        return clients.connect(options);
    }

    /** Broker {@code id}'s endpoint: where it listens, and its connection counters once the cluster closed. */
    public TcpEndpoint endpoint(final int id) {
        return endpoints[id];
    }

    public Broker broker(final int id) {
        return brokers[id];
    }

    @Override
    public void close() {
        try {
            CloseHelper.closeAll(threads, controllerRunner);
        } finally {
            CloseHelper.closeAll(endpoints);
            CloseHelper.closeAll(controllerEndpoint, clients);
        }
    }

    @Override
    public void closeAndDiscard() {
        for (final Broker broker : brokers) {
            broker.discardLogsOnClose();
        }
        close();
    }
}
