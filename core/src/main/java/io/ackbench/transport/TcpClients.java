package io.ackbench.transport;

import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out client endpoints on a TCP network of brokers: each a new node id from {@code firstNodeId} up, dialling
 * the brokers in the address book, with the network's frame limit and the client's own socket options. Closes them
 * all together. Safe to use from several threads.
 */
public final class TcpClients implements AutoCloseable {
    private final AddressBook addresses;
    private final TcpSettings network;
    /** Guarded by itself. */
    private final List<TcpEndpoint> clients = new ArrayList<>();
    /** Guarded by {@link #clients}. */
    private int nextNodeId;

    public TcpClients(final AddressBook addresses, final TcpSettings network, final int firstNodeId) {
        this.addresses = addresses;
        this.network = network;
        this.nextNodeId = firstNodeId;
    }

    public TcpEndpoint connect(final ClientSocketOptions options) {
        synchronized (clients) {
            if (nextNodeId >= FrameHeader.MAX_NODES) {
                throw new IllegalStateException("No client node ids left below " + FrameHeader.MAX_NODES);
            }
            final TcpEndpoint client = TcpEndpoint.client(nextNodeId++, addresses, network.with(options));
            clients.add(client);
            return client;
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            CloseHelper.closeAll(clients);
            clients.clear();
        }
    }
}
