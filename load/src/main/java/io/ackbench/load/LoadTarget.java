package io.ackbench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * What the workload's brokers would run with on this target, one line per {@link TargetResource} in its order,
     * worked out without starting anything: broker JVMs, where the controller runs, a broker JVM's heap and GC
     * options, its request threads, its flush policy and its socket buffers, from the target's defaults and the
     * workload's settings. A target that does not know says so on each line.
     */
    default List<ResourceLine> resources(final Workload workload) {
        return ResourceLine.all("not stated by --target " + name());
    }
}
