package io.ackbench.kafka;

import io.ackbench.transport.LoopbackPorts;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code server.properties} of one node of an embedded cluster: loopback listeners, a static
 * {@code controller.quorum.voters}, one log directory, for a broker internal topics replicated as far as the cluster
 * allows, then the caller's own settings, which therefore win. In KRaft combined mode ({@link #combined}) every node
 * is broker and controller; with a dedicated controller, N brokers ({@link #broker}) and one controller node
 * ({@link #controller}), node id N, the only voter. The controller gets the caller's settings too, as every node of a
 * combined cluster does: some are the controller's to apply ({@code broker.session.timeout.ms}).
 */
final class KraftServerProperties {
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's default replication factor of its internal topics; a smaller cluster cannot have it. */
    static final int INTERNAL_REPLICATION_FACTOR = 3;
    /** Kafka's default min.insync.replicas of the transaction and share-state topics (2), capped the same way. */
    static final int INTERNAL_MIN_INSYNC_REPLICAS = 2;
    /** Kafka's config names: dotted lower-case words; anything else could not be a setting and might break a line. */
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private KraftServerProperties() {
    }

    /**
     * A node of a combined cluster: broker, controller and voter.
     *
     * @param nodeId this broker's {@code node.id}, its index in {@code cluster}
     * @param cluster every broker's ports, by node id
     * @param logDir this broker's (formatted) log directory
     * @param extra the caller's settings, appended in their iteration order
     */
    static String combined(final int nodeId, final List<BrokerPorts> cluster, final Path logDir,
                           final Map<String, String> extra) {
        final BrokerPorts own = cluster.get(nodeId);
        final StringBuilder voters = new StringBuilder();
        for (int node = 0; node < cluster.size(); node++) {
            voters.append(node == 0 ? "" : ",").append(voter(node, cluster.get(node).controller()));
        }
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", voters.toString());
        settings.put("listeners", CLIENT_LISTENER + "://" + address(own.client()) + ","
            + CONTROLLER_LISTENER + "://" + address(own.controller()));
        brokerSettings(settings, own.client(), cluster.size(), logDir);
        return text("Broker " + nodeId + " of " + cluster.size(), settings, extra);
    }

    /**
     * A broker-only node of a cluster whose one controller is node {@code brokers}.
     *
     * @param clientPort its listener for clients and replication
     * @param controllerPort the controller's listener
     */
    static String broker(final int nodeId, final int brokers, final int clientPort, final int controllerPort,
                         final Path logDir, final Map<String, String> extra) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker");
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", voter(brokers, controllerPort));
        settings.put("listeners", CLIENT_LISTENER + "://" + address(clientPort));
        brokerSettings(settings, clientPort, brokers, logDir);
        return text("Broker " + nodeId + " of " + brokers + " (the controller is node " + brokers + ")", settings,
            extra);
    }

    /** The controller-only node of a cluster of {@code brokers} brokers: node id {@code brokers}, the only voter. */
    static String controller(final int brokers, final int controllerPort, final Path logDir,
                             final Map<String, String> extra) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "controller");
        settings.put("node.id", Integer.toString(brokers));
        settings.put("controller.quorum.voters", voter(brokers, controllerPort));
        settings.put("listeners", CONTROLLER_LISTENER + "://" + address(controllerPort));
        settings.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("log.dirs", logDir.toAbsolutePath().toString());
        return text("Controller node " + brokers + " of " + brokers + " brokers", settings, extra);
    }

    /** What every broker has past its role, id, voters and listeners. */
    private static void brokerSettings(final Map<String, String> settings, final int clientPort, final int brokers,
                                       final Path logDir) {
        final int internalReplicas = Math.min(INTERNAL_REPLICATION_FACTOR, brokers);
        final int internalMinInsync = Math.min(INTERNAL_MIN_INSYNC_REPLICAS, internalReplicas);
        settings.put("advertised.listeners", CLIENT_LISTENER + "://" + address(clientPort));
        settings.put("listener.security.protocol.map",
            CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("inter.broker.listener.name", CLIENT_LISTENER);
        settings.put("log.dirs", logDir.toAbsolutePath().toString());
        settings.put("offsets.topic.replication.factor", Integer.toString(internalReplicas));
        settings.put("transaction.state.log.replication.factor", Integer.toString(internalReplicas));
        settings.put("transaction.state.log.min.isr", Integer.toString(internalMinInsync));
        settings.put("share.coordinator.state.topic.replication.factor", Integer.toString(internalReplicas));
        settings.put("share.coordinator.state.topic.min.isr", Integer.toString(internalMinInsync));
        // Consumers of a benchmark's own checks join a group once; Kafka's 3 s wait for more members is pure delay.
        settings.put("group.initial.rebalance.delay.ms", "0");
    }

    private static String text(final String node, final Map<String, String> settings,
                               final Map<String, String> extra) {
        final StringBuilder text = new StringBuilder(1024);
        text.append("# ").append(node)
            .append(", written by ackbench's EmbeddedKafkaCluster; the caller's settings follow the harness's own.\n");
        settings.forEach((key, value) -> line(text, key, value));
        if (!extra.isEmpty()) {
            text.append("# Caller's settings\n");
            extra.forEach((key, value) -> line(text, key, value));
        }
        return text.toString();
    }

    /**
     * @throws IllegalArgumentException naming the setting when a name is not a config name or a value spans lines
     */
    static void validate(final Map<String, String> settings) {
        settings.forEach((key, value) -> {
            if (key == null || !SETTING_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("Broker setting name '" + key + "' is not a Kafka config name "
                    + "(letters, digits, '.', '_', '-')");
            }
            if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("Broker setting " + key + " has the value '" + value
                    + "'; it must be present and on one line");
            }
        });
    }

    /** {@code ID@127.0.0.1:PORT}, one entry of {@code controller.quorum.voters}. */
    private static String voter(final int nodeId, final int controllerPort) {
        return nodeId + "@" + address(controllerPort);
    }

    private static String address(final int port) {
        return LoopbackPorts.HOST + ":" + port;
    }

    /** A backslash starts an escape in a properties file, so one meant literally is doubled. */
    private static void line(final StringBuilder text, final String key, final String value) {
        text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
    }
}
