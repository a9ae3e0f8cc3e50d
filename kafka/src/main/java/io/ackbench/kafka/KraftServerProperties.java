package io.ackbench.kafka;

import io.ackbench.transport.LoopbackPorts;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code server.properties} of one broker of an embedded cluster: KRaft combined mode (every node is broker and
 * controller, a static {@code controller.quorum.voters}), loopback listeners, one log directory, internal topics
 * replicated as far as the cluster allows, then the caller's own settings, which therefore win.
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
     * @param nodeId this broker's {@code node.id}, its index in {@code cluster}
     * @param cluster every broker's ports, by node id
     * @param logDir this broker's (formatted) log directory
     * @param extra the caller's settings, appended in their iteration order
     */
    static String of(final int nodeId, final List<BrokerPorts> cluster, final Path logDir,
                     final Map<String, String> extra) {
        final int internalReplicas = Math.min(INTERNAL_REPLICATION_FACTOR, cluster.size());
        final int internalMinInsync = Math.min(INTERNAL_MIN_INSYNC_REPLICAS, internalReplicas);
        final BrokerPorts own = cluster.get(nodeId);
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", voters(cluster));
        settings.put("listeners", CLIENT_LISTENER + "://" + address(own.client()) + ","
            + CONTROLLER_LISTENER + "://" + address(own.controller()));
        settings.put("advertised.listeners", CLIENT_LISTENER + "://" + address(own.client()));
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

        final StringBuilder text = new StringBuilder(1024);
        text.append("# Broker ").append(nodeId).append(" of ").append(cluster.size())
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

    /** {@code 0@127.0.0.1:PORT,1@127.0.0.1:PORT,...}: every node votes in the quorum. */
    private static String voters(final List<BrokerPorts> cluster) {
        final StringBuilder voters = new StringBuilder();
        for (int node = 0; node < cluster.size(); node++) {
            voters.append(node == 0 ? "" : ",").append(node).append('@')
                .append(address(cluster.get(node).controller()));
        }
        return voters.toString();
    }

    private static String address(final int port) {
        return LoopbackPorts.HOST + ":" + port;
    }

    /** A backslash starts an escape in a properties file, so one meant literally is doubled. */
    private static void line(final StringBuilder text, final String key, final String value) {
        text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
    }
}
