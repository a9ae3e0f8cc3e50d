package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import io.ackbench.config.ConfigException;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.BrokerJvmOptions;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.ResourceLine;
import io.ackbench.load.ResourceText;
import io.ackbench.load.TargetResource;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Apache Kafka as a load target: kafka-clients' {@code KafkaProducer} sending to an {@link EmbeddedKafkaCluster} the
 * target starts (the workload's brokers, partitions, replication factor and min.insync.replicas; its broker settings
 * as server.properties lines) or to a running cluster named by its bootstrap servers, where the topic is created if
 * missing and nothing else is touched. The broker setting {@value ReplicaAssignment#KEY} is the topic's, never a
 * broker's: the topic is created with it, as {@code kafka-topics --replica-assignment} does, on either cluster.
 *
 * <p>An embedded cluster has its controller where a {@link ControllerPlacement} says, its broker settings are a
 * {@link KafkaProfile}'s under the workload's own, and its broker JVMs take the workload's heap and GC options
 * ({@link Workload#brokerJvmOptions()}) in place of Kafka's script's.
 */
public final class KafkaTarget implements LoadTarget {
    public static final String NAME = "kafka";
    /** Three JVMs starting on 2 cores take 10 to 20 s; a minute leaves room on a loaded machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How long a running cluster may take to answer the topic's Admin requests. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final ControllerPlacement placement;
    private final KafkaProfile profile;

    private KafkaTarget(final String bootstrapServers, final String topic, final ControllerPlacement placement,
                        final KafkaProfile profile) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.placement = placement;
        this.profile = profile;
    }

    /**
     * A cluster this target starts for each run, one JVM per broker, deleted after it: Kafka's combined mode and its
     * stock settings.
     */
    public static KafkaTarget embedded(final String topic) {
        return embedded(topic, ControllerPlacement.COMBINED, KafkaProfile.STOCK);
    }

    /** As {@link #embedded(String)}, the controller where {@code placement} says, with {@code profile}'s settings. */
    public static KafkaTarget embedded(final String topic, final ControllerPlacement placement,
                                       final KafkaProfile profile) {
        return new KafkaTarget(null, topic, placement, profile);
    }

    /** The running cluster at {@code bootstrapServers} ({@code host:port,...}). */
    public static KafkaTarget external(final String bootstrapServers, final String topic) {
        return new KafkaTarget(bootstrapServers, topic, null, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    public boolean isEmbedded() {
        return bootstrapServers == null;
    }

    @Override
    public void check(final Workload workload) {
        KafkaProducerSettings.check(workload.producerSettings());
        if (isEmbedded() && workload.brokers() > EmbeddedKafkaCluster.MAX_BROKERS) {
            throw new ConfigException(Workload.BROKERS, workload.brokers(), "the embedded Kafka cluster takes 1 to "
                + EmbeddedKafkaCluster.MAX_BROKERS + " brokers, one JVM each");
        }
        if (!isEmbedded() && !givenServerProperties(workload).isEmpty()) {
            throw new ConfigException(givenServerProperties(workload).keySet().iterator().next(),
                "broker settings configure the embedded cluster only; a running cluster at " + bootstrapServers
                    + " keeps its own");
        }
        if (!isEmbedded() && !workload.brokerJvmOptions().isEmpty()) {
            throw new ConfigException(Workload.BROKER_JVM_OPTIONS, String.join(" ", workload.brokerJvmOptions()),
                "a running cluster at " + bootstrapServers + " keeps the JVM options its brokers were started with");
        }
        topicFor(workload);
    }

    /**
     * The workload's topic; the workload has checked its shape, so only the name and the replica assignment can be at
     * fault. The embedded cluster's node ids are 0..brokers-1; a running cluster's are its own, which Kafka checks.
     */
    private KafkaTopicSpec topicFor(final Workload workload) {
        final String assignmentText = workload.givenBrokerSettings().get(ReplicaAssignment.KEY);
        final ReplicaAssignment assignment = assignmentText == null ? null : ReplicaAssignment.parse(assignmentText,
            workload.partitions(), workload.replicationFactor(),
            isEmbedded() ? workload.brokers() : ReplicaAssignment.ANY_BROKER_IDS);
        try {
            return new KafkaTopicSpec(topic, workload.partitions(), workload.replicationFactor(),
                workload.minInsyncReplicas(), assignment);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(PerfOptions.TOPIC, topic, e.getMessage());
        }
    }

    /** The broker settings given: all but the topic's replica assignment, in name order. */
    private static Map<String, String> givenServerProperties(final Workload workload) {
        final Map<String, String> settings = new TreeMap<>(workload.givenBrokerSettings());
        settings.remove(ReplicaAssignment.KEY);
        return settings;
    }

    /** What goes to an embedded cluster's server.properties: the profile's settings, the given ones over them. */
    Map<String, String> serverProperties(final Workload workload) {
        return profile.under(givenServerProperties(workload));
    }

    @Override
    public LoadCluster start(final Workload workload, final Path dataDir) throws IOException, InterruptedException {
        final KafkaTopicSpec spec = topicFor(workload);
        final KafkaCluster cluster = isEmbedded()
            ? EmbeddedKafkaCluster.start(workload.brokers(), serverProperties(workload), spec, dataDir,
                READY_TIMEOUT, placement, workload.brokerJvmOptions())
            : ExternalKafkaCluster.connect(bootstrapServers, spec, ADMIN_TIMEOUT);
        return new KafkaLoadCluster(cluster, topic);
    }

    /**
     * The embedded cluster's, from Kafka 4.3.1's defaults, the profile and the workload's settings, in that order of
     * precedence reversed; a running cluster's are unknown.
     *
     * @throws ConfigException naming a reported setting whose value is not a number
     */
    @Override
    public List<ResourceLine> resources(final Workload workload) {
        if (!isEmbedded()) {
            return ResourceLine.all(ResourceLine.RUNNING_CLUSTER);
        }
        final Map<String, String> effective = new HashMap<>(KafkaServerDefaults.DEFAULTS);
        effective.putAll(serverProperties(workload));
        final Map<TargetResource, String> lines = new EnumMap<>(TargetResource.class);
        lines.put(TargetResource.BROKER_JVMS, Integer.toString(workload.brokers()));
        lines.put(TargetResource.CONTROLLER, placement == ControllerPlacement.DEDICATED
            ? ResourceText.controllerJvm(workload.brokers()) : "combined: every broker is a voter");
        lines.put(TargetResource.BROKER_HEAP_AND_GC,
            BrokerJvmOptions.describe(KafkaJvm.brokerHeapAndGc(workload.brokerJvmOptions())));
        lines.put(TargetResource.REQUEST_THREADS, setting(effective, KafkaServerDefaults.NUM_NETWORK_THREADS)
            + ", " + setting(effective, KafkaServerDefaults.NUM_IO_THREADS)
            + ", " + setting(effective, KafkaServerDefaults.NUM_REPLICA_FETCHERS)
            + ", " + setting(effective, KafkaServerDefaults.BACKGROUND_THREADS));
        final String flushMillisKey = effective.containsKey(KafkaServerDefaults.LOG_FLUSH_INTERVAL_MS)
            ? KafkaServerDefaults.LOG_FLUSH_INTERVAL_MS : KafkaServerDefaults.LOG_FLUSH_SCHEDULER_INTERVAL_MS;
        lines.put(TargetResource.FLUSH_POLICY, ResourceText.flushPolicy(
            KafkaServerDefaults.LOG_FLUSH_INTERVAL_MESSAGES,
            number(effective, KafkaServerDefaults.LOG_FLUSH_INTERVAL_MESSAGES),
            KafkaServerDefaults.LOG_FLUSH_INTERVAL_MS, number(effective, flushMillisKey)));
        lines.put(TargetResource.SOCKET_BUFFERS, ResourceText.socketBuffers(
            (int) number(effective, KafkaServerDefaults.SOCKET_SEND_BUFFER_BYTES),
            (int) number(effective, KafkaServerDefaults.SOCKET_RECEIVE_BUFFER_BYTES)));
        return ResourceLine.of(lines);
    }

    private static String setting(final Map<String, String> effective, final String key) {
        return key + "=" + effective.get(key).trim();
    }

    private static long number(final Map<String, String> effective, final String key) {
        final String value = effective.get(key);
        try {
            return Long.parseLong(value.trim());
        } catch (final NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }
}
