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

    /**
     * Drops the peer {@code nodeId} after it sent a frame this node cannot parse, as Kafka closes a connection on a
     * request it cannot read, and logs one line with the peer and {@code reason}. Frames from that peer already
     * queued may still be polled. A network without connections has nothing to close, so by default this only logs.
     */
    default void disconnect(final int nodeId, final String reason) {
        System.getLogger(Endpoint.class.getName()).log(System.Logger.Level.WARNING,
            "Node " + nodeId() + " ignored a frame from node " + nodeId + ": " + reason);
    }

    /**
     * How many times a connection this node opened to {@code nodeId} closed or could not be opened, ever: a caller
     * that remembers the count sees a change as Kafka's client sees a disconnect, and fails what it had in flight
     * there at once instead of waiting for its timeout. A network without connections never loses one.
     */
    default long connectionLosses(final int nodeId) {
        return 0;
    }

    /**
     * Whether a frame sent to {@code nodeId} now would be dropped because the last attempt to reach it failed and the
     * reconnect backoff has not passed (Kafka's client then does not count the node as ready). Always false without
     * connections.
     */
    default boolean isBackingOff(final int nodeId) {
        return false;
    }

}
