package io.ackbench.fault;

import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer's endpoint that a test steers from its own thread: it loses the next n Produce responses on request
 * (unlike {@link ResponseLoss}, whose losses follow a seeded fraction), and counts the Produce requests that went
 * out, so the test knows when a batch it sent is on its way. The sender thread calls the endpoint methods.
 */
final class ResponseGate implements Endpoint, FrameHandler {
    private final Endpoint delegate;
    /** Responses still to lose: set by the test thread, decremented by the sender thread (CAS). */
    private final AtomicInteger toDrop = new AtomicInteger();
    /** Responses lost: written by the sender thread (atomic add), read by the test thread (volatile). */
    private final AtomicInteger dropped = new AtomicInteger();
    /** Produce requests the delegate accepted: written by the sender thread, read by the test thread. */
    private final AtomicInteger producesSent = new AtomicInteger();
    /** Sender thread only. */
    private FrameHandler downstream;

    ResponseGate(final Endpoint delegate) {
        this.delegate = delegate;
    }

    /** Loses the next {@code count} Produce responses to arrive. */
    void dropNext(final int count) {
        toDrop.set(count);
    }

    int dropped() {
        return dropped.get();
    }

    int producesSent() {
        return producesSent.get();
    }

    @Override
    public int nodeId() {
        return delegate.nodeId();
    }

    @Override
    public int maxFrameLength() {
        return delegate.maxFrameLength();
    }

    @Override
    public boolean send(final int destination, final DirectBuffer frame, final int offset, final int length) {
        final boolean sent = delegate.send(destination, frame, offset, length);
        if (sent && FrameHeader.type(frame, offset) == FrameHeader.PRODUCE_REQUEST) {
            producesSent.incrementAndGet();
        }
        return sent;
    }

    @Override
    public void disconnect(final int nodeId, final String reason) {
        delegate.disconnect(nodeId, reason);
    }

    @Override
    public int poll(final FrameHandler handler, final int limit) {
        downstream = handler;
        return delegate.poll(this, limit);
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        if (length >= FrameHeader.LENGTH && FrameHeader.type(buffer, offset) == FrameHeader.PRODUCE_RESPONSE
            && toDrop.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
            dropped.incrementAndGet();
            return;
        }
        downstream.onFrame(buffer, offset, length);
    }
}
