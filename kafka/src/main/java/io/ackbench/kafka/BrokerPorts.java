package io.ackbench.kafka;

/**
 * One broker's two listeners on {@value io.ackbench.transport.LoopbackPorts#HOST}: {@code client} for clients and replication
 * ({@code PLAINTEXT}), {@code controller} for the KRaft quorum ({@code CONTROLLER}).
 */
record BrokerPorts(int client, int controller) {
}
