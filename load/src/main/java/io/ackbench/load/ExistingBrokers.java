package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.producer.MetadataFetch;
import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.TcpClients;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Brokers started elsewhere (another machine, another network namespace), reached over TCP at the addresses given
 * for broker ids 0, 1, 2, ...: the layout comes from broker 0's Metadata answer, and closing (either way) lets go of
 * the client connections only: the brokers are not this process's to stop. Client node ids start at a value derived from this process's id, so that producers in several
 * processes do not pose as one another.
 */
final class ExistingBrokers implements BrokerCluster {
    private static final long METADATA_WAIT_MS = 30_000;

    private final AddressBook addresses = new AddressBook();
    private final TopicLayout layout;
    private final TcpClients clients;

    ExistingBrokers(final List<InetSocketAddress> brokers, final String topic) {
        for (int b = 0; b < brokers.size(); b++) {
            addresses.put(b, brokers.get(b));
        }
        final int clientIds = FrameHeader.MAX_NODES - brokers.size();
        this.clients = new TcpClients(addresses, TcpSettings.defaults(),
            brokers.size() + (int) (ProcessHandle.current().pid() % Math.max(1, clientIds / 2)));
        final TcpEndpoint bootstrap = clients.connect(ClientSocketOptions.DEFAULTS);
        this.layout = MetadataFetch.fetch(bootstrap, 0, topic, METADATA_WAIT_MS);
    }

    @Override
    public TopicLayout layout() {
        return layout;
    }

    @Override
    public Endpoint connectClient(final ClientSocketOptions options) {
        return clients.connect(options);
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public void closeAndDiscard() {
        close();
    }
}
