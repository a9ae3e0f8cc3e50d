package io.ackbench.load.machine;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run's cluster is made of on this host: the data directory its brokers write (null when they are not this
 * run's, so their file system is unknown here) and the JVMs it started (none for brokers in this JVM or elsewhere).
 */
public record ClusterProcesses(Path dataDir, List<ClusterJvm> jvms) {
    /** A cluster this run knows nothing of. */
    public static final ClusterProcesses UNKNOWN = new ClusterProcesses(null, List.of());

    public ClusterProcesses {
        jvms = List.copyOf(jvms);
    }
}
