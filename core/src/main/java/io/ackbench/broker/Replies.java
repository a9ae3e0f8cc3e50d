package io.ackbench.broker;

import io.ackbench.transport.Endpoint;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The broker thread's one scratch buffer for encoding a response, and the send. The send waits if the connection
 * back is full, but the protocol bounds what can be queued there (a client has at most max.in.flight requests
 * waiting for answers, a follower one fetch per leader), so on a connection of its own the wait only comes when the
 * peer stopped reading. After 100 ms of that the peer is disconnected and the reply dropped, rather than every broker
 * sharing this thread stalling behind it.
 */
final class Replies {
    /** How long a reply may wait for room before its peer counts as stuck. */
    private static final long STUCK_PEER_NANOS = 100_000_000L;

    private final Endpoint endpoint;
    private final UnsafeBuffer buffer;

    Replies(final Endpoint endpoint) {
        this.endpoint = endpoint;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(endpoint.maxFrameLength(), 64));
    }

    UnsafeBuffer buffer() {
        return buffer;
    }

    int capacity() {
        return buffer.capacity();
    }

    void send(final int destination, final int length) {
        if (endpoint.send(destination, buffer, 0, length)) {
            return;
        }
        final long deadline = System.nanoTime() + STUCK_PEER_NANOS;
        while (!endpoint.send(destination, buffer, 0, length)) {
            if (System.nanoTime() - deadline > 0) {
                // Only a peer that stopped reading can fill its connection this far (see the class comment): cut
                // it off rather than stall every broker on this thread. Its requests time out and are retried.
                endpoint.disconnect(destination, "node " + destination + " is not reading its responses");
                return;
            }
            Thread.onSpinWait();
        }
    }
}
