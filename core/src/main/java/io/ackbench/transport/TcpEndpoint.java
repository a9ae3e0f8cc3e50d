package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One node's {@link Endpoint} over TCP with non-blocking NIO, driven entirely by the thread that calls
 * {@link #send} and {@link #poll}: there is no I/O thread. On the wire each frame is a 4-byte big-endian length
 * then the frame's bytes.
 * <p>
 * A broker listens ({@link #listen}); a client never does ({@link #client}). A node opens a connection to a peer
 * the first time it sends to it, to the peer's address in the {@link AddressBook}, and starts it with a
 * {@link Handshake} naming itself. The first connection between two nodes, whichever side opened it, then carries
 * every frame this node sends to that peer, so frames to one peer stay in order and replies to a client go back on
 * the connection it opened. A frame for a node with no connection and no address (a client that went away) is
 * dropped and counted, as Kafka drops the response to a closed connection; bytes still queued on a connection that
 * breaks are lost the same way, and the next send to that node opens a new one.
 * <p>
 * A peer that declares a frame longer than {@link #maxFrameLength()}, a negative length, a frame shorter than a
 * {@link FrameHeader}, a frame whose header names another node as its source, or opens with something that is not
 * a handshake is logged in one line and disconnected; the other connections carry on. What was already queued to
 * a peer being disconnected (an {@link ErrorResponse}, say) gets one non-blocking write before the socket closes. So every frame handed on
 * has a header whose source is the node at the other end of its connection: a client cannot pass for a broker,
 * and {@link #disconnect} by that source closes the connection the frame came on. No frame makes the endpoint
 * allocate: a length is checked against the maximum before any of its bytes are read into the fixed buffer.
 * <p>
 * After its connections are open, sending and polling allocate nothing: each connection reuses its two direct
 * buffers, the selector reports ready keys to a handler made once, and connections are found by node id in arrays.
 * Every field is confined to the endpoint's thread (one thread at a time, as {@link Endpoint} requires; only
 * {@link #wakeup()} may be called from any thread, and it touches only the selector, which is thread-safe); a harness
 * that hands an endpoint to another thread, or closes it from one, must do so with a happens-before edge such as
 * {@link Thread#start()} or {@link Thread#join()}.
 */
public final class TcpEndpoint implements Endpoint, AutoCloseable {
    /** Bytes of the big-endian length before every frame on the wire. */
    public static final int LENGTH_PREFIX = 4;
    private static final System.Logger LOGGER = System.getLogger(TcpEndpoint.class.getName());
    private static final int INITIAL_CONNECTIONS = 16;

    private final int nodeId;
    private final AddressBook addresses;
    private final TcpSettings settings;
    private final Selector selector;
    /** Null for a client. */
    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    /** Kafka's reconnect.backoff.ms default. */
    public static final long DEFAULT_RECONNECT_BACKOFF_MS = 50;
    /** Kafka's reconnect.backoff.max.ms default. */
    public static final long DEFAULT_RECONNECT_BACKOFF_MAX_MS = 1000;

    /** The connection that carries this node's frames to each peer, by node id; null until one opens. */
    private final TcpConnection[] byPeer = new TcpConnection[FrameHeader.MAX_NODES];
    /** Every open connection, including accepted ones still waiting for their handshake, packed at the front. */
    private TcpConnection[] open = new TcpConnection[INITIAL_CONNECTIONS];
    private int openCount;
    private final UnsafeBuffer handshake = new UnsafeBuffer(new byte[Handshake.MAX_LENGTH]);
    private final int handshakeLength;
    private final ReadyKeys readyKeys = new ReadyKeys();
    /** Counts polls, to pick which connection's buffered frames are handed on first. */
    private int nextBacklog;
    private long droppedFrames;
    private long rejectedConnections;
    private boolean closed;
    /**
     * Kafka's reconnect backoff (ClusterConnectionStates): per peer this node dials, the failures since its last
     * successful connect, and the time before which it is not dialled again. Frames for a peer in that backoff are
     * dropped as for one that cannot be reached. Endpoint thread only, as every field: no ordering is needed.
     */
    private ExponentialBackoff reconnectBackoff = new ExponentialBackoff(DEFAULT_RECONNECT_BACKOFF_MS,
        DEFAULT_RECONNECT_BACKOFF_MAX_MS, 0);
    private final int[] failedDials = new int[FrameHeader.MAX_NODES];
    private final long[] redialAtNanos = new long[FrameHeader.MAX_NODES];
    /** Per peer, how many dialled connections to it were lost or failed: see {@link #connectionLosses}. */
    private final long[] connectionLosses = new long[FrameHeader.MAX_NODES];
    /** Per peer: its loss was logged and its return not yet, so further failed dials are logged at DEBUG only. */
    private final boolean[] reportedLost = new boolean[FrameHeader.MAX_NODES];
    private long dialAttempts;

    private TcpEndpoint(final int nodeId, final AddressBook addresses, final TcpSettings settings,
                        final InetSocketAddress bindAddress) {
        if (nodeId < 0 || nodeId >= FrameHeader.MAX_NODES) {
            throw new IllegalArgumentException("Invalid node id " + nodeId + ": must be in [0, "
                + FrameHeader.MAX_NODES + ")");
        }
        this.nodeId = nodeId;
        this.addresses = addresses;
        this.settings = settings;
        this.handshakeLength = Handshake.encode(handshake, 0, nodeId, settings.clientId());
        Selector openedSelector = null;
        ServerSocketChannel openedServer = null;
        try {
            openedSelector = Selector.open();
            if (bindAddress != null) {
                openedServer = ServerSocketChannel.open();
                // A node restarted on its old port must not wait for the old connections' TIME_WAIT to pass.
                openedServer.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (settings.socketReceiveBufferBytes() != TcpSettings.OS_DEFAULT) {
                    // Set before bind so accepted sockets inherit it before the window is negotiated.
                    openedServer.setOption(StandardSocketOptions.SO_RCVBUF, settings.socketReceiveBufferBytes());
                }
                openedServer.bind(bindAddress);
                openedServer.configureBlocking(false);
                openedServer.register(openedSelector, SelectionKey.OP_ACCEPT);
                this.localAddress = (InetSocketAddress) openedServer.getLocalAddress();
            } else {
                this.localAddress = null;
            }
        } catch (final IOException e) {
            closeQuietly(openedServer);
            closeQuietly(openedSelector);
            throw new UncheckedIOException("Node " + nodeId + " could not listen on " + bindAddress, e);
        }
        this.selector = openedSelector;
        this.server = openedServer;
    }

    /** A node that accepts connections on 127.0.0.1 at an ephemeral port; see {@link #localAddress()}. */
    public static TcpEndpoint listen(final int nodeId, final AddressBook addresses, final TcpSettings settings) {
        return listen(nodeId, addresses, settings, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A node that accepts connections on {@code bindAddress} (port 0 picks an ephemeral port). */
    public static TcpEndpoint listen(final int nodeId, final AddressBook addresses, final TcpSettings settings,
                                     final InetSocketAddress bindAddress) {
        if (bindAddress == null) {
            throw new IllegalArgumentException("Null bind address for node " + nodeId);
        }
        return new TcpEndpoint(nodeId, addresses, settings, bindAddress);
    }

    /** A node that only opens connections, as a producer does. */
    public static TcpEndpoint client(final int nodeId, final AddressBook addresses, final TcpSettings settings) {
        return new TcpEndpoint(nodeId, addresses, settings, null);
    }

    /**
     * Sets Kafka's reconnect.backoff.ms and reconnect.backoff.max.ms for the peers this node dials: after a peer's
     * connection closes or a dial fails, it is dialled again only after {@code initialMs * 2^failures} with 20%
     * jitter, capped at {@code maxMs}. Call before the endpoint is used.
     */
    public void reconnectBackoff(final long initialMs, final long maxMs) {
        if (initialMs < 0 || maxMs < 0) {
            throw new IllegalArgumentException("Reconnect backoffs must be at least 0, were " + initialMs + " and "
                + maxMs);
        }
        reconnectBackoff = new ExponentialBackoff(initialMs, maxMs, nodeId + 1L);
    }

    /** Connections this node has tried to open so far, successful or not. */
    public long dialAttempts() {
        return dialAttempts;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public int maxFrameLength() {
        return settings.maxFrameLength();
    }

    /** The address this node listens on, with the bound port. */
    public InetSocketAddress localAddress() {
        if (localAddress == null) {
            throw new IllegalStateException("Node " + nodeId + " is a client and does not listen");
        }
        return localAddress;
    }

    /** Connections open now, including accepted ones still waiting for a handshake. */
    public int openConnections() {
        return openCount;
    }

    /**
     * Frames sent to a node with no connection and no address, or to a connection that broke as they were sent.
     * Frames already queued on a connection when it breaks are lost uncounted.
     */
    public long droppedFrames() {
        return droppedFrames;
    }

    /**
     * Connections closed because the peer sent bytes that are not frames of this protocol, here or, through
     * {@link #disconnect}, in the handler.
     */
    public long rejectedConnections() {
        return rejectedConnections;
    }

    /**
     * Bytes from {@code peer} read off its sockets and not yet handed on, over this node's open connections with it
     * (an accepted connection counts once a poll with a limit above 0 has read its handshake). With {@code poll(handler, 0)}, which reads
     * what the sockets have and hands on nothing, lets a test wait until a peer's frames have arrived before it
     * polls for them. Endpoint thread only, as every field: no ordering is needed.
     */
    int bufferedBytesFrom(final int peer) {
        int bytes = 0;
        for (int i = 0; i < openCount; i++) {
            if (open[i].peer == peer) {
                bytes += open[i].unparsedBytes();
            }
        }
        return bytes;
    }

    @Override
    public long connectionLosses(final int nodeId) {
        return connectionLosses[nodeId];
    }

    @Override
    public boolean isBackingOff(final int nodeId) {
        return byPeer[nodeId] == null && failedDials[nodeId] > 0 && System.nanoTime() - redialAtNanos[nodeId] < 0;
    }

    /**
     * Queues the frame on the connection to {@code destination}, opening one if needed, and writes what the socket
     * takes. Returns false, queueing nothing, when the connection's send buffer has no room for it even after
     * writing; a caller that retries in a loop still makes progress, since each call writes first.
     */
    @Override
    public boolean send(final int destination, final DirectBuffer frame, final int offset, final int length) {
        if (length < 0 || length > settings.maxFrameLength()) {
            throw new IllegalArgumentException("Frame of " + length + " bytes for node " + destination
                + ": must be in [0, " + settings.maxFrameLength() + "]");
        }
        if (destination < 0 || destination >= FrameHeader.MAX_NODES) {
            throw new IllegalArgumentException("Invalid destination node " + destination + ": must be in [0, "
                + FrameHeader.MAX_NODES + ")");
        }
        ensureOpen();
        TcpConnection connection = byPeer[destination];
        if (connection == null) {
            if (failedDials[destination] > 0 && System.nanoTime() - redialAtNanos[destination] < 0) {
                droppedFrames++; // Backing off: as Kafka's client, do not dial a peer that just failed.
                return true;
            }
            connection = dial(destination);
            if (connection == null) {
                droppedFrames++;
                return true;
            }
        }
        flush(connection);
        if (connection.state == TcpConnection.CLOSED) {
            droppedFrames++;
            return true;
        }
        if (!connection.offer(frame, offset, length)) {
            return false;
        }
        flush(connection);
        return true;
    }

    /**
     * Writes what every connection has queued, hands on frames already received, then accepts, finishes
     * connects and reads whatever the sockets have, handing on whole frames until {@code limit} is reached.
     */
    @Override
    public int poll(final FrameHandler handler, final int limit) {
        ensureOpen();
        for (int i = openCount - 1; i >= 0; i--) {
            flush(open[i]);
        }
        int delivered = 0;
        // Frames left over when an earlier poll reached its limit: the selector will not report them again. The
        // first connection served moves on each poll, so one peer's backlog cannot starve the others.
        final int count = openCount;
        if (nextBacklog >= count) {
            nextBacklog = 0;
        }
        final int start = nextBacklog++;
        for (int k = 0; k < count && delivered < limit; k++) {
            // A handler's send may close a connection and reorder the array; a connection missed here is served
            // by a later poll.
            final int i = (start + k) % count;
            if (i < openCount) {
                final TcpConnection connection = open[i];
                if (connection.unparsedBytes() >= LENGTH_PREFIX) {
                    delivered += deliver(connection, handler, limit - delivered);
                }
            }
        }
        readyKeys.handler = handler;
        readyKeys.remaining = limit - delivered;
        try {
            selector.selectNow(readyKeys);
        } catch (final IOException e) {
            throw new UncheckedIOException("Node " + nodeId + " could not poll its connections", e);
        } finally {
            readyKeys.handler = null;
        }
        return limit - readyKeys.remaining;
    }

    /**
     * Blocks the endpoint's thread in the selector until a peer's bytes, a connection or a finished connect arrive, a
     * connection with bytes queued can take more, {@link #wakeup()} is called, or {@code timeoutMs} passes; returns at
     * once if a whole frame is already buffered. What arrived is read into the connections' buffers (and
     * connections accepted) but no frame is handed on: the next {@link #poll} hands them on first, as it does frames
     * left over from a poll that reached its limit. For a thread whose every input is this endpoint, called when its
     * duty cycle found nothing to do. Returns how many ready channels it serviced.
     *
     * @param timeoutMs at least 1; {@link Selector#select(long)} would take 0 to mean forever
     */
    public int awaitInput(final long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("Wait of " + timeoutMs + " ms: must be at least 1");
        }
        ensureOpen();
        for (int i = 0; i < openCount; i++) {
            final TcpConnection connection = open[i];
            if (hasWholeFrame(connection)) {
                return 0;
            }
            if (connection.hasUnsentBytes() && connection.state != TcpConnection.CONNECTING) {
                // Woken when the socket takes more, so a large fetch response is not held back by the sleep; the
                // interest is dropped again once the queue is empty (flush).
                connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        readyKeys.handler = null;
        readyKeys.remaining = 0;
        try {
            return selector.select(readyKeys, timeoutMs);
        } catch (final IOException e) {
            throw new UncheckedIOException("Node " + nodeId + " could not wait on its connections", e);
        }
    }

    /**
     * Makes a thread blocked in {@link #awaitInput} return now, or its next call return at once. Any thread: for
     * whoever hands that thread work that does not come through a socket.
     */
    public void wakeup() {
        selector.wakeup();
    }

    /** A length prefix and that many bytes, or a prefix {@link #deliver} refuses at once: either way poll has work. */
    private boolean hasWholeFrame(final TcpConnection connection) {
        final int available = connection.unparsedBytes();
        if (available < LENGTH_PREFIX) {
            return false;
        }
        final int length = connection.inView.getInt(connection.inHead, ByteOrder.BIG_ENDIAN);
        return length < 0 || length > settings.maxFrameLength() || available >= LENGTH_PREFIX + length;
    }

    /**
     * Closes every connection with {@code nodeId}, logging each in one line with the peer's address and
     * {@code reason}, and counts it as rejected. Frames queued to that node are lost; the next send opens a new
     * connection if the node has an address.
     */
    @Override
    public void disconnect(final int nodeId, final String reason) {
        ensureOpen();
        boolean found = false;
        // Backwards: forget() moves the last connection into the closed one's slot. A negative id would match the
        // accepted connections still waiting for their handshake.
        for (int i = openCount - 1; i >= 0 && nodeId >= 0; i--) {
            if (open[i].peer == nodeId) {
                reject(open[i], reason);
                found = true;
            }
        }
        if (!found) {
            // A peer whose loss was logged has no connection to close: that is expected, and not worth a warning.
            LOGGER.log(nodeId >= 0 && nodeId < reportedLost.length && reportedLost[nodeId] ? Level.DEBUG
                : Level.WARNING, "Node " + this.nodeId + " has no connection with node " + nodeId
                + " to close: " + reason);
        }
    }

    /** Closes every connection and the listening socket. Later sends and polls throw. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (openCount > 0) {
            forget(open[openCount - 1]);
        }
        closeQuietly(server);
        closeQuietly(selector);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Node " + nodeId + "'s TCP endpoint is closed");
        }
    }

    /** Opens a connection to the peer's address with the handshake queued first, or returns null if it has none. */
    private TcpConnection dial(final int destination) {
        final InetSocketAddress address = addresses.address(destination);
        if (address == null) {
            return null;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            configure(channel);
            dialAttempts++;
            final boolean connected = channel.connect(address);
            final TcpConnection connection = new TcpConnection(channel, address, settings, destination);
            if (connected) {
                connection.state = TcpConnection.OPEN;
                connected(destination, address);
            }
            connection.key = channel.register(selector,
                connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection);
            connection.offer(handshake, 0, handshakeLength);
            add(connection);
            byPeer[destination] = connection;
            return connection;
        } catch (final IOException e) {
            closeQuietly(channel);
            lost(destination, address, e.toString());
            return null;
        }
    }

    /** A dialled peer answered: its backoff starts over, and if its loss was logged, its return is too. */
    private void connected(final int peer, final SocketAddress address) {
        final int failures = failedDials[peer];
        failedDials[peer] = 0;
        if (reportedLost[peer]) {
            reportedLost[peer] = false;
            LOGGER.log(Level.INFO, "Node " + nodeId + " reconnected to node " + peer + " at " + address + " after "
                + failures + " failed attempts");
        }
    }

    /**
     * A dialled peer's connection closed or could not be opened: it is not dialled again before the backoff has
     * passed (Kafka's ClusterConnectionStates.disconnected). Only the first of a run of failures is logged at INFO,
     * so a peer that stays away costs one line, not one per attempt.
     */
    private void lost(final int peer, final Object address, final String reason) {
        connectionLosses[peer]++;
        redialAtNanos[peer] = System.nanoTime() + reconnectBackoff.backoffMs(failedDials[peer]) * 1_000_000L;
        failedDials[peer]++;
        if (!reportedLost[peer]) {
            reportedLost[peer] = true;
            LOGGER.log(Level.INFO, "Node " + nodeId + " lost its connection to node " + peer + " at " + address + ": "
                + reason + "; reconnecting with backoff");
        } else {
            LOGGER.log(Level.DEBUG, () -> "Node " + nodeId + " still cannot reach node " + peer + " at " + address
                + ": " + reason);
        }
    }

    private void configure(final SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        // Requests and acks are small and latency is what is measured: never hold one back to coalesce.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (settings.socketSendBufferBytes() != TcpSettings.OS_DEFAULT) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.socketSendBufferBytes());
        }
        if (settings.socketReceiveBufferBytes() != TcpSettings.OS_DEFAULT) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.socketReceiveBufferBytes());
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel = null;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
                configure(channel);
                final TcpConnection connection = new TcpConnection(channel, channel.getRemoteAddress(), settings,
                    -1);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                add(connection);
            } catch (final IOException e) {
                closeQuietly(channel);
                LOGGER.log(Level.WARNING, "Node " + nodeId + " could not accept a connection: " + e);
                return;
            }
        }
    }

    /** Finishes a pending connect if it is done, then writes what is queued. Closes the connection on failure. */
    private void flush(final TcpConnection connection) {
        try {
            if (connection.state == TcpConnection.CONNECTING) {
                if (!connection.channel.finishConnect()) {
                    return;
                }
                connection.state = TcpConnection.OPEN;
                connection.key.interestOps(SelectionKey.OP_READ);
                connected(connection.peer, connection.remote);
            }
            if (connection.hasUnsentBytes()) {
                connection.write();
                if (!connection.hasUnsentBytes() && (connection.key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                    connection.key.interestOps(SelectionKey.OP_READ);
                }
            }
        } catch (final IOException e) {
            lose(connection, e);
        }
    }

    private void read(final TcpConnection connection) {
        try {
            if (connection.read() < 0) {
                LOGGER.log(Level.DEBUG, () -> "Node " + nodeId + ": " + connection.describe() + " disconnected");
                forget(connection, "closed by the peer");
            }
        } catch (final IOException e) {
            lose(connection, e);
        }
    }

    /** Hands on whole frames in the receive buffer, up to {@code limit}; returns how many. */
    private int deliver(final TcpConnection connection, final FrameHandler handler, final int limit) {
        final UnsafeBuffer bytes = connection.inView;
        int delivered = 0;
        while (delivered < limit && connection.state != TcpConnection.CLOSED) {
            final int available = connection.unparsedBytes();
            if (available < LENGTH_PREFIX) {
                break;
            }
            final int length = bytes.getInt(connection.inHead, ByteOrder.BIG_ENDIAN);
            if (length < 0) {
                reject(connection, "negative frame length " + length);
                break;
            }
            if (length > settings.maxFrameLength()) {
                reject(connection, "frame length " + length + " exceeds the maximum " + settings.maxFrameLength());
                break;
            }
            if (connection.state == TcpConnection.AWAITING_HANDSHAKE && Handshake.lengthProblem(length) != null) {
                // Refused before the bytes arrive: a stray client must not make us wait for a 2 MiB "frame".
                reject(connection, Handshake.lengthProblem(length));
                break;
            }
            if (length < FrameHeader.LENGTH) {
                reject(connection, "frame of " + length + " bytes is shorter than the " + FrameHeader.LENGTH
                    + "-byte header");
                break;
            }
            if (available < LENGTH_PREFIX + length) {
                break;
            }
            final int frameOffset = connection.inHead + LENGTH_PREFIX;
            connection.inHead = frameOffset + length;
            if (connection.state == TcpConnection.AWAITING_HANDSHAKE) {
                acceptHandshake(connection, bytes, frameOffset, length);
            } else if (FrameHeader.source(bytes, frameOffset) != connection.peer) {
                // Replies go to the header's source, and a fetch's source is the follower whose progress moves the
                // high watermark: a frame that names another node must not reach the handler.
                reject(connection, "frame names node " + FrameHeader.source(bytes, frameOffset)
                    + " as its source on a connection whose handshake named node " + connection.peer);
            } else {
                delivered++;
                handler.onFrame(bytes, frameOffset, length);
            }
        }
        return delivered;
    }

    private void acceptHandshake(final TcpConnection connection, final UnsafeBuffer bytes, final int offset,
                                 final int length) {
        final String problem = Handshake.problem(bytes, offset, length);
        if (problem != null) {
            reject(connection, problem);
            return;
        }
        final int peer = Handshake.nodeId(bytes, offset);
        connection.peer = peer;
        connection.clientId = Handshake.clientId(bytes, offset);
        connection.state = TcpConnection.OPEN;
        final TcpConnection current = byPeer[peer];
        // A peer that opens a second connection has given up its first (a restarted client), so replies follow
        // the new one. A connection this node opened stays: both brokers may have dialled each other at once, and
        // switching would let frames already queued there overtake or trail the ones sent after.
        if (current == null || !current.dialled) {
            byPeer[peer] = connection;
        }
    }

    private void reject(final TcpConnection connection, final String reason) {
        rejectedConnections++;
        LOGGER.log(Level.WARNING, "Node " + nodeId + " closed the connection from " + connection.describe()
            + ": " + reason);
        connection.writeBeforeClose();
        forget(connection);
    }

    private void lose(final TcpConnection connection, final IOException e) {
        if (!connection.dialled) {
            LOGGER.log(Level.INFO, () -> "Node " + nodeId + " lost the connection to " + connection.describe() + ": "
                + e);
        }
        forget(connection, e.toString());
    }

    private void add(final TcpConnection connection) {
        if (openCount == open.length) {
            final TcpConnection[] grown = new TcpConnection[open.length * 2];
            System.arraycopy(open, 0, grown, 0, openCount);
            open = grown;
        }
        connection.index = openCount;
        open[openCount++] = connection;
    }

    private void forget(final TcpConnection connection) {
        forget(connection, "closed");
    }

    /**
     * Closes the connection and removes every reference to it; queued and unparsed bytes are discarded. A connection
     * this node dialled starts the peer's reconnect backoff, whatever closed it, as in Kafka.
     */
    private void forget(final TcpConnection connection, final String reason) {
        if (connection.state == TcpConnection.CLOSED) {
            return;
        }
        if (connection.dialled && !closed) {
            lost(connection.peer, connection.remote, reason);
        }
        connection.state = TcpConnection.CLOSED;
        connection.key.cancel();
        closeQuietly(connection.channel);
        final int last = openCount - 1;
        final TcpConnection moved = open[last];
        open[connection.index] = moved;
        moved.index = connection.index;
        open[last] = null;
        openCount = last;
        if (connection.peer >= 0 && byPeer[connection.peer] == connection) {
            byPeer[connection.peer] = otherConnectionTo(connection.peer);
        }
    }

    /** Another open connection with {@code peer}, found by a scan: this runs only when a connection closes. */
    private TcpConnection otherConnectionTo(final int peer) {
        for (int i = 0; i < openCount; i++) {
            if (open[i].peer == peer && open[i].state == TcpConnection.OPEN) {
                return open[i];
            }
        }
        return null;
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (final Exception e) {
                LOGGER.log(Level.DEBUG, () -> "Closing " + closeable + " failed: " + e);
            }
        }
    }

    /** Made once and reused by every poll: the selector hands it each ready key without an iterator. */
    private final class ReadyKeys implements Consumer<SelectionKey> {
        FrameHandler handler;
        int remaining;

        @Override
        public void accept(final SelectionKey key) {
            if (key.channel() == server) {
                acceptAll();
                return;
            }
            final TcpConnection connection = (TcpConnection) key.attachment();
            if (!key.isValid() || connection.state == TcpConnection.CLOSED) {
                return;
            }
            if (key.isConnectable()) {
                flush(connection);
                return;
            }
            if (key.isWritable()) {
                flush(connection);
                if (connection.state == TcpConnection.CLOSED) {
                    return;
                }
            }
            if (key.isReadable()) {
                read(connection);
                if (connection.state != TcpConnection.CLOSED && remaining > 0) {
                    remaining -= deliver(connection, handler, remaining);
                }
            }
        }
    }
}
