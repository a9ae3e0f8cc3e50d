package io.ackbench.transport;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Nodes in one JVM, each with an inbound Agrona {@link ManyToOneRingBuffer}: any number of threads write frames
 * into it, the node's own thread reads them. A frame is copied once, into the ring, as a TCP transport copies it
 * into a socket buffer; the producer keeps its batch for a possible retry, so the broker cannot borrow it.
 * The ring carries the frame bytes only: the sender's id travels in the frame header.
 */
public final class InProcessNetwork {
    /** Frame bytes per node: Agrona caps one message at an eighth of the ring, so this carries 2 MiB frames. */
    public static final int DEFAULT_RING_BYTES = 16 * 1024 * 1024;
    private static final int FRAME_TYPE_ID = 1;

    public static final int MAX_NODES = FrameHeader.MAX_NODES;

    private final int ringBytes;
    /** Each node's inbound ring, published with a volatile store before its id is handed out. */
    private final AtomicReferenceArray<ManyToOneRingBuffer> inbound = new AtomicReferenceArray<>(MAX_NODES);
    private final AtomicInteger nodes = new AtomicInteger();

    public InProcessNetwork() {
        this(DEFAULT_RING_BYTES);
    }

    /** @param ringBytes each node's inbound ring size, a power of two */
    public InProcessNetwork(final int ringBytes) {
        this.ringBytes = ringBytes;
    }

    /** Adds a node with the next id (0, 1, 2, ...) and returns its endpoint. Thread-safe. */
    public Endpoint addNode() {
        final int id = nodes.getAndIncrement();
        if (id >= MAX_NODES) {
            throw new IllegalStateException("An in-process network holds at most " + MAX_NODES + " nodes");
        }
        final int total = ringBytes + RingBufferDescriptor.TRAILER_LENGTH;
        inbound.set(id, new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(total, 64))));
        return new RingEndpoint(id);
    }

    public int nodeCount() {
        return nodes.get();
    }

    private final class RingEndpoint implements Endpoint, MessageHandler {
        private final int nodeId;
        private final ManyToOneRingBuffer ring;
        private FrameHandler current;

        RingEndpoint(final int nodeId) {
            this.nodeId = nodeId;
            this.ring = inbound.get(nodeId);
        }

        @Override
        public int nodeId() {
            return nodeId;
        }

        @Override
        public int maxFrameLength() {
            return ring.maxMsgLength();
        }

        @Override
        public boolean send(final int destination, final DirectBuffer frame, final int offset, final int length) {
            final ManyToOneRingBuffer destinationRing = destination < 0 || destination >= MAX_NODES
                ? null : inbound.get(destination);
            if (destinationRing == null) {
                throw new IllegalArgumentException("No node " + destination + " on this network of "
                    + nodes.get() + " nodes");
            }
            return destinationRing.write(FRAME_TYPE_ID, frame, offset, length);
        }

        @Override
        public int poll(final FrameHandler handler, final int limit) {
            current = handler;
            return ring.read(this, limit);
        }

        @Override
        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer,
                              final int index, final int length) {
            current.onFrame(buffer, index, length);
        }
    }
}
