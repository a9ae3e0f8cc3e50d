package io.ackbench.transport;

import org.agrona.DirectBuffer;

/**
 * One node's attachment to a network: it sends frames to other nodes by id and polls the frames sent to it.
 * Frames between two nodes arrive in the order they were sent. Each endpoint is used by one thread at a time.
 */
public interface Endpoint {
    int nodeId();

    /** The largest frame this network carries, in bytes. */
    int maxFrameLength();

    /**
     * Copies one frame to {@code destination}'s inbound queue. Returns false, sending nothing, when that queue is
     * full (the caller retries later); a frame longer than {@link #maxFrameLength()} is an error.
     */
    boolean send(int destination, DirectBuffer frame, int offset, int length);

    /** Hands up to {@code limit} waiting frames to {@code handler}, in arrival order. Returns how many. */
    int poll(FrameHandler handler, int limit);
}
