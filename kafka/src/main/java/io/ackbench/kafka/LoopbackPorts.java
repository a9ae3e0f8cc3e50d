package io.ackbench.kafka;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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

    /** Where Linux hands out ephemeral ports from, unless {@code /proc/sys/net/ipv4/ip_local_port_range} says. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    /** How far below the ephemeral range quiet ports are looked for. */
    private static final int QUIET_SPAN = 12_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * {@code count} distinct ports below the kernel's ephemeral range that are free now and not in {@code avoid},
     * starting at a random one. A port the kernel picks for {@link #free} may be handed to an outgoing connection as
     * its ephemeral port before the process that wants it binds it; a port below that range never is. For ports a
     * JVM binds as it starts (a JMX agent), before anything could hold them for it.
     *
     * @throws IOException when not enough are free
     */
    static List<Integer> quiet(final int count, final Set<Integer> avoid) throws IOException {
        final int high = ephemeralLow();
        final int low = Math.max(1024, high - QUIET_SPAN);
        final int span = high - low;
        final int start = ThreadLocalRandom.current().nextInt(span);
        final List<Integer> ports = new ArrayList<>(count);
        for (int i = 0; i < span && ports.size() < count; i++) {
            final int port = low + (start + i) % span;
            if (!avoid.contains(port) && isFree(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new IOException("Only " + ports.size() + " of " + count + " ports free on " + HOST + " between " + low
                + " and " + high);
        }
        return ports;
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range, or Linux's default where it cannot be read. */
    private static int ephemeralLow() {
        try {
            final String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (final IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
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
