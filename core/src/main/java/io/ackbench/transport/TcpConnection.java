package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection of a {@link TcpEndpoint}: the socket, its reused direct send and receive buffers, and which
 * node is at the other end. Every field is confined to the endpoint's thread, so none needs an ordering.
 * <p>
 * Both buffers hold bytes between a head and a tail: the send buffer from the first unsent byte to the end of the
 * last frame copied in, the receive buffer from the first unparsed byte to the end of what was read. Bytes move to
 * the front only when room is needed, so a large frame written or read in many pieces is not copied each time.
 */
final class TcpConnection {
    /** Dialled, waiting for the connect to finish; frames may already be queued behind the handshake. */
    static final int CONNECTING = 0;
    /** Accepted, waiting for the peer's handshake before any frame is handed on. */
    static final int AWAITING_HANDSHAKE = 1;
    static final int OPEN = 2;
    static final int CLOSED = 3;
    private static final int DISCARD_READS_BEFORE_CLOSE = 4;

    final SocketChannel channel;
    final SocketAddress remote;
    /** True if this node opened the connection, false if it accepted it. */
    final boolean dialled;
    private final ByteBuffer out;
    private final UnsafeBuffer outView;
    private final ByteBuffer in;
    final UnsafeBuffer inView;
    SelectionKey key;
    int state;
    /** The node at the other end, or -1 until an accepted connection's handshake names it. */
    int peer;
    /** The client id the peer's handshake carried; empty for a dialled connection or before the handshake. */
    String clientId = "";
    /** Where this connection sits in the endpoint's array of open connections. */
    int index;
    private int outHead;
    private int outTail;
    int inHead;
    int inTail;

    /** @param dialledPeer the node this connection was opened to, or -1 for an accepted connection */
    TcpConnection(final SocketChannel channel, final SocketAddress remote, final TcpSettings settings,
                  final int dialledPeer) {
        this.channel = channel;
        this.remote = remote;
        this.dialled = dialledPeer >= 0;
        this.state = dialled ? CONNECTING : AWAITING_HANDSHAKE;
        this.peer = dialledPeer;
        this.out = ByteBuffer.allocateDirect(settings.sendBufferBytes());
        this.outView = new UnsafeBuffer(out);
        this.in = ByteBuffer.allocateDirect(settings.receiveBufferBytes());
        this.inView = new UnsafeBuffer(in);
    }

    /** Copies the frame with its length prefix behind the unsent bytes; false, copying nothing, if it does not fit. */
    boolean offer(final DirectBuffer frame, final int offset, final int length) {
        final int needed = TcpEndpoint.LENGTH_PREFIX + length;
        if (out.capacity() - outTail < needed) {
            if (outTail - outHead + needed > out.capacity()) {
                return false;
            }
            compactOut();
        }
        outView.putInt(outTail, length, ByteOrder.BIG_ENDIAN);
        outView.putBytes(outTail + TcpEndpoint.LENGTH_PREFIX, frame, offset, length);
        outTail += needed;
        return true;
    }

    boolean hasUnsentBytes() {
        return outTail > outHead;
    }

    /** Writes what the socket takes now, without waiting. */
    void write() throws IOException {
        out.limit(outTail).position(outHead);
        channel.write(out);
        outHead = out.position();
        if (outHead == outTail) {
            outHead = 0;
            outTail = 0;
        }
    }

    /** Reads what the socket has now, after moving unparsed bytes to the front. Returns -1 at end of stream. */
    int read() throws IOException {
        if (inHead == inTail) {
            inHead = 0;
            inTail = 0;
        } else if (inHead > 0) {
            in.limit(inTail).position(inHead);
            in.compact();
            inTail = in.position();
            inHead = 0;
        }
        in.limit(in.capacity()).position(inTail);
        final int read = channel.read(in);
        if (read > 0) {
            inTail += read;
        }
        return read;
    }

    int unparsedBytes() {
        return inTail - inHead;
    }

    private void compactOut() {
        out.limit(outTail).position(outHead);
        out.compact();
        outTail = out.position();
        outHead = 0;
    }

    /**
     * Before a close: one non-blocking write of what is queued (an error response, answers already due), then what
     * the socket has received is read and discarded, since closing a socket with unread bytes makes Linux reset
     * the connection and the peer may lose what was just written. Best effort: failures are ignored.
     */
    void writeBeforeClose() {
        if (state != OPEN) {
            return;
        }
        try {
            if (hasUnsentBytes()) {
                write();
            }
            channel.shutdownOutput();
            // Bounded: a peer streaming garbage must not hold the endpoint's thread here.
            for (int reads = 0; reads < DISCARD_READS_BEFORE_CLOSE; reads++) {
                in.clear();
                if (channel.read(in) <= 0) {
                    break;
                }
            }
        } catch (final IOException e) {
            // The connection is being closed for cause; nothing more to do.
        }
    }

    /** How the log names this connection: the remote address and, once known, the node id and client id. */
    String describe() {
        if (peer < 0) {
            return String.valueOf(remote);
        }
        return remote + " (node " + peer + (clientId.isEmpty() ? "" : ", client id '" + clientId + "'") + ")";
    }
}
