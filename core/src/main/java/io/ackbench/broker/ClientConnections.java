package io.ackbench.broker;

import io.ackbench.transport.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Kafka's one-request-at-a-time rule for each client connection: the broker reads a connection's next request only
 * after it answered the previous one (Kafka's SocketServer mutes the channel meanwhile). Responses therefore leave
 * in request order, which the producer relies on: an answer that overtakes an older request tells it the older
 * answer was lost. While a client's acks=all request is parked, the client's further frames wait here, copied
 * into a backlog of its own, and are handled once the parked request is answered. Broker thread only; a backlog
 * grows while warming up and is then reused.
 */
final class ClientConnections implements ExpandableRingBuffer.MessageConsumer {
    private static final int INITIAL_BACKLOG_BYTES = 1 << 20;

    private final boolean[] muted;
    private final boolean[] unmutedWithBacklog;
    private final ExpandableRingBuffer[] backlogs;
    private boolean anyUnmuted;
    private FrameHandler handler;

    ClientConnections(final int maxNodes) {
        muted = new boolean[maxNodes];
        unmutedWithBacklog = new boolean[maxNodes];
        backlogs = new ExpandableRingBuffer[maxNodes];
    }

    /**
     * Queues the frame if its client's connection is muted or already has frames waiting; returns whether it did.
     * {@code source} is a node id below the count this was built for.
     */
    boolean deferIfMuted(final int source, final DirectBuffer buffer, final int offset, final int length) {
        final ExpandableRingBuffer backlog = backlogs[source];
        if (!muted[source] && (backlog == null || backlog.isEmpty())) {
            return false;
        }
        backlogOf(source).append(buffer, offset, length);
        return true;
    }

    /** The client has a request waiting for its answer. */
    void mute(final int source) {
        muted[source] = true;
    }

    /** The client's request was answered: its next frame may be read. */
    void unmute(final int source) {
        muted[source] = false;
        final ExpandableRingBuffer backlog = backlogs[source];
        if (backlog != null && !backlog.isEmpty()) {
            unmutedWithBacklog[source] = true;
            anyUnmuted = true;
        }
    }

    /** Hands waiting frames of unmuted clients to {@code frames}, one at a time, until each is muted again or empty. */
    int drain(final FrameHandler frames) {
        if (!anyUnmuted) {
            return 0;
        }
        anyUnmuted = false;
        handler = frames;
        int handled = 0;
        for (int source = 0; source < backlogs.length; source++) {
            if (!unmutedWithBacklog[source]) {
                continue;
            }
            unmutedWithBacklog[source] = false;
            final ExpandableRingBuffer backlog = backlogs[source];
            while (!muted[source] && !backlog.isEmpty()) {
                handled += backlog.consume(this, 1);
            }
        }
        return handled;
    }

    @Override
    public boolean onMessage(final MutableDirectBuffer buffer, final int offset, final int length,
                             final int headOffset) {
        handler.onFrame(buffer, offset, length);
        return true;
    }

    private ExpandableRingBuffer backlogOf(final int source) {
        ExpandableRingBuffer backlog = backlogs[source];
        if (backlog == null) {
            backlog = new ExpandableRingBuffer(INITIAL_BACKLOG_BYTES, ExpandableRingBuffer.MAX_CAPACITY, true);
            backlogs[source] = backlog;
        }
        return backlog;
    }
}
