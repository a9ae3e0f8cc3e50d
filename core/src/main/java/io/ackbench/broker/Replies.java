package io.ackbench.broker;

import io.ackbench.transport.Endpoint;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The broker thread's one scratch buffer for encoding a response, and the send that waits while the client's
 * inbound queue is full (a client drains its queue continuously, so the wait is short; dropping a response
 * instead would turn back-pressure into a lost acknowledgement).
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
