package io.ackbench.kafka;

import io.ackbench.broker.ProcessSignals;
import io.ackbench.transport.LoopbackPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

/**
 * An Apache Kafka 4.3.1 cluster the harness starts and stops itself: N brokers, each in a JVM of its own on the jars
 * of {@link KafkaBrokerLibrary}, listening on free loopback ports, with a fresh data directory that is deleted on
 * {@link #close()}. Its KRaft controller runs as {@link ControllerPlacement} says: in every broker (combined mode,
 * each broker also a voter), or in one more JVM beside them (node id N, the only voter), as ackbench's controller
 * process runs beside its brokers.
 *
 * <p>{@link #start} returns once every broker is registered and the topic exists with every partition's leader and
 * full ISR. Broker {@code N}'s standard output and error go to {@code dataDir/broker-N.log}, a dedicated
 * controller's to {@code dataDir/controller.log}. The JVMs end with this JVM however it ends: {@code close()}, a
 * shutdown hook on Ctrl-C, and (since each halts when its standard input closes) even {@code kill -9}.
 *
 * <p>Faults, one broker at a time, from one controlling thread: {@link #kill} (SIGKILL), {@link #restart} (the same
 * node id, ports, configuration and data), {@link #pause} and {@link #resume} (SIGSTOP and SIGCONT), by broker index
 * 0..N-1; a dedicated controller is never a fault's target. A broker's ports are held for it while it is down. Close
 * and the shutdown hook SIGKILL every current process, paused or not, the controller's too.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {
    public static final int MAX_BROKERS = 9;
    /** Each broker's listeners in combined mode: one for clients and replication, one for the controller quorum. */
    static final int PORTS_PER_BROKER = 2;
    /** The name of a dedicated controller's files and JVM in reports. */
    public static final String CONTROLLER = "controller";
    /** A killed JVM is gone within milliseconds; this bounds the wait before its files are deleted anyway. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** What Kafka 4.3.1 logs once a KRaft broker is unfenced and serves ({@code KafkaBroker.STARTED_MESSAGE}). */
    static final String STARTED_MESSAGE = "Kafka Server started";
    private static final long RESTART_POLL_MILLIS = 100;
    private static final int PAUSED = 1;
    private static final int RUNNING = 0;

    private final int brokers;
    private final ControllerPlacement placement;
    /** Each broker JVM's heap and GC options; empty for Kafka's script's. */
    private final List<String> brokerJvmOptions;
    /** A dedicated controller's listener, or {@link BrokerPorts#NONE}. */
    private final int controllerPort;
    private final KafkaTopicSpec topic;
    private final Path dataDir;
    private final List<BrokerPorts> ports;
    /** Broker N's JMX agent port, index N; kept across restarts like its listeners. */
    private final List<Integer> jmxPorts;
    private final String bootstrapServers;
    /**
     * Written by the starting thread and by {@link #restart} (which replaces broker N's entry, index N, once started),
     * read by the shutdown hook: each write to the copy-on-write list is a volatile store, so the hook kills the
     * process that runs now.
     */
    private final List<KafkaProcess> processes = new CopyOnWriteArrayList<>();
    /**
     * A dedicated controller's process, or null: written by the starting thread, read by the shutdown hook; volatile,
     * so the hook kills it if it has started.
     */
    private volatile KafkaProcess controller;
    /** {@value #PAUSED} while broker N is SIGSTOPped; each element volatile. */
    private final AtomicIntegerArray paused;
    /**
     * A killed broker's ports (listeners and JMX; null for none), held until its restart
     * ({@link LoopbackPorts#reserve}). Controlling thread only.
     */
    private final Socket[][] reservedPorts;
    /**
     * The broker jars and each node's properties file, for a restart: written by {@link #boot} before
     * {@link #start} returns, read by whoever {@code start}'s caller hands the cluster to (its own synchronization,
     * or the same thread, publishes them).
     */
    private Path lib;
    private final List<Path> configs = new ArrayList<>();
    private Path controllerConfig;
    /** Whether close ran, claimed by CAS: close and the shutdown hook may race, and one of them stops the brokers. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread cleanupOnExit = new Thread(this::cleanUpAtExit, "ackbench-kafka-cluster-cleanup");

    private EmbeddedKafkaCluster(final int brokers, final ControllerPlacement placement,
                                 final List<String> brokerJvmOptions, final KafkaTopicSpec topic, final Path dataDir,
                                 final List<BrokerPorts> ports, final int controllerPort,
                                 final List<Integer> jmxPorts) {
        this.brokers = brokers;
        this.placement = placement;
        this.brokerJvmOptions = List.copyOf(brokerJvmOptions);
        this.controllerPort = controllerPort;
        this.jmxPorts = List.copyOf(jmxPorts);
        this.topic = topic;
        this.dataDir = dataDir;
        this.ports = ports;
        this.paused = new AtomicIntegerArray(brokers);
        this.reservedPorts = new Socket[brokers][];
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
        return start(brokers, brokerSettings, topic, dataDir, readyTimeout, ControllerPlacement.COMBINED, List.of());
    }

    /**
     * As {@link #start(int, Map, KafkaTopicSpec, Path, Duration)}, with the controller where {@code placement} says
     * and each broker JVM's heap and GC options.
     *
     * @param brokerSettings every node's, a dedicated controller's too
     * @param brokerJvmOptions each broker JVM's heap and GC options in place of Kafka's script's ({@link KafkaJvm}),
     *     each starting with {@code -}; empty for the script's. A dedicated controller keeps its own.
     */
    public static EmbeddedKafkaCluster start(final int brokers, final Map<String, String> brokerSettings,
                                             final KafkaTopicSpec topic, final Path dataDir,
                                             final Duration readyTimeout, final ControllerPlacement placement,
                                             final List<String> brokerJvmOptions)
        throws IOException, InterruptedException {
        return start(brokers, brokerSettings, topic, dataDir, readyTimeout, null, List.of(), placement,
            brokerJvmOptions);
    }

    /** Combined mode, Kafka's script's heap and GC. */
    static EmbeddedKafkaCluster start(final int brokers, final Map<String, String> brokerSettings,
                                      final KafkaTopicSpec topic, final Path dataDir, final Duration readyTimeout,
                                      final Path brokerLib, final List<Integer> fixedPorts)
        throws IOException, InterruptedException {
        return start(brokers, brokerSettings, topic, dataDir, readyTimeout, brokerLib, fixedPorts,
            ControllerPlacement.COMBINED, List.of());
    }

    /**
     * @param brokerLib the broker's jars, or null to {@link KafkaBrokerLibrary#locate() locate} them
     * @param fixedPorts empty to choose free ports, else in combined mode {@value #PORTS_PER_BROKER} per broker in
     *     node order, the client listener's first, and with a dedicated controller one per broker, then the
     *     controller's
     */
    static EmbeddedKafkaCluster start(final int brokers, final Map<String, String> brokerSettings,
                                      final KafkaTopicSpec topic, final Path dataDir, final Duration readyTimeout,
                                      final Path brokerLib, final List<Integer> fixedPorts,
                                      final ControllerPlacement placement, final List<String> brokerJvmOptions)
        throws IOException, InterruptedException {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("brokers is " + brokers + "; it must be 1.." + MAX_BROKERS);
        }
        if (topic == null || dataDir == null || brokerSettings == null || placement == null
            || brokerJvmOptions == null) {
            throw new IllegalArgumentException("topic, dataDir, brokerSettings, placement and brokerJvmOptions are "
                + "required (brokerSettings and brokerJvmOptions may be empty); got topic " + topic + ", dataDir "
                + dataDir + ", brokerSettings " + brokerSettings + ", placement " + placement
                + ", brokerJvmOptions " + brokerJvmOptions);
        }
        for (final String option : brokerJvmOptions) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("Broker JVM option '" + option + "' does not start with '-'");
            }
        }
        KraftServerProperties.validate(brokerSettings);
        final Deadline deadline = Deadline.after(readyTimeout, "readyTimeout");
        final Path lib = brokerLib == null ? KafkaBrokerLibrary.locate()
            : KafkaBrokerLibrary.verify(brokerLib.toAbsolutePath(), "given");
        final boolean dedicated = placement == ControllerPlacement.DEDICATED;
        final List<Integer> listenerPorts = listenerPorts(brokers, dedicated, fixedPorts);
        final List<BrokerPorts> ports = brokerPorts(brokers, dedicated, listenerPorts);
        final int controllerPort = dedicated ? listenerPorts.get(brokers) : BrokerPorts.NONE;
        requireFree(ports, controllerPort);
        final List<Integer> jmxPorts = LoopbackPorts.quiet(brokers, Set.copyOf(listenerPorts));

        ClusterDirectory.prepare(dataDir);
        final EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(brokers, placement, brokerJvmOptions, topic,
            dataDir.toAbsolutePath(), ports, controllerPort, jmxPorts);
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

    /**
     * Every listener's port: in combined mode {@value #PORTS_PER_BROKER} per broker, with a dedicated controller one
     * per broker and the controller's last. The JMX ports are picked after, told to avoid these (which were released
     * when picked), below the kernel's ephemeral range as every port here is.
     */
    private static List<Integer> listenerPorts(final int brokers, final boolean dedicated, final List<Integer> fixed)
        throws IOException {
        final int count = dedicated ? brokers + 1 : brokers * PORTS_PER_BROKER;
        if (fixed.isEmpty()) {
            return LoopbackPorts.quiet(count, Set.of());
        }
        if (fixed.size() != count) {
            throw new IllegalArgumentException(fixed.size() + " fixed ports " + fixed + " for " + brokers
                + " brokers; there must be " + (dedicated ? "one per broker and the controller's"
                : PORTS_PER_BROKER + " per broker"));
        }
        return List.copyOf(fixed);
    }

    private static List<BrokerPorts> brokerPorts(final int brokers, final boolean dedicated,
                                                 final List<Integer> numbers) {
        final List<BrokerPorts> ports = new ArrayList<>(brokers);
        for (int node = 0; node < brokers; node++) {
            ports.add(dedicated ? new BrokerPorts(numbers.get(node), BrokerPorts.NONE)
                : new BrokerPorts(numbers.get(node * PORTS_PER_BROKER), numbers.get(node * PORTS_PER_BROKER + 1)));
        }
        return List.copyOf(ports);
    }

    /** @throws IOException naming the port, the node and the listener of the first port something listens on */
    private static void requireFree(final List<BrokerPorts> ports, final int controllerPort) throws IOException {
        for (int node = 0; node < ports.size(); node++) {
            LoopbackPorts.requireFree(ports.get(node).client(), "broker " + node + "'s "
                + KraftServerProperties.CLIENT_LISTENER + " listener");
            if (ports.get(node).hasController()) {
                LoopbackPorts.requireFree(ports.get(node).controller(), "broker " + node + "'s "
                    + KraftServerProperties.CONTROLLER_LISTENER + " listener");
            }
        }
        if (controllerPort != BrokerPorts.NONE) {
            LoopbackPorts.requireFree(controllerPort, "the controller's "
                + KraftServerProperties.CONTROLLER_LISTENER + " listener");
        }
    }

    private void boot(final Path lib, final Map<String, String> settings, final Deadline deadline)
        throws IOException, InterruptedException {
        this.lib = lib;
        final boolean dedicated = placement == ControllerPlacement.DEDICATED;
        for (int node = 0; node < brokers; node++) {
            final Path config = dataDir.resolve("broker-" + node + ".properties");
            final Path logDir = dataDir.resolve("broker-" + node);
            Files.writeString(config, dedicated
                ? KraftServerProperties.broker(node, brokers, ports.get(node).client(), controllerPort, logDir,
                    settings)
                : KraftServerProperties.combined(node, ports, logDir, settings), StandardCharsets.UTF_8);
            configs.add(config);
        }
        if (dedicated) {
            controllerConfig = dataDir.resolve(CONTROLLER + ".properties");
            Files.writeString(controllerConfig, KraftServerProperties.controller(brokers, controllerPort,
                dataDir.resolve(CONTROLLER), settings), StandardCharsets.UTF_8);
        }
        formatStorage(lib, deadline);
        // Formatting took seconds in which another process may have bound a port; say so here, naming it, rather
        // than as a broker that fails to start.
        requireFree(ports, controllerPort);
        if (dedicated) {
            controller = KafkaProcess.start(CONTROLLER, controllerCommand(), dataDir, controllerLog());
        }
        for (int node = 0; node < brokers; node++) {
            processes.add(launch(node));
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

    private KafkaProcess launch(final int node) throws IOException {
        return KafkaProcess.start("broker " + node, brokerCommand(node), dataDir, brokerLog(node));
    }

    /** Broker {@code nodeId}'s java command line, the same for each launch of it. */
    public List<String> brokerCommand(final int nodeId) {
        return KafkaJvm.broker(lib, configs.get(nodeId), gcLog(nodeId), jmxPorts.get(nodeId), brokerJvmOptions);
    }

    /**
     * A dedicated controller's java command line: Kafka's script's performance flags on a heap of its own
     * ({@link KafkaJvm#CONTROLLER_HEAP}), whatever the brokers' options.
     *
     * @throws IllegalStateException in combined mode, where the brokers are the controllers
     */
    public List<String> controllerCommand() {
        requireDedicated();
        return KafkaJvm.controller(lib, controllerConfig, controllerGcLog());
    }

    /** A dedicated controller's GC and safepoint log, beside the brokers' (until close deletes it). */
    public Path controllerGcLog() {
        requireDedicated();
        return dataDir.resolve(CONTROLLER + "-gc.log");
    }

    /** A dedicated controller's standard output and error (until close deletes it). */
    public Path controllerLog() {
        requireDedicated();
        return dataDir.resolve(CONTROLLER + ".log");
    }

    public ControllerPlacement placement() {
        return placement;
    }

    private void requireDedicated() {
        if (placement != ControllerPlacement.DEDICATED) {
            throw new IllegalStateException("This cluster's controllers are its brokers (" + placement.flagValue()
                + "); it has no controller JVM of its own");
        }
    }

    /**
     * Broker {@code nodeId}'s GC and safepoint log (until close deletes it); HotSpot rotates it to {@code .0} on, and
     * a restarted broker's JVM archives its predecessor's there too.
     */
    public Path gcLog(final int nodeId) {
        return dataDir.resolve("broker-" + nodeId + "-gc.log");
    }

    /**
     * Kafka's storage tool for every node at once (one cluster id for all), each JVM's output in its node's log. They
     * sit in {@link #processes} while they run, so that close and the hook stop them too.
     */
    private void formatStorage(final Path lib, final Deadline deadline) throws IOException, InterruptedException {
        final String clusterId = Uuid.randomUuid().toString();
        final List<KafkaProcess> formats = new ArrayList<>(brokers + 1);
        for (int node = 0; node < brokers; node++) {
            final KafkaProcess format = KafkaProcess.start("Kafka's storage tool for broker " + node,
                KafkaJvm.formatStorage(lib, configs.get(node), clusterId), dataDir, brokerLog(node));
            processes.add(format);
            formats.add(format);
        }
        if (controllerConfig != null) {
            final KafkaProcess format = KafkaProcess.start("Kafka's storage tool for the controller",
                KafkaJvm.formatStorage(lib, controllerConfig, clusterId), dataDir, controllerLog());
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

    /** @throws IllegalStateException with its exit code and log tail when a broker or the controller has exited */
    private void requireBrokersAlive() {
        for (final KafkaProcess process : allProcesses()) {
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

    /**
     * Broker {@code nodeId}'s JMX agent port on {@value LoopbackPorts#HOST} (no authentication, no TLS): for its
     * request metrics, or for jconsole while it runs.
     */
    public int jmxPort(final int nodeId) {
        if (nodeId < 0 || nodeId >= brokers) {
            throw new IllegalArgumentException("No Kafka broker " + nodeId + " among " + brokers);
        }
        return jmxPorts.get(nodeId);
    }

    /** Broker {@code nodeId}'s log file: its standard output and error (until close deletes it). */
    public Path brokerLog(final int nodeId) {
        return dataDir.resolve("broker-" + nodeId + ".log");
    }

    /** The processes running now, the brokers' in node order, then a dedicated controller's (for tests). */
    List<ProcessHandle> processes() {
        return allProcesses().stream().map(KafkaProcess::handle).collect(Collectors.toList());
    }

    /** Every broker's current process, then a dedicated controller's if it has started. */
    private List<KafkaProcess> allProcesses() {
        final List<KafkaProcess> all = new ArrayList<>(processes);
        final KafkaProcess current = controller;
        if (current != null) {
            all.add(current);
        }
        return all;
    }

    /**
     * Fault: SIGKILL broker {@code nodeId} and wait until it is gone; what it wrote stays in the page cache, as after
     * a process crash. Its ports stay reserved for its {@link #restart}. Killing a dead broker does nothing more.
     *
     * @throws IllegalStateException when it has not exited within a few seconds
     */
    public void kill(final int nodeId) throws InterruptedException {
        final KafkaProcess process = process(nodeId);
        process.kill();
        if (!process.awaitExit(STOP_TIMEOUT)) {
            throw new IllegalStateException("Kafka broker " + nodeId + " (pid " + process.handle().pid()
                + ") did not exit within " + STOP_TIMEOUT.toSeconds() + " s of SIGKILL");
        }
        paused.set(nodeId, RUNNING);
        if (reservedPorts[nodeId] == null) {
            final BrokerPorts own = ports.get(nodeId);
            reservedPorts[nodeId] = new Socket[] {LoopbackPorts.reserve(own.client()),
                own.hasController() ? LoopbackPorts.reserve(own.controller()) : null,
                LoopbackPorts.reserve(jmxPorts.get(nodeId))};
        }
    }

    /**
     * Fault: starts broker {@code nodeId} again after {@link #kill}: the same node id, ports, properties and data
     * directory, not formatted again; its output is appended to the same log. Returns once Kafka logs that it serves
     * ({@value #STARTED_MESSAGE}: it is unfenced). Catching up into the ISR comes after; see {@link #awaitReplicated}.
     *
     * @throws IllegalStateException when it is still running, exits, or does not start within {@code timeout} (with
     *     the tail of its log)
     */
    public void restart(final int nodeId, final Duration timeout) throws IOException, InterruptedException {
        final Deadline deadline = Deadline.after(timeout, "timeout");
        if (process(nodeId).isAlive()) {
            throw new IllegalStateException("Kafka broker " + nodeId
                + " is still running; kill it before restarting it");
        }
        releaseReservedPorts(nodeId);
        final long logStart = Files.size(brokerLog(nodeId));
        final KafkaProcess process = launch(nodeId);
        processes.set(nodeId, process);
        while (!loggedSince(brokerLog(nodeId), logStart, STARTED_MESSAGE)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Restarted Kafka broker " + nodeId + " exited with code "
                    + process.exitCode() + "; " + process.logTail());
            }
            if (deadline.expired()) {
                process.kill();
                throw new IllegalStateException("Restarted Kafka broker " + nodeId + " did not start within "
                    + deadline.budget() + "; " + process.logTail());
            }
            Thread.sleep(RESTART_POLL_MILLIS);
        }
    }

    /**
     * Fault: SIGSTOP broker {@code nodeId} ({@code kill -STOP PID}; see {@link ProcessSignals}). It holds its
     * connections and answers nothing; paused longer than {@code broker.session.timeout.ms}, the controller fences it.
     */
    public void pause(final int nodeId) {
        signal(nodeId, ProcessSignals.STOP);
        paused.set(nodeId, PAUSED);
    }

    /** Fault's end: SIGCONT broker {@code nodeId}; it carries on where it stopped. */
    public void resume(final int nodeId) {
        signal(nodeId, ProcessSignals.CONT);
        paused.set(nodeId, RUNNING);
    }

    /** Whether broker {@code nodeId}'s current process runs (a paused one does). */
    public boolean isAlive(final int nodeId) {
        return process(nodeId).isAlive();
    }

    public boolean isPaused(final int nodeId) {
        return paused.get(nodeId) == PAUSED;
    }

    /** Broker {@code nodeId}'s current process id. */
    public long pid(final int nodeId) {
        return process(nodeId).handle().pid();
    }

    /**
     * Waits until every partition of the topic has a leader and every replica in its ISR, as {@link #start} does:
     * after a restart, that the broker caught up.
     *
     * @throws IllegalStateException listing the partitions that are not, when {@code timeout} passes
     */
    public void awaitReplicated(final Duration timeout) throws InterruptedException {
        final Deadline deadline = Deadline.after(timeout, "timeout");
        final Admin admin = KafkaTopics.connect(bootstrapServers);
        try {
            KafkaTopics.awaitReplicated(admin, topic.name(), topic.partitions(), deadline, () -> { });
        } finally {
            KafkaTopics.close(admin);
        }
    }

    private KafkaProcess process(final int nodeId) {
        if (nodeId < 0 || nodeId >= brokers) {
            throw new IllegalArgumentException("No Kafka broker " + nodeId + " among " + brokers);
        }
        return processes.get(nodeId);
    }

    private void signal(final int nodeId, final String signal) {
        final KafkaProcess process = process(nodeId);
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker " + nodeId + " is not running; cannot send SIG" + signal);
        }
        ProcessSignals.send(process.handle().pid(), signal, "Kafka broker " + nodeId);
    }

    private void releaseReservedPorts(final int nodeId) {
        final Socket[] held = reservedPorts[nodeId];
        reservedPorts[nodeId] = null;
        if (held == null) {
            return;
        }
        for (final Socket socket : held) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (final IOException e) {
                    // Never connected: nothing to lose.
                }
            }
        }
    }

    /** Whether {@code text} appears in {@code log} past byte {@code from} (a restart's own output). */
    private static boolean loggedSince(final Path log, final long from, final String text) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            final long size = channel.size();
            if (size <= from) {
                return false;
            }
            final ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
            channel.position(from);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // read what is there now
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).contains(text);
        }
    }

    /**
     * Kills every broker and a dedicated controller (SIGKILL: there is nothing to save) and deletes the data
     * directory. Idempotent.
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
        for (int node = 0; node < brokers; node++) {
            releaseReservedPorts(node); // the hook leaves them to the JVM's exit: they are the controlling thread's
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

    /** SIGKILL ends a stopped (paused) JVM too: no SIGCONT is needed first. */
    private void destroy() {
        final List<KafkaProcess> all = allProcesses();
        for (final KafkaProcess process : all) {
            process.kill();
        }
        boolean interrupted = false;
        for (final KafkaProcess process : all) {
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
