package io.ackbench.broker;

import io.ackbench.controller.ControllerNode;
import io.ackbench.transport.AddressBook;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The controller in a process of its own, beside the broker processes, as KRaft's controller-only node:
 * {@code java -cp ackbench-tools.jar io.ackbench.broker.ControllerMain --listeners 0=127.0.0.1:9101,1=...
 * --controller 127.0.0.1:9100 --data-dir DIR [key=value ...]}, with the brokers' listeners and the cluster's settings
 * (it reads the topic's shape and the controller's settings from them). It keeps its state in {@code DIR/controller},
 * prints {@value #READY} once it listens, and stops when its standard input closes or on SIGTERM. Its own failover
 * is out of scope: one controller, which the harness never kills.
 */
public final class ControllerMain {
    public static final String READY = "ackbench-controller-ready";

    private ControllerMain() {
    }

    public static void main(final String[] args) throws IOException {
        String listeners = null;
        String controllerAddress = null;
        String dataDir = null;
        final Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
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
        if (listeners == null || controllerAddress == null || dataDir == null) {
            usage("--listeners, --controller and --data-dir are required");
        }
        final AddressBook addresses = new AddressBook();
        final int brokers = BrokerMain.parseListeners(listeners, addresses);
        final int controllerId = NodeIds.controller(brokers);
        addresses.put(controllerId, BrokerMain.parseAddress(controllerAddress, "--controller"));
        settings.put(BrokerConfig.BROKERS, Integer.toString(brokers));
        final BrokerConfig config = BrokerConfig.of(settings);
        final TopicLayout layout = TopicLayout.spread(config.topic(), config.partitions(), config.replicationFactor(),
            config.brokers());
        final TcpEndpoint endpoint = TcpEndpoint.listen(controllerId, addresses,
            config.tcp().withClientId("controller"), addresses.address(controllerId));
        final ControllerNode controller = new ControllerNode(layout, config.controller(),
            Path.of(dataDir).resolve(InProcessCluster.CONTROLLER_DIR), endpoint, SystemNanoClock.INSTANCE);
        final AgentRunner runner = controller.startOnThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            endpoint.close();
        }, "ackbench-controller-shutdown"));
        System.out.println(READY + " " + endpoint.localAddress());
        System.out.flush();
        final InputStream in = System.in;
        while (in.read() >= 0) {
            // The harness never writes; end of input means stop.
        }
        System.exit(0);
    }

    private static String value(final String[] args, final int i, final String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(final String problem) {
        System.err.println("ControllerMain: " + problem
            + "\nusage: ControllerMain --listeners 0=HOST:PORT,1=HOST:PORT,..."
            + " --controller HOST:PORT --data-dir DIR [key=value ...]");
        System.exit(2);
    }
}
