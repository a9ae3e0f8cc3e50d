package io.ackbench.load;

/**
 * What a target's brokers run with, one line each in a report, the same keys for every target so that two systems
 * can be tabled side by side ({@link LoadTarget#resources}).
 */
public enum TargetResource {
    /** How many JVMs run brokers. */
    BROKER_JVMS("broker JVMs"),
    /** Where the controller runs: a JVM of its own beside the brokers, or in each broker. */
    CONTROLLER("controller"),
    /** The heap and GC options of one broker JVM, as given to it. */
    BROKER_HEAP_AND_GC("broker heap and GC"),
    /** The threads of one broker that do request work: network I/O, request handling, replication fetches. */
    REQUEST_THREADS("request threads per broker"),
    /** When a broker forces its log to disk. */
    FLUSH_POLICY("flush policy"),
    /** The SO_SNDBUF and SO_RCVBUF a broker asks for on its sockets. */
    SOCKET_BUFFERS("socket buffers");

    private final String key;

    TargetResource(final String key) {
        this.key = key;
    }

    /** The line's key in a report. */
    public String key() {
        return key;
    }
}
