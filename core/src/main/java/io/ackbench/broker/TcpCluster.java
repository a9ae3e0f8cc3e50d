package io.ackbench.broker;

import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TcpClients;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;
import org.agrona.CloseHelper;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.Map;

/**
 * N brokers in this JVM, each listening on its own TCP port on 127.0.0.1 (ephemeral), replicating and answering
 * over real sockets: the loopback stack without the cost of separate processes. Clients get further node ids.
 */
public final class TcpCluster implements BrokerCluster {
    private final TopicLayout layout;
    private final AddressBook addresses = new AddressBook();
    private final TcpEndpoint[] endpoints;
    private final Broker[] brokers;
    /** Client endpoints handed out, closed with the cluster. */
    private final TcpClients clients;
    private final BrokerThreads threads;

    private TcpCluster(final BrokerConfig config, final Path dataDir, final TcpSettings settings,
                       final NanoClock clock) {
        this.layout = TopicLayout.spread(config.topic(), config.partitions(), config.replicationFactor(),
            config.brokers());
        this.endpoints = new TcpEndpoint[config.brokers()];
        this.brokers = new Broker[config.brokers()];
        final ProducerIdAllocator producerIds = new ProducerIdAllocator();
        final BrokerLiveness liveness = new BrokerLiveness(config.brokers(), config.brokerSessionTimeoutMs(),
            clock.nanoTime() / 1_000_000L);
        for (int b = 0; b < brokers.length; b++) {
            endpoints[b] = TcpEndpoint.listen(b, addresses, settings);
            addresses.put(b, endpoints[b].localAddress());
        }
        for (int b = 0; b < brokers.length; b++) {
            brokers[b] = new Broker(b, config, layout, dataDir, endpoints[b], producerIds, liveness, clock);
        }
        this.clients = new TcpClients(addresses, settings, brokers.length);
        this.threads = new BrokerThreads(config, brokers);
    }

    /** Validates the settings, opens the logs under {@code dataDir}, binds the ports and starts the threads. */
    public static TcpCluster start(final Map<String, String> settings, final Path dataDir) {
        final BrokerConfig config = BrokerConfig.of(settings);
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
            threads.close();
        } finally {
            CloseHelper.closeAll(endpoints);
            clients.close();
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
