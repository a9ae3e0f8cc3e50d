package io.ackbench.load;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A system the load generator drives: ackbench's own producer and brokers ({@link AckbenchTarget}), or Apache
 * Kafka's (the {@code kafka} module). Each interprets the workload's producer and broker settings, which carry
 * Kafka's names, in its own way.
 */
public interface LoadTarget {
    /** The name {@code --target} selects it by. */
    String name();

    /**
     * Checks the workload's producer and broker settings before anything starts.
     *
     * @throws io.ackbench.config.ConfigException naming the setting whose key or value this target refuses
     */
    void check(Workload workload);

    /**
     * Starts the workload's cluster (or connects to a running one) with its topic ready for records.
     *
     * @param dataDir where started brokers keep their data; the caller deletes it after {@link LoadCluster#close()}
     */
    LoadCluster start(Workload workload, Path dataDir) throws IOException, InterruptedException;
}
