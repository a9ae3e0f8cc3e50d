package io.ackbench.broker;

import io.ackbench.transport.AddressBook;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One broker in a process of its own:
 * {@code java -cp ackbench-tools.jar io.ackbench.broker.BrokerMain --id 0 --listeners 0=127.0.0.1:9101,1=...
 * --controller 127.0.0.1:9100 --data-dir DIR [key=value ...]}. It binds its own listener, opens (or recovers) its
 * logs, heartbeats to the controller ({@link ControllerMain}), prints {@value #READY} once the controller has given it
 * a role for every partition it hosts, and shuts down cleanly when its standard input closes (the harness's way of
 * stopping it, which also covers the harness dying) or on SIGTERM. Settings are the cluster's, by Kafka's names.
 */
public final class BrokerMain {
    /** The line a broker prints when it serves; the harness waits for it. */
    public static final String READY = "ackbench-broker-ready";

    private BrokerMain() {
    }

    public static void main(final String[] args) throws IOException {
        int id = -1;
        String listeners = null;
        String controllerAddress = null;
        String dataDir = null;
        final Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--id" -> id = Integer.parseInt(value(args, ++i, "--id"));
                case "--listeners" -> listeners = value(args, ++i, "--listeners");
                case "--controller" -> controllerAddress = value(args, ++i, "--controller");
                case "--data-dir" -> dataDir = value(args, ++i, "--data-dir");
                default -> {
                    final int equals = args[i].indexOf('=');
                    if (equals <= 0) {
                        usage("unexpected argument '" + args[i] + "'");
                    }
                    settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
                }
            }
        }
        if (id < 0 || listeners == null || controllerAddress == null || dataDir == null) {
            usage("--id, --listeners, --controller and --data-dir are required");
        }
        final AddressBook addresses = new AddressBook();
        final int brokers = parseListeners(listeners, addresses);
        final int controllerId = NodeIds.controller(brokers);
        addresses.put(controllerId, parseAddress(controllerAddress, "--controller"));
        settings.put(BrokerConfig.BROKERS, Integer.toString(brokers));
        final BrokerConfig config = BrokerConfig.of(settings);
        if (id >= brokers) {
            usage("--id " + id + " has no listener among " + brokers);
        }
        final TopicLayout layout = TopicLayout.spread(config.topic(), config.partitions(), config.replicationFactor(),
            config.brokers());
        final TcpEndpoint endpoint = TcpEndpoint.listen(id, addresses, config.tcp().withClientId("broker-" + id),
            addresses.address(id));
        final Broker broker = new Broker(id, config, layout, Path.of(dataDir), endpoint, controllerId,
            System.nanoTime(), new BrokerLiveness(brokers, 0), SystemNanoClock.INSTANCE);
        final BrokerThreads threads = new BrokerThreads(config, broker);
        final Thread shutdown = new Thread(() -> {
            threads.close();
            endpoint.close();
        }, "ackbench-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        awaitRoles(broker, layout);
        System.out.println(READY + " " + id + " " + endpoint.localAddress());
        System.out.flush();
        final InputStream in = System.in;
        while (in.read() >= 0) {
            // The harness never writes; end of input means stop.
        }
        System.exit(0); // runs the shutdown hook: threads stop, logs close cleanly
    }

    /** Until the controller's word on every hosted partition has been applied: then the broker serves. */
    private static void awaitRoles(final Broker broker, final TopicLayout layout) {
        for (int p = 0; p < layout.partitionCount(); p++) {
            while (layout.hosts(broker.id(), p) && broker.leaderEpoch(p) < 0) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
    }

    static InetSocketAddress parseAddress(final String hostAndPort, final String flag) {
        final int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            usage(flag + " '" + hostAndPort + "' is not HOST:PORT");
        }
        try {
            return new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (final IllegalArgumentException e) {
            usage(flag + " '" + hostAndPort + "': " + e.getMessage());
            return null;
        }
    }

    static int parseListeners(final String listeners, final AddressBook addresses) {
        int count = 0;
        for (final String entry : listeners.split(",")) {
            final String[] idAndAddress = entry.split("=", 2);
            final int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
            if (colon <= 0) {
                usage("listener '" + entry + "' is not ID=HOST:PORT");
            }
            final int nodeId = Integer.parseInt(idAndAddress[0]);
            if (nodeId != count) {
                usage("listeners must be given for ids 0, 1, 2, ... in order; got " + nodeId + " at position " + count);
            }
            addresses.put(nodeId, new InetSocketAddress(idAndAddress[1].substring(0, colon),
                Integer.parseInt(idAndAddress[1].substring(colon + 1))));
            count++;
        }
        return count;
    }

    private static String value(final String[] args, final int i, final String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(final String problem) {
        System.err.println("BrokerMain: " + problem + "\nusage: BrokerMain --id N --listeners 0=HOST:PORT,1=HOST:PORT,..."
            + " --controller HOST:PORT --data-dir DIR [key=value ...]");
        System.exit(2);
    }
}
