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
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

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
        final ProcessArguments arguments = ProcessArguments.parse("ControllerMain",
            "--listeners 0=HOST:PORT,1=HOST:PORT,... --controller HOST:PORT --data-dir DIR [key=value ...]",
            Set.of("--listeners", "--controller", "--data-dir"), args);
        final String listeners = arguments.flag("--listeners");
        final String controllerAddress = arguments.flag("--controller");
        final String dataDir = arguments.flag("--data-dir");
        if (listeners == null || controllerAddress == null || dataDir == null) {
            arguments.fail("--listeners, --controller and --data-dir are required");
        }
        final AddressBook addresses = new AddressBook();
        final int brokers = arguments.listeners(listeners, addresses);
        final int controllerId = NodeIds.controller(brokers);
        addresses.put(controllerId, arguments.address(controllerAddress, "--controller"));
        final Map<String, String> settings = arguments.settings();
        settings.put(BrokerConfig.BROKERS, Integer.toString(brokers));
        final BrokerConfig config = BrokerConfig.of(settings);
        final TopicLayout layout = config.layout();
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
}
