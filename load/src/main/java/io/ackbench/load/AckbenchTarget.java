package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.config.ConfigException;
import io.ackbench.log.LogConfig;
import io.ackbench.producer.ProducerConfig;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** ackbench's own producer and brokers, the cluster started (or reached) by a {@link ClusterLauncher}. */
public final class AckbenchTarget implements LoadTarget {
    public static final String NAME = "ackbench";
    /** What one broker's duty-cycle thread does: everything a broker does for a request ({@code Broker.doWork}). */
    static final String DUTY_CYCLE = "network I/O, requests, replication fetches and log appends";

    private final ClusterLauncher launcher;

    public AckbenchTarget(final ClusterLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Both configs name the key at fault; checking them here fails before any cluster starts. */
    @Override
    public void check(final Workload workload) {
        ProducerConfig.of(workload.producerSettings());
        BrokerConfig.of(workload.brokerSettings());
        if (!workload.brokerJvmOptions().isEmpty() && launcher != ClusterLauncher.TCP_PROCESSES) {
            throw new ConfigException(Workload.BROKER_JVM_OPTIONS, String.join(" ", workload.brokerJvmOptions()),
                inThisJvm() ? "--transport inproc and tcp run the brokers in the load generator's JVM; give "
                    + "--transport tcp-processes for broker JVMs of their own"
                    : "the brokers are running already, with the options they were started with");
        }
    }

    @Override
    public LoadCluster start(final Workload workload, final Path dataDir) {
        final BrokerCluster brokers = launcher.start(workload, dataDir);
        // Running brokers keep their controller's state wherever they were started, out of this run's reach.
        return new AckbenchCluster(brokers, brokers instanceof ExistingBrokers ? null : dataDir);
    }

    /**
     * Broker processes ({@code tcp-processes}): one JVM per broker and one for the controller, each broker on one
     * thread. Brokers in this JVM ({@code inproc}, {@code tcp}): on one thread for all or one each, as
     * {@value BrokerConfig#THREADS} says. Running brokers: unknown.
     */
    @Override
    public List<ResourceLine> resources(final Workload workload) {
        if (launcher != ClusterLauncher.TCP_PROCESSES && !inThisJvm()) {
            return ResourceLine.all(ResourceLine.RUNNING_CLUSTER);
        }
        final BrokerConfig config = BrokerConfig.of(workload.brokerSettings());
        final int brokers = config.brokers();
        final Map<TargetResource, String> lines = new EnumMap<>(TargetResource.class);
        if (launcher == ClusterLauncher.TCP_PROCESSES) {
            lines.put(TargetResource.BROKER_JVMS, Integer.toString(brokers));
            lines.put(TargetResource.CONTROLLER, ResourceText.controllerJvm(brokers));
            lines.put(TargetResource.BROKER_HEAP_AND_GC, BrokerJvmOptions.describe(
                workload.brokerJvmOptions().isEmpty() ? BrokerProcesses.DEFAULT_BROKER_HEAP
                    : workload.brokerJvmOptions()));
            lines.put(TargetResource.REQUEST_THREADS, "1 duty-cycle thread: " + DUTY_CYCLE);
        } else {
            lines.put(TargetResource.BROKER_JVMS, "none: the " + brokers + " brokers run in the load generator's JVM");
            lines.put(TargetResource.CONTROLLER, "a thread in the load generator's JVM");
            lines.put(TargetResource.BROKER_HEAP_AND_GC, "the load generator's JVM's");
            lines.put(TargetResource.REQUEST_THREADS, config.threadPerBroker() || brokers == 1
                ? "1 duty-cycle thread: " + DUTY_CYCLE
                : "1 duty-cycle thread shared by all " + brokers + " brokers: " + DUTY_CYCLE);
        }
        final LogConfig log = config.log();
        lines.put(TargetResource.FLUSH_POLICY, ResourceText.flushPolicy(LogConfig.FLUSH_MESSAGES,
            log.flushMessages(), LogConfig.FLUSH_MS, log.flushMs()));
        lines.put(TargetResource.SOCKET_BUFFERS, launcher == ClusterLauncher.IN_PROCESS
            ? "none: in-process rings"
            : ResourceText.socketBuffers(config.tcp().socketSendBufferBytes(),
                config.tcp().socketReceiveBufferBytes()));
        return ResourceLine.of(lines);
    }

    private boolean inThisJvm() {
        return launcher == ClusterLauncher.IN_PROCESS || launcher == ClusterLauncher.TCP;
    }
}
