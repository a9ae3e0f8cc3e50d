package io.ackbench.broker;

import io.ackbench.transport.AddressBook;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
        final ProcessArguments arguments = ProcessArguments.parse("BrokerMain",
            "--id N --listeners 0=HOST:PORT,1=HOST:PORT,... --controller HOST:PORT --data-dir DIR [key=value ...]",
            Set.of("--id", "--listeners", "--controller", "--data-dir"), args);
        final String idText = arguments.flag("--id");
        final int id = idText == null ? -1 : Integer.parseInt(idText);
        final String listeners = arguments.flag("--listeners");
        final String controllerAddress = arguments.flag("--controller");
        final String dataDir = arguments.flag("--data-dir");
        if (id < 0 || listeners == null || controllerAddress == null || dataDir == null) {
            arguments.fail("--id, --listeners, --controller and --data-dir are required");
        }
        final AddressBook addresses = new AddressBook();
        final int brokers = arguments.listeners(listeners, addresses);
        final int controllerId = NodeIds.controller(brokers);
        addresses.put(controllerId, arguments.address(controllerAddress, "--controller"));
        final Map<String, String> settings = arguments.settings();
        settings.put(BrokerConfig.BROKERS, Integer.toString(brokers));
        final BrokerConfig config = BrokerConfig.of(settings);
        if (id >= brokers) {
            arguments.fail("--id " + id + " has no listener among " + brokers);
        }
        final TopicLayout layout = config.layout();
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
}
