package io.ackbench.transport;

/**
 * What a client chooses about its connections to the brokers, by Kafka's producer configs: {@code client.id}
 * (carried in each connection's handshake) and the kernel's socket buffers {@code send.buffer.bytes} and
 * {@code receive.buffer.bytes}, where {@link TcpSettings#OS_DEFAULT} (-1) keeps the operating system's default.
 * A network without sockets ignores the buffer sizes.
 */
public record ClientSocketOptions(String clientId, int sendBufferBytes, int receiveBufferBytes) {
    /** Kafka's producer defaults: 128 KiB to send, 32 KiB to receive, no client id. */
    public static final ClientSocketOptions DEFAULTS = new ClientSocketOptions("", 131_072, 32_768);
}
