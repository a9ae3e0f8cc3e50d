package io.ackbench.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where each listening node accepts TCP connections, by node id. Shared by every endpoint of a cluster: a harness
 * fills it as brokers bind, and endpoints read it when they open a connection (rarely, never per frame).
 */
public final class AddressBook {
    /** Addresses by node id; volatile stores and loads, so an address put before a connect is the one dialled. */
    private final AtomicReferenceArray<InetSocketAddress> addresses =
        new AtomicReferenceArray<>(FrameHeader.MAX_NODES);

    public void put(final int nodeId, final InetSocketAddress address) {
        checkNodeId(nodeId);
        if (address == null) {
            throw new IllegalArgumentException("Null address for node " + nodeId);
        }
        addresses.set(nodeId, address);
    }

    /** The node's address, or null if it does not listen (a client). */
    public InetSocketAddress address(final int nodeId) {
        checkNodeId(nodeId);
        return addresses.get(nodeId);
    }

    private static void checkNodeId(final int nodeId) {
        if (nodeId < 0 || nodeId >= FrameHeader.MAX_NODES) {
            throw new IllegalArgumentException("Invalid node id " + nodeId + ": must be in [0, "
                + FrameHeader.MAX_NODES + ")");
        }
    }
}
