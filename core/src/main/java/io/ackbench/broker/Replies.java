package io.ackbench.broker;

import io.ackbench.transport.Endpoint;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The broker thread's one scratch buffer for encoding a response, and the send. The send waits if the connection
 * back is full, but the protocol bounds what can be queued there (a client has at most max.in.flight requests
 * waiting for answers, a follower one fetch per leader), so on a connection of its own the wait cannot come; a
 * response is never dropped, since that would turn back-pressure into a lost acknowledgement.
 */
final class Replies {
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
        while (!endpoint.send(destination, buffer, 0, length)) {
            Thread.onSpinWait();
        }
    }
}
