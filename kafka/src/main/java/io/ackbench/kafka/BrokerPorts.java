package io.ackbench.kafka;

/**
 * One broker's listeners on {@value io.ackbench.transport.LoopbackPorts#HOST}: {@code client} for clients and
 * replication ({@code PLAINTEXT}), {@code controller} for the KRaft quorum ({@code CONTROLLER}), or {@link #NONE}
 * for a broker-only node, whose controller runs elsewhere.
 */
record BrokerPorts(int client, int controller) {
    /** No such listener. */
    static final int NONE = -1;

    boolean hasController() {
        return controller != NONE;
    }
}
