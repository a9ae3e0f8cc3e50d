package io.ackbench.broker;

import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TcpClients;
import io.ackbench.transport.TopicLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * N brokers, each a JVM process of its own ({@link BrokerMain}) on its own loopback port and log directory
 * ({@code dataDir/broker-ID}), started from this JVM's class path and Java, awaited until each says it serves,
 * and stopped by closing its standard input (a clean shutdown) or killed ({@link #closeAndDiscard()}, or a
 * shutdown hook if this JVM exits first). Their output is forwarded to this process's standard error, prefixed.
 */
public final class BrokerProcesses implements BrokerCluster {
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** What a broker process needs: Agrona's Unsafe access, and a heap of its own. */
    private static final List<String> JVM_FLAGS = List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "-Xms256m", "-Xmx512m");

    private final TopicLayout layout;
    private final AddressBook addresses = new AddressBook();
    /**
     * Added to by the constructing thread after the shutdown hook is registered, and read by that hook on whichever
     * thread runs it: a copy-on-write list, so each add is a volatile store and the hook iterates a safe snapshot.
     */
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    /** Client endpoints handed out, closed with the cluster. */
    private final TcpClients clients;
    private final Thread killOnExit = new Thread(this::kill, "ackbench-broker-processes-kill");

    private BrokerProcesses(final BrokerConfig config, final Map<String, String> settings, final Path dataDir) {
        this.layout = TopicLayout.spread(config.topic(), config.partitions(), config.replicationFactor(),
            config.brokers());
        this.clients = new TcpClients(addresses, config.tcp(), config.brokers());
        final StringBuilder listeners = new StringBuilder();
        for (int b = 0; b < config.brokers(); b++) {
            final InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
            addresses.put(b, address);
            listeners.append(b == 0 ? "" : ",").append(b).append('=').append(address.getHostString())
                .append(':').append(address.getPort());
        }
        Runtime.getRuntime().addShutdownHook(killOnExit);
        final CountDownLatch ready = new CountDownLatch(config.brokers());
        try {
            for (int b = 0; b < config.brokers(); b++) {
                processes.add(launch(b, listeners.toString(), settings, dataDir, ready));
            }
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Broker processes did not all report ready within "
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
        return new BrokerProcesses(BrokerConfig.of(settings), settings, dataDir);
    }

    private static int freePort() {
        // The port is released before the broker binds it; on a quiet loopback another process taking it in
        // between is unlikely, and the broker then fails to start with a message naming the address.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    private static Process launch(final int id, final String listeners, final Map<String, String> settings,
                                  final Path dataDir, final CountDownLatch ready) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerMain.class.getName());
        command.add("--id");
        command.add(Integer.toString(id));
        command.add("--listeners");
        command.add(listeners);
        command.add("--data-dir");
        command.add(dataDir.toAbsolutePath().toString());
        settings.forEach((key, value) -> {
            if (!key.equals(BrokerConfig.BROKERS)) {
                command.add(key + "=" + value);
            }
        });
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not start broker process " + id + ": " + command, e);
        }
        final Thread output = new Thread(() -> forward(id, process, ready), "ackbench-broker-" + id + "-output");
        output.setDaemon(true);
        output.start();
        return process;
    }

    private static void forward(final int id, final Process process, final CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith(BrokerMain.READY)) {
                    ready.countDown();
                } else {
                    System.err.println("[broker " + id + "] " + line);
                }
            }
        } catch (final IOException e) {
            System.err.println("[broker " + id + "] output lost: " + e.getMessage());
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
        removeHook();
        closeClients();
    }

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

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (final IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }
}
