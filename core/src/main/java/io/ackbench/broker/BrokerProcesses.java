package io.ackbench.broker;

import io.ackbench.log.DurabilityLedger;
import io.ackbench.log.PowerLoss;
import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.LoopbackPorts;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TcpClients;
import io.ackbench.transport.TopicLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * N brokers, each a JVM process of its own ({@link BrokerMain}) on its own loopback port and log directory
 * ({@code dataDir/broker-ID}), and their controller in one more ({@link ControllerMain}, state in
 * {@code dataDir/controller}), started from this JVM's class path and Java, awaited until each says it serves,
 * and stopped by closing its standard input (a clean shutdown) or killed ({@link #closeAndDiscard()}, or a
 * shutdown hook if this JVM exits first). Their output is forwarded to this process's standard error, prefixed.
 *
 * <p>Faults, one broker at a time: {@link #kill} (SIGKILL), {@link #powerOff} (SIGKILL, then its logs lose what no
 * force made durable), {@link #powerLoss} (both, then restart), {@link #restart} (the same id, port, data directory
 * and settings), {@link #pause} and {@link #resume} (SIGSTOP and SIGCONT). They are called from one controlling thread;
 * only the shutdown hook reads the current processes from another.
 */
public final class BrokerProcesses implements BrokerCluster {
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** How often a restart that waits for its broker's ready line checks that the process has not died meanwhile. */
    private static final long READY_POLL_MILLIS = 100;
    private static final int PAUSED = 1;
    private static final int RUNNING = 0;
    /** What every process needs: Agrona's Unsafe access. */
    private static final String AGRONA_EXPORT = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /**
     * A broker process's heap unless {@link #start(Map, Path, List)} is given heap and GC options of its own; no GC
     * option, so the JVM's default collector.
     */
    public static final List<String> DEFAULT_BROKER_HEAP = List.of("-Xms256m", "-Xmx512m");
    /** The controller holds a few registrations: a small heap, and one compiler thread, to spare the brokers' cores. */
    private static final List<String> CONTROLLER_JVM_FLAGS = List.of(AGRONA_EXPORT, "-Xms32m", "-Xmx128m",
        "-XX:TieredStopAtLevel=1");
    /** {@link #launch}'s id for the controller process. */
    static final int CONTROLLER = -1;
    /**
     * Under the data directory: each process's GC and safepoint log, {@code NAME.log}, stamped with HotSpot's
     * {@code timenanos} (the clock of {@link System#nanoTime()} in every JVM on the host), so a reader can put its
     * pauses on a run's timeline. A restarted broker's JVM archives its predecessor's log as {@code NAME.log.0}.
     */
    public static final String JVM_LOG_DIR = "jvm-logs";
    private static final String JVM_LOG_OPTION = "-Xlog:gc,safepoint:file=%s:timenanos,tags";
    private static final String ASYNC_JVM_LOG = "-Xlog:async";

    private final TopicLayout layout;
    private final AddressBook addresses = new AddressBook();
    /**
     * Added to by the constructing thread after the shutdown hook is registered, and read by that hook on whichever
     * thread runs it: a copy-on-write list, so each add is a volatile store and the hook iterates a safe snapshot.
     */
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    /**
     * Broker {@code b}'s current process, replaced by {@link #restart}: each slot is volatile, so the shutdown hook
     * kills the process that runs now, not the one first started. {@link #processes} keeps every process ever
     * started (a killed one is dead already and costs the hook nothing).
     */
    private final AtomicReferenceArray<Process> current;
    /** {@value #PAUSED} while broker {@code b} is SIGSTOPped; volatile per element, read by close and the hook. */
    private final AtomicIntegerArray paused;
    /**
     * A killed broker's port, bound (not listening) by this JVM until its restart, so no outgoing connection is
     * given it as an ephemeral port meanwhile; connecting to it is refused, as to a dead broker. Controlling thread
     * only.
     */
    private final Socket[] reservedPorts;
    private final String listeners;
    /** The controller process's HOST:PORT, given to every broker process. */
    private final String controllerAddress;
    private final Map<String, String> settings;
    /** Each broker process's JVM flags before its log options: the Agrona export, then its heap and GC options. */
    private final List<String> brokerJvmFlags;
    private final Path dataDir;
    /** Client endpoints handed out, closed with the cluster. */
    private final TcpClients clients;
    private final Thread killOnExit = new Thread(this::kill, "ackbench-broker-processes-kill");

    private BrokerProcesses(final BrokerConfig config, final Map<String, String> settings, final Path dataDir,
                            final List<String> brokerJvmFlags) {
        this.brokerJvmFlags = brokerJvmFlags;
        this.layout = config.layout();
        this.clients = new TcpClients(addresses, config.tcp(), NodeIds.firstClient(config.brokers()));
        this.current = new AtomicReferenceArray<>(config.brokers());
        this.paused = new AtomicIntegerArray(config.brokers());
        this.reservedPorts = new Socket[config.brokers()];
        this.settings = Map.copyOf(settings);
        this.dataDir = dataDir;
        // One port per broker and one for the controller, from below the kernel's ephemeral range (LoopbackPorts).
        final List<Integer> ports = LoopbackPorts.quietOrFail(config.brokers() + 1);
        final StringBuilder listeners = new StringBuilder();
        for (int b = 0; b < config.brokers(); b++) {
            final InetSocketAddress address = new InetSocketAddress(LoopbackPorts.host(), ports.get(b));
            addresses.put(b, address);
            listeners.append(b == 0 ? "" : ",").append(b).append('=').append(address.getHostString())
                .append(':').append(address.getPort());
        }
        // Every broker is started with every broker's address, and a restarted one with the same string: its port
        // is the one it had, which clients and the other brokers still connect to.
        this.listeners = listeners.toString();
        this.controllerAddress = LoopbackPorts.HOST + ":" + ports.get(config.brokers());
        createDirectories(dataDir.resolve(JVM_LOG_DIR));
        Runtime.getRuntime().addShutdownHook(killOnExit);
        final CountDownLatch ready = new CountDownLatch(config.brokers() + 1);
        try {
            processes.add(launch(CONTROLLER, ready));
            for (int b = 0; b < config.brokers(); b++) {
                final Process process = launch(b, ready);
                processes.add(process);
                current.set(b, process);
            }
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The controller and broker processes did not all report ready within "
                    + READY_TIMEOUT_SECONDS + " s (see their output above)");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while starting broker processes", e);
        } catch (final RuntimeException e) {
            kill();
            throw e;
        }
    }

    /** Validates the settings here first (so errors name the key in this process), then starts the processes. */
    public static BrokerProcesses start(final Map<String, String> settings, final Path dataDir) {
        return start(settings, dataDir, List.of());
    }

    /**
     * As {@link #start(Map, Path)}, each broker JVM with {@code brokerJvmOptions} in place of
     * {@link #DEFAULT_BROKER_HEAP}; the controller's JVM keeps its own.
     *
     * @param brokerJvmOptions heap and GC options, each starting with {@code -}; empty for the default
     * @throws IllegalArgumentException naming an option that does not start with {@code -}
     */
    public static BrokerProcesses start(final Map<String, String> settings, final Path dataDir,
                                        final List<String> brokerJvmOptions) {
        final List<String> flags = brokerJvmFlags(brokerJvmOptions);
        return new BrokerProcesses(BrokerConfig.of(settings), settings, dataDir, flags);
    }

    /** The Agrona export, then {@code heapAndGc}, or {@link #DEFAULT_BROKER_HEAP} when it is empty. */
    static List<String> brokerJvmFlags(final List<String> heapAndGc) {
        for (final String option : heapAndGc) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("Broker JVM option '" + option + "' does not start with '-'");
            }
        }
        final List<String> flags = new ArrayList<>();
        flags.add(AGRONA_EXPORT);
        flags.addAll(heapAndGc.isEmpty() ? DEFAULT_BROKER_HEAP : heapAndGc);
        return List.copyOf(flags);
    }

    private static void createDirectories(final Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    /** Starts broker {@code id} ({@link BrokerMain}) or, with id {@link #CONTROLLER}, the {@link ControllerMain}. */
    private Process launch(final int id, final CountDownLatch ready) {
        final List<String> command = command(id);
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not start broker process " + id + ": " + command, e);
        }
        final String name = id == CONTROLLER ? "controller" : "broker " + id;
        final Thread output = new Thread(() -> forward(name, process, ready), "ackbench-" + name + "-output");
        output.setDaemon(true);
        output.start();
        return process;
    }

    /** The java command line of broker {@code id} or the controller: the same for each launch of it. */
    private List<String> command(final int id) {
        return id == CONTROLLER
            ? command(id, ControllerMain.class, CONTROLLER_JVM_FLAGS, listeners, controllerAddress, settings, dataDir)
            : command(id, BrokerMain.class, brokerJvmFlags, listeners, controllerAddress, settings, dataDir);
    }

    /** @param id a broker's, or {@link #CONTROLLER} */
    static List<String> command(final int id, final Class<?> main, final List<String> jvmFlags,
                                final String listeners, final String controllerAddress,
                                final Map<String, String> settings, final Path dataDir) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        // Written by a thread of its own: a log line written at a safepoint's end waits for the file system, and on a
        // journalling one that can be a journal commit, which would stop every thread of the broker with it.
        command.add(ASYNC_JVM_LOG);
        command.add(String.format(JVM_LOG_OPTION, jvmLog(dataDir, processName(id)).toAbsolutePath()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        if (id != CONTROLLER) {
            command.add("--id");
            command.add(Integer.toString(id));
        }
        command.add("--controller");
        command.add(controllerAddress);
        command.add("--listeners");
        command.add(listeners);
        command.add("--data-dir");
        command.add(dataDir.toAbsolutePath().toString());
        settings.forEach((key, value) -> {
            if (!key.equals(BrokerConfig.BROKERS)) {
                command.add(key + "=" + value);
            }
        });
        return command;
    }

    /** {@code controller} or {@code broker-ID}: the name of a process's log, and of the process in reports. */
    private static String processName(final int id) {
        return id == CONTROLLER ? "controller" : "broker-" + id;
    }

    private static Path jvmLog(final Path dataDir, final String processName) {
        return dataDir.resolve(JVM_LOG_DIR).resolve(processName + ".log");
    }

    /**
     * Each process's java command line by process name ({@code controller}, {@code broker-0}, ...), in launch order:
     * the same for a restart. Read-only; built on each call.
     */
    public Map<String, List<String>> commandLines() {
        final Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put(processName(CONTROLLER), List.copyOf(command(CONTROLLER)));
        for (int b = 0; b < current.length(); b++) {
            commands.put(processName(b), List.copyOf(command(b)));
        }
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The GC and safepoint log of the process {@link #commandLines()} names {@code processName}, under
     * {@value #JVM_LOG_DIR} of the data directory (deleted with it); earlier lives' logs are beside it, {@code .0} on.
     */
    public Path jvmLog(final String processName) {
        return jvmLog(dataDir, processName);
    }

    private static void forward(final String name, final Process process, final CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith(BrokerMain.READY) || line.startsWith(ControllerMain.READY)) {
                    ready.countDown();
                } else {
                    System.err.println("[" + name + "] " + line);
                }
            }
        } catch (final IOException e) {
            System.err.println("[" + name + "] output lost: " + e.getMessage());
        }
    }

    @Override
    public TopicLayout layout() {
        return layout;
    }

    @Override
    public Endpoint connectClient(final ClientSocketOptions options) {
        return clients.connect(options);
    }

    /** Closes each broker's standard input, which makes it close its logs cleanly and exit; kills what lingers. */
    @Override
    public void close() {
        resumeAll();
        releaseReservedPorts();
        for (final Process process : processes) {
            try {
                process.getOutputStream().close();
            } catch (final IOException e) {
                process.destroy();
            }
        }
        for (final Process process : processes) {
            try {
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        removeHook();
        closeClients();
    }

    private void closeClients() {
        clients.close();
    }

    /** Kills the processes at once: their logs are left as a crash leaves them. */
    @Override
    public void closeAndDiscard() {
        kill();
        releaseReservedPorts();
        removeHook();
        closeClients();
    }

    /** SIGKILL ends a stopped process too, so paused brokers need no SIGCONT first. */
    private void kill() {
        for (final Process process : processes) {
            process.destroyForcibly();
        }
        for (final Process process : processes) {
            try {
                process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Fault: SIGKILL broker {@code brokerId} ({@link Process#destroyForcibly()} on Unix) and wait until it is gone.
     * What it wrote survives in the page cache, as after a process crash (not a power loss). Its port stays reserved
     * for its {@link #restart}. Killing a dead broker does nothing more.
     */
    public void kill(final int brokerId) {
        final Process process = process(brokerId);
        process.destroyForcibly();
        awaitExit(brokerId, process);
        paused.set(brokerId, RUNNING);
        reservePort(brokerId);
    }

    /**
     * Fault: a power loss of broker {@code brokerId}'s machine, which stays off until {@link #restart}. SIGKILL, wait
     * until it is gone, then cut every partition directory under its log directory ({@code dataDir/broker-ID}) back
     * to what its forces made durable, from the {@link DurabilityLedger} each log kept up to its death
     * ({@link PowerLoss#cutAllFromLedgers}): whatever the page cache held and no force had written is lost. With
     * {@code flush.messages=1} nothing it acknowledged is lost. Its port stays reserved, as after {@link #kill}.
     *
     * @return how many bytes the cut removed, over all its partitions
     */
    public long powerOff(final int brokerId) {
        kill(brokerId);
        return PowerLoss.cutAllFromLedgers(logDir(brokerId));
    }

    /**
     * Fault: {@link #powerOff} then {@link #restart}: broker {@code brokerId} comes back on its port and recovers
     * what the power loss left of its logs.
     *
     * @return how many bytes the cut removed
     */
    public long powerLoss(final int brokerId) {
        final long cut = powerOff(brokerId);
        restart(brokerId);
        return cut;
    }

    /** Broker {@code brokerId}'s log directory, as {@link Broker} names it. */
    private Path logDir(final int brokerId) {
        return dataDir.resolve("broker-" + brokerId);
    }

    /**
     * Fault: starts broker {@code brokerId} again after {@link #kill}: the same id, listeners (so the same port),
     * data directory and settings. It recovers its logs as after a crash; returns once it prints that it serves.
     *
     * @throws IllegalStateException when it is still running, or does not serve within the ready timeout
     */
    public void restart(final int brokerId) {
        if (process(brokerId).isAlive()) {
            throw new IllegalStateException("Broker " + brokerId + " is still running; kill it before restarting it");
        }
        releaseReservedPort(brokerId);
        final CountDownLatch ready = new CountDownLatch(1);
        final Process process = launch(brokerId, ready);
        processes.add(process);
        current.set(brokerId, process);
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (!ready.await(READY_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Restarted broker " + brokerId + " exited with code "
                        + process.exitValue() + " before it served (see its output above)");
                }
                if (System.nanoTime() - deadline > 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Restarted broker " + brokerId + " did not report ready within "
                        + READY_TIMEOUT_SECONDS + " s (see its output above)");
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while restarting broker " + brokerId, e);
        }
    }

    /**
     * Fault: SIGSTOP broker {@code brokerId}. It holds its connections and answers nothing until {@link #resume};
     * paused longer than {@code broker.session.timeout.ms}, its peers count it dead. {@link ProcessHandle} can only
     * send SIGTERM and SIGKILL, so this runs {@code kill -STOP PID}.
     */
    public void pause(final int brokerId) {
        signal(brokerId, ProcessSignals.STOP);
        paused.set(brokerId, PAUSED);
    }

    /** Fault's end: SIGCONT broker {@code brokerId} ({@code kill -CONT PID}); it carries on where it stopped. */
    public void resume(final int brokerId) {
        signal(brokerId, ProcessSignals.CONT);
        paused.set(brokerId, RUNNING);
    }

    /** Whether broker {@code brokerId}'s current process runs (a paused one does). */
    public boolean isAlive(final int brokerId) {
        return process(brokerId).isAlive();
    }

    /** Whether broker {@code brokerId} is paused by {@link #pause}. */
    public boolean isPaused(final int brokerId) {
        return paused.get(brokerId) == PAUSED;
    }

    /** The process id of broker {@code brokerId}'s current process (for tests and messages). */
    public long pid(final int brokerId) {
        return process(brokerId).pid();
    }

    public int brokerCount() {
        return current.length();
    }

    private Process process(final int brokerId) {
        if (brokerId < 0 || brokerId >= current.length()) {
            throw new IllegalArgumentException("No broker " + brokerId + " among " + current.length());
        }
        return current.get(brokerId);
    }

    private static void awaitExit(final int brokerId, final Process process) {
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Broker " + brokerId + " (pid " + process.pid()
                    + ") did not exit within " + STOP_TIMEOUT_SECONDS + " s of SIGKILL");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for broker " + brokerId + " to exit", e);
        }
    }

    private void signal(final int brokerId, final String signal) {
        final Process process = process(brokerId);
        if (!process.isAlive()) {
            throw new IllegalStateException("Broker " + brokerId + " is not running; cannot send SIG" + signal);
        }
        ProcessSignals.send(process.pid(), signal, "broker " + brokerId);
    }

    /** SIGCONT every paused broker, so that closing its input lets it shut down cleanly. */
    private void resumeAll() {
        for (int b = 0; b < paused.length(); b++) {
            if (paused.get(b) == PAUSED && current.get(b).isAlive()) {
                resume(b);
            }
        }
    }

    private void reservePort(final int brokerId) {
        if (reservedPorts[brokerId] != null) {
            return;
        }
        // Null when someone took it in the moment after the kill; the restart will say so when it cannot bind.
        reservedPorts[brokerId] = LoopbackPorts.reserve(addresses.address(brokerId).getPort());
    }

    private void releaseReservedPort(final int brokerId) {
        final Socket socket = reservedPorts[brokerId];
        reservedPorts[brokerId] = null;
        LoopbackPorts.closeQuietly(socket);
    }

    private void releaseReservedPorts() {
        for (int b = 0; b < reservedPorts.length; b++) {
            releaseReservedPort(b);
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (final IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }
}
