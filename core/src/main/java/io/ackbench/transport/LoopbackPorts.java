package io.ackbench.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * TCP ports on 127.0.0.1 for the processes the harness starts (ackbench's broker processes, Kafka's brokers and their
 * JMX agents), picked free here and bound later by the process that listens on them.
 *
 * <p>Ports are taken from just below the kernel's ephemeral range. A port the kernel picks as free ({@code bind} to
 * port 0) lies inside that range, and between this JVM releasing it and the broker binding it, the kernel may hand it
 * to any outgoing connection as its local port: CI saw a broker process exit on "Address already in use" so. A port
 * below the range is never handed out that way; only another process choosing it on purpose can take it.
 */
public final class LoopbackPorts {
    /** Brokers listen on IPv4 loopback only, never on a routable address. */
    public static final String HOST = "127.0.0.1";
    /** Where Linux hands out ephemeral ports from, unless {@link #EPHEMERAL_RANGE} says otherwise. */
    static final int DEFAULT_EPHEMERAL_LOW = 32768;
    /** How far below the ephemeral range ports are looked for. */
    static final int SPAN = 12_000;
    /** The lowest port looked at: below it are the privileged ports. */
    static final int LOWEST = 1024;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private LoopbackPorts() {
    }

    /** The loopback address brokers listen on. */
    public static InetAddress host() {
        try {
            return InetAddress.getByName(HOST);
        } catch (final UnknownHostException e) {
            throw new UncheckedIOException("A literal address did not resolve: " + HOST, e);
        }
    }

    /**
     * {@code count} distinct ports below the kernel's ephemeral range that are free now and not in {@code avoid},
     * starting at a random one so that harnesses started at once rarely look at the same ports.
     *
     * @throws IOException naming the range when not enough are free
     */
    public static List<Integer> quiet(final int count, final Set<Integer> avoid) throws IOException {
        final int high = ephemeralLow(readEphemeralRange());
        final int low = Math.max(LOWEST, high - SPAN);
        final int span = high - low;
        final List<Integer> ports = new ArrayList<>(count);
        if (span > 0) {
            final int start = ThreadLocalRandom.current().nextInt(span);
            for (int i = 0; i < span && ports.size() < count; i++) {
                final int port = low + (start + i) % span;
                if (!avoid.contains(port) && isFree(port)) {
                    ports.add(port);
                }
            }
        }
        if (ports.size() < count) {
            throw new IOException("Only " + ports.size() + " of " + count + " ports are free on " + HOST + " from "
                + low + " up to the kernel's ephemeral range at " + high);
        }
        return ports;
    }

    /** As {@link #quiet(int, Set)}, for callers that cannot go on without them. */
    public static List<Integer> quietOrFail(final int count) {
        try {
            return quiet(count, Set.of());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first port of the ephemeral range in {@code range}, the text of {@code ip_local_port_range} ("low high"),
     * or Linux's default when it is absent or not two numbers.
     */
    static int ephemeralLow(final String range) {
        if (range == null) {
            return DEFAULT_EPHEMERAL_LOW;
        }
        final String[] bounds = range.strip().split("\\s+");
        if (bounds.length != 2) {
            return DEFAULT_EPHEMERAL_LOW;
        }
        try {
            return Integer.parseInt(bounds[0]);
        } catch (final NumberFormatException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static String readEphemeralRange() {
        try {
            return Files.readString(EPHEMERAL_RANGE);
        } catch (final IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * @param use what the port is wanted for, for the message (for example "broker 0's PLAINTEXT listener")
     * @throws IOException naming the port and its use when something already listens on it
     */
    public static void requireFree(final int port, final String use) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host(), port));
        } catch (final BindException e) {
            throw new IOException("Port " + port + " on " + HOST + ", wanted for " + use + ", is already in use ("
                + e.getMessage() + "); stop what listens there or let the harness choose free ports", e);
        }
    }

    /**
     * Holds {@code port} for a broker that is down: bound, never listening, so the kernel hands it to no outgoing
     * connection while a connection to it is refused, as to a dead broker. Close it just before the broker binds the
     * port again.
     *
     * @return the bound socket, or null when something took the port already (the restart then says so)
     */
    public static Socket reserve(final int port) {
        final Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(host(), port));
            return socket;
        } catch (final IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    /** Closes a socket that never sent anything, so closing cannot lose anything. */
    public static void closeQuietly(final Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (final IOException e) {
            // Never connected: nothing to lose.
        }
    }
}
