package io.ackbench.broker;

import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;

/**
 * A running set of brokers hosting one topic, whatever joins them: in-process rings ({@link InProcessCluster}),
 * TCP between brokers in this JVM ({@link TcpCluster}), or TCP to brokers in their own processes
 * ({@link BrokerProcesses}). A producer needs only the layout and an endpoint.
 */
public interface BrokerCluster extends AutoCloseable {
    TopicLayout layout();

    /**
     * A new client node on the cluster's network, for one producer's sender, with that producer's client id and
     * socket buffer sizes (which a network without sockets ignores).
     */
    Endpoint connectClient(ClientSocketOptions options);

    /** A new client node with Kafka's default client socket options. */
    default Endpoint connectClient() {
        return connectClient(ClientSocketOptions.DEFAULTS);
    }

    /** Stops the brokers, closing their logs cleanly. */
    @Override
    void close();

    /** Stops the brokers without forcing their logs to disk: for data about to be deleted. */
    void closeAndDiscard();
}
