package io.ackbench.transport;

/**
 * Which node ids a cluster of {@code brokers} brokers gives to whom: brokers 0 to {@code brokers - 1}, the controller
 * next, clients after it. Every network (in-process rings, TCP in one JVM, TCP between processes) numbers the same
 * way, so a client id can never be mistaken for the controller's on a broker's connections.
 */
public final class NodeIds {
    private NodeIds() {
    }

    public static int controller(final int brokers) {
        return brokers;
    }

    public static int firstClient(final int brokers) {
        return brokers + 1;
    }
}
