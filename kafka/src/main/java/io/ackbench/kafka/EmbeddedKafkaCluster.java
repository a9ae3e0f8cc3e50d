package io.ackbench.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * An Apache Kafka 4.3.1 cluster the harness starts and stops itself: N brokers in KRaft combined mode (each broker
 * is also a controller voter), each in a JVM of its own on the jars of {@link KafkaBrokerLibrary}, listening on free
 * loopback ports, with a fresh data directory that is deleted on {@link #close()}.
 *
 * <p>{@link #start} returns once every broker is registered and the topic exists with every partition's leader and
 * full ISR. Broker {@code N}'s standard output and error go to {@code dataDir/broker-N.log}. The brokers end with
 * this JVM however it ends: {@code close()}, a shutdown hook on Ctrl-C, and (since each broker halts when its
 * standard input closes) even {@code kill -9}.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {
    public static final int MAX_BROKERS = 9;
    /** Each broker's listeners: one for clients and replication, one for the controller quorum. */
    static final int PORTS_PER_BROKER = 2;
    /** A killed JVM is gone within milliseconds; this bounds the wait before its files are deleted anyway. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final int brokers;
    private final KafkaTopicSpec topic;
    private final Path dataDir;
    private final List<BrokerPorts> ports;
    private final String bootstrapServers;
    /** Written by the starting thread, read by the shutdown hook: safely published by the list itself. */
    private final List<KafkaProcess> processes = new CopyOnWriteArrayList<>();
    /** Whether close ran, claimed by CAS: close and the shutdown hook may race, and one of them stops the brokers. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread cleanupOnExit = new Thread(this::cleanUpAtExit, "ackbench-kafka-cluster-cleanup");

    private EmbeddedKafkaCluster(final int brokers, final KafkaTopicSpec topic, final Path dataDir,
                                 final List<BrokerPorts> ports) {
        this.brokers = brokers;
        this.topic = topic;
        this.dataDir = dataDir;
        this.ports = ports;
        this.bootstrapServers = ports.stream().map(p -> LoopbackPorts.HOST + ":" + p.client())
            .collect(Collectors.joining(","));
    }

    /**
     * Starts the brokers, creates the topic and waits until it is fully replicated.
     *
     * @param brokers how many brokers, 1..{@value #MAX_BROKERS}
     * @param brokerSettings extra {@code server.properties} settings by Kafka's names, after (so over) the harness's
     * @param topic the topic to create (its replication factor may not exceed {@code brokers}; Kafka says why)
     * @param dataDir where logs and data go; must be new, empty, or left over by an earlier embedded cluster, and is
     *     deleted on close
     * @param readyTimeout for all of it: formatting storage, starting brokers, creating the topic
     * @throws IllegalStateException when Kafka's jars are not built, a broker exits or is not ready in time (with the
     *     tail of its log), or Kafka refuses the topic (with Kafka's reason); everything started is cleaned up first
     * @throws IOException when a port is in use (naming it) or the data directory cannot be made
     */
    public static EmbeddedKafkaCluster start(final int brokers, final Map<String, String> brokerSettings,
                                             final KafkaTopicSpec topic, final Path dataDir,
                                             final Duration readyTimeout) throws IOException, InterruptedException {
        return start(brokers, brokerSettings, topic, dataDir, readyTimeout, null, List.of());
    }

    /**
     * @param brokerLib the broker's jars, or null to {@link KafkaBrokerLibrary#locate() locate} them
     * @param fixedPorts empty to choose free ports, else {@value #PORTS_PER_BROKER} per broker in node order, the
     *     client listener's first
     */
    static EmbeddedKafkaCluster start(final int brokers, final Map<String, String> brokerSettings,
                                      final KafkaTopicSpec topic, final Path dataDir, final Duration readyTimeout,
                                      final Path brokerLib, final List<Integer> fixedPorts)
        throws IOException, InterruptedException {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("brokers is " + brokers + "; it must be 1.." + MAX_BROKERS);
        }
        if (topic == null || dataDir == null || brokerSettings == null) {
            throw new IllegalArgumentException("topic, dataDir and brokerSettings are required (brokerSettings may be "
                + "empty); got topic " + topic + ", dataDir " + dataDir + ", brokerSettings " + brokerSettings);
        }
        KraftServerProperties.validate(brokerSettings);
        final Deadline deadline = Deadline.after(readyTimeout, "readyTimeout");
        final Path lib = brokerLib == null ? KafkaBrokerLibrary.locate()
            : KafkaBrokerLibrary.verify(brokerLib.toAbsolutePath(), "given");
        final List<BrokerPorts> ports = ports(brokers, fixedPorts);

        ClusterDirectory.prepare(dataDir);
        final EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(brokers, topic, dataDir.toAbsolutePath(), ports);
        Runtime.getRuntime().addShutdownHook(cluster.cleanupOnExit);
        try {
            cluster.boot(lib, brokerSettings, deadline);
            return cluster;
        } catch (final IOException | InterruptedException | RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (final RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static List<BrokerPorts> ports(final int brokers, final List<Integer> fixed) throws IOException {
        final List<Integer> numbers;
        if (fixed.isEmpty()) {
            numbers = LoopbackPorts.free(brokers * PORTS_PER_BROKER);
        } else if (fixed.size() != brokers * PORTS_PER_BROKER) {
            throw new IllegalArgumentException(fixed.size() + " fixed ports " + fixed + " for " + brokers
                + " brokers; there must be " + PORTS_PER_BROKER + " per broker");
        } else {
            numbers = fixed;
        }
        final List<BrokerPorts> ports = new ArrayList<>(brokers);
        for (int node = 0; node < brokers; node++) {
            ports.add(new BrokerPorts(numbers.get(node * PORTS_PER_BROKER), numbers.get(node * PORTS_PER_BROKER + 1)));
        }
        requireFree(ports);
        return ports;
    }

    /** @throws IOException naming the port, the broker and the listener of the first port something listens on */
    private static void requireFree(final List<BrokerPorts> ports) throws IOException {
        for (int node = 0; node < ports.size(); node++) {
            LoopbackPorts.requireFree(ports.get(node).client(), "broker " + node + "'s "
                + KraftServerProperties.CLIENT_LISTENER + " listener");
            LoopbackPorts.requireFree(ports.get(node).controller(), "broker " + node + "'s "
                + KraftServerProperties.CONTROLLER_LISTENER + " listener");
        }
    }

    private void boot(final Path lib, final Map<String, String> settings, final Deadline deadline)
        throws IOException, InterruptedException {
        final List<Path> configs = new ArrayList<>(brokers);
        for (int node = 0; node < brokers; node++) {
            final Path config = dataDir.resolve("broker-" + node + ".properties");
            Files.writeString(config, KraftServerProperties.of(node, ports, dataDir.resolve("broker-" + node),
                settings), StandardCharsets.UTF_8);
            configs.add(config);
        }
        formatStorage(lib, configs, deadline);
        // Formatting took seconds in which another process may have bound a port; say so here, naming it, rather
        // than as a broker that fails to start.
        requireFree(ports);
        for (int node = 0; node < brokers; node++) {
            processes.add(KafkaProcess.start("broker " + node, KafkaJvm.broker(lib, configs.get(node),
                dataDir.resolve("broker-" + node + "-gc.log")), dataDir, brokerLog(node)));
        }
        final Admin admin = KafkaTopics.connect(bootstrapServers);
        try {
            awaitBrokers(admin, deadline);
            KafkaTopics.create(admin, topic, deadline, bootstrapServers);
            KafkaTopics.awaitReplicated(admin, topic.name(), topic.partitions(), deadline, this::requireBrokersAlive);
        } finally {
            KafkaTopics.close(admin);
        }
    }

    /** Kafka's storage tool for every broker at once (one cluster id for all), each JVM's output in its broker's log. */
    private void formatStorage(final Path lib, final List<Path> configs, final Deadline deadline)
        throws IOException, InterruptedException {
        final String clusterId = Uuid.randomUuid().toString();
        final List<KafkaProcess> formats = new ArrayList<>(brokers);
        for (int node = 0; node < brokers; node++) {
            final KafkaProcess format = KafkaProcess.start("Kafka's storage tool for broker " + node,
                KafkaJvm.formatStorage(lib, configs.get(node), clusterId), dataDir, brokerLog(node));
            processes.add(format);
            formats.add(format);
        }
        for (final KafkaProcess format : formats) {
            if (!format.awaitExit(Duration.ofMillis(deadline.remainingMillis()))) {
                throw new IllegalStateException(format.name() + " did not finish within " + deadline.budget()
                    + "; " + format.logTail());
            }
            if (format.exitCode() != 0) {
                throw new IllegalStateException(format.name() + " failed with exit code " + format.exitCode()
                    + " (is a broker setting invalid?); " + format.logTail());
            }
        }
        processes.removeAll(formats);
    }

    private void awaitBrokers(final Admin admin, final Deadline deadline) throws InterruptedException {
        final Set<Integer> registered = KafkaTopics.awaitBrokers(admin, brokers, deadline, this::requireBrokersAlive);
        if (registered.size() < brokers) {
            final StringBuilder message = new StringBuilder("Kafka brokers not ready within " + deadline.budget()
                + " (registered: " + registered.size() + " of " + brokers + ", ids " + registered + "); raise "
                + "readyTimeout if a log below shows the broker still starting");
            for (int node = 0; node < brokers; node++) {
                if (!registered.contains(node)) {
                    message.append("\nbroker ").append(node).append(", ").append(processes.get(node).logTail());
                }
            }
            throw new IllegalStateException(message.toString());
        }
    }

    /** @throws IllegalStateException with its exit code and log tail when a broker has exited */
    private void requireBrokersAlive() {
        for (final KafkaProcess process : processes) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka " + process.name() + " exited with code " + process.exitCode()
                    + " while the cluster was starting; " + process.logTail());
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The topic, created as asked. */
    public KafkaTopicSpec topic() {
        return topic;
    }

    public int brokers() {
        return brokers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Broker {@code nodeId}'s log file: its standard output and error (until close deletes it). */
    public Path brokerLog(final int nodeId) {
        return dataDir.resolve("broker-" + nodeId + ".log");
    }

    /** The processes running now (for tests). */
    List<ProcessHandle> processes() {
        return processes.stream().map(KafkaProcess::handle).collect(Collectors.toList());
    }

    /**
     * Kills every broker (SIGKILL: there is nothing to save) and deletes the data directory. Idempotent.
     *
     * @throws UncheckedIOException naming the directory when it cannot be deleted
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (final IllegalStateException e) {
            // This JVM is already shutting down; the hook has nothing left to do once this returns.
        }
        destroy();
    }

    private void cleanUpAtExit() {
        if (closed.compareAndSet(false, true)) {
            try {
                destroy();
            } catch (final UncheckedIOException e) {
                System.err.println("EmbeddedKafkaCluster: " + e.getMessage());
            }
        }
    }

    private void destroy() {
        for (final KafkaProcess process : processes) {
            process.kill();
        }
        boolean interrupted = false;
        for (final KafkaProcess process : processes) {
            try {
                process.awaitExit(STOP_TIMEOUT);
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            ClusterDirectory.delete(dataDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not delete the Kafka data directory " + dataDir, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
