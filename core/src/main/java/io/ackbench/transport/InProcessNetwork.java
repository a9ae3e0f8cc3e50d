package io.ackbench.transport;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Nodes in one JVM joined by connections, as TCP would join them: each ordered pair of nodes that talks gets its
 * own Agrona {@link OneToOneRingBuffer}, written by the sender's thread and read by the receiver's. Separate
 * connections matter: a producer flooding a broker with acks=0 requests fills only its own connection, never the
 * one a leader answers a follower's fetch on, so no thread ever waits on a queue that only it could drain (with
 * every broker on one shared thread, a single inbound queue per node would deadlock). A frame is copied once, into
 * the ring, as a socket copies it into its buffer: the producer keeps its batch for a possible retry, so the broker
 * cannot borrow it. The sender's id travels in the frame header.
 */
public final class InProcessNetwork {
    /** Bytes per connection: Agrona caps one message at an eighth of the ring, so this carries 2 MiB frames. */
    public static final int DEFAULT_RING_BYTES = 16 * 1024 * 1024;
    public static final int MAX_NODES = FrameHeader.MAX_NODES;
    private static final int FRAME_TYPE_ID = 1;

    private final int ringBytes;
    /**
     * Connections by {@code destination * MAX_NODES + source}: created by the sender's thread and published with a
     * volatile store; the receiver's thread reads the slot with a volatile load until it finds the ring, then caches
     * it.
     */
    private final AtomicReferenceArray<OneToOneRingBuffer> connections =
        new AtomicReferenceArray<>(MAX_NODES * MAX_NODES);
    /** Nodes added so far: atomic increment by addNode on any thread; every endpoint reads it with a volatile load. */
    private final AtomicInteger nodes = new AtomicInteger();

    public InProcessNetwork() {
        this(DEFAULT_RING_BYTES);
    }

    /** @param ringBytes each connection's ring size, a power of two */
    public InProcessNetwork(final int ringBytes) {
        this.ringBytes = ringBytes;
    }

    /** Adds a node with the next id (0, 1, 2, ...) and returns its endpoint. Thread-safe. */
    public Endpoint addNode() {
        final int id = nodes.getAndIncrement();
        if (id >= MAX_NODES) {
            throw new IllegalStateException("An in-process network holds at most " + MAX_NODES + " nodes");
        }
        return new RingEndpoint(id);
    }

    /** The ring from {@code source} to {@code destination}, created on first use by the source's thread. */
    private OneToOneRingBuffer connection(final int source, final int destination) {
        final int index = destination * MAX_NODES + source;
        OneToOneRingBuffer ring = connections.get(index);
        if (ring == null) {
            ring = new OneToOneRingBuffer(new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(ringBytes + RingBufferDescriptor.TRAILER_LENGTH, 64)));
            connections.set(index, ring);
        }
        return ring;
    }

    private final class RingEndpoint implements Endpoint, MessageHandler {
        private final int nodeId;
        /** This node's outgoing connections by destination, cached by its own thread. */
        private final OneToOneRingBuffer[] outgoing = new OneToOneRingBuffer[MAX_NODES];
        /** This node's incoming connections by source, cached by its own thread once they exist. */
        private final OneToOneRingBuffer[] incoming = new OneToOneRingBuffer[MAX_NODES];
        private int nextSource;
        private FrameHandler current;

        RingEndpoint(final int nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public int nodeId() {
            return nodeId;
        }

        @Override
        public int maxFrameLength() {
            return ringBytes / 8;
        }

        @Override
        public boolean send(final int destination, final DirectBuffer frame, final int offset, final int length) {
            if (destination < 0 || destination >= nodes.get()) {
                throw new IllegalArgumentException("No node " + destination + " on this network of "
                    + nodes.get() + " nodes");
            }
            OneToOneRingBuffer ring = outgoing[destination];
            if (ring == null) {
                ring = connection(nodeId, destination);
                outgoing[destination] = ring;
            }
            return ring.write(FRAME_TYPE_ID, frame, offset, length);
        }

        /** Reads the incoming connections in turn, starting from a different one each call, so none starves. */
        @Override
        public int poll(final FrameHandler handler, final int limit) {
            current = handler;
            final int count = nodes.get();
            int read = 0;
            for (int i = 0; i < count && read < limit; i++) {
                final int source = nextSource;
                nextSource = source + 1 >= count ? 0 : source + 1;
                OneToOneRingBuffer ring = incoming[source];
                if (ring == null) {
                    ring = connections.get(nodeId * MAX_NODES + source);
                    incoming[source] = ring;
                }
                if (ring != null) {
                    read += ring.read(this, limit - read);
                }
            }
            return read;
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
                              final int length) {
            current.onFrame(buffer, index, length);
        }
    }
}
