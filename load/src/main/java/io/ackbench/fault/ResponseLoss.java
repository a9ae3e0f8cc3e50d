package io.ackbench.fault;

import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import org.agrona.DirectBuffer;

/**
 * Loses a chosen fraction of the Produce responses a client receives: the broker appended and answered, the
 * producer never hears, times out and retries (which is what makes duplicates without idempotence). Wraps the
 * client's {@link Endpoint}; which responses are lost follows a seeded generator, so a run can be repeated.
 * Used by the client's one polling thread.
 */
public final class ResponseLoss implements Endpoint, FrameHandler {
    private final Endpoint delegate;
    private final long threshold;
    private long seed;
    private FrameHandler downstream;
    private long seen;
    private long dropped;

    /**
     * @param fraction of Produce responses to lose, in [0, 1]
     * @param seed     for the choice of which
     */
    public ResponseLoss(final Endpoint delegate, final double fraction, final long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("The fraction of responses to lose must be in [0, 1], not " + fraction);
        }
        this.delegate = delegate;
        this.threshold = (long) (fraction * (1L << 53));
        this.seed = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
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
        return delegate.send(destination, frame, offset, length);
    }

    @Override
    public void disconnect(final int nodeId, final String reason) {
        delegate.disconnect(nodeId, reason);
    }

    @Override
    public long connectionLosses(final int nodeId) {
        return delegate.connectionLosses(nodeId);
    }

    @Override
    public boolean isBackingOff(final int nodeId) {
        return delegate.isBackingOff(nodeId);
    }

    @Override
    public int poll(final FrameHandler handler, final int limit) {
        downstream = handler;
        return delegate.poll(this, limit);
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        if (length >= FrameHeader.LENGTH && FrameHeader.type(buffer, offset) == FrameHeader.PRODUCE_RESPONSE) {
            seen++;
            if (nextUniform53() < threshold) {
                dropped++;
                return;
            }
        }
        downstream.onFrame(buffer, offset, length);
    }

    private long nextUniform53() {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return seed >>> 11;
    }

    /** Produce responses that arrived, lost or not. Read from the polling thread, or after it stopped. */
    public long responsesSeen() {
        return seen;
    }

    public long responsesDropped() {
        return dropped;
    }
}
