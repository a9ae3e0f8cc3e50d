package io.ackbench.kafka;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP ports on 127.0.0.1 for the brokers' listeners: free ones picked by the kernel, or given ones checked to be free.
 * Either way the port is released again before the broker binds it; another process taking it in between is
 * unlikely on loopback, and the broker then exits with Kafka's own message naming the address.
 */
final class LoopbackPorts {
    /** Brokers listen on IPv4 loopback only, never on a routable address. */
    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** {@code count} distinct free ports, all held open until each is chosen so none is handed out twice. */
    static List<Integer> free(final int count) throws IOException {
        final List<ServerSocket> held = new ArrayList<>(count);
        try {
            final List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(loopback(), 0));
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (final ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * @param use what the port is wanted for, for the message (for example "broker 0's PLAINTEXT listener")
     * @throws IOException naming the port and its use when something already listens on it
     */
    static void requireFree(final int port, final String use) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(loopback(), port));
        } catch (final BindException e) {
            throw new IOException("Port " + port + " on " + HOST + ", wanted for " + use + ", is already in use ("
                + e.getMessage() + "); stop what listens there or let the harness choose free ports", e);
        }
    }

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByName(HOST);
    }

    /**
     * Holds {@code port} for a broker that is down: bound, never listening, so the kernel hands it to no outgoing
     * connection as an ephemeral port while a connection to it is refused, as to a dead broker. Close it just before
     * the broker binds the port again.
     *
     * @return the bound socket, or null when something took the port already (the restart then says so)
     */
    static Socket reserve(final int port) {
        final Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(loopback(), port));
            return socket;
        } catch (final IOException e) {
            try {
                socket.close();
            } catch (final IOException ignored) {
                // Never connected: nothing to lose.
            }
            return null;
        }
    }
}
