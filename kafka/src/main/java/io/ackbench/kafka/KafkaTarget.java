package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import io.ackbench.config.ConfigException;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache Kafka as a load target: kafka-clients' {@code KafkaProducer} sending to an {@link EmbeddedKafkaCluster} the
 * target starts (the workload's brokers, partitions, replication factor and min.insync.replicas; its broker settings
 * as server.properties lines) or to a running cluster named by its bootstrap servers, where the topic is created if
 * missing and nothing else is touched. The broker setting {@value ReplicaAssignment#KEY} is the topic's, never a
 * broker's: the topic is created with it, as {@code kafka-topics --replica-assignment} does, on either cluster.
 */
public final class KafkaTarget implements LoadTarget {
    public static final String NAME = "kafka";
    /** Three JVMs starting on 2 cores take 10 to 20 s; a minute leaves room on a loaded machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How long a running cluster may take to answer the topic's Admin requests. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;

    private KafkaTarget(final String bootstrapServers, final String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** A cluster this target starts for each run, one JVM per broker, deleted after it. */
    public static KafkaTarget embedded(final String topic) {
        return new KafkaTarget(null, topic);
    }

    /** The running cluster at {@code bootstrapServers} ({@code host:port,...}). */
    public static KafkaTarget external(final String bootstrapServers, final String topic) {
        return new KafkaTarget(bootstrapServers, topic);
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
        if (!isEmbedded() && !serverProperties(workload).isEmpty()) {
            throw new ConfigException(serverProperties(workload).keySet().iterator().next(),
                "broker settings configure the embedded cluster only; a running cluster at " + bootstrapServers
                    + " keeps its own");
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

    /** The broker settings that go to server.properties: all given but the topic's replica assignment. */
    private static Map<String, String> serverProperties(final Workload workload) {
        final Map<String, String> settings = new HashMap<>(workload.givenBrokerSettings());
        settings.remove(ReplicaAssignment.KEY);
        return settings;
    }

    @Override
    public LoadCluster start(final Workload workload, final Path dataDir) throws IOException, InterruptedException {
        final KafkaTopicSpec spec = topicFor(workload);
        final KafkaCluster cluster = isEmbedded()
            ? EmbeddedKafkaCluster.start(workload.brokers(), serverProperties(workload), spec, dataDir,
                READY_TIMEOUT)
            : ExternalKafkaCluster.connect(bootstrapServers, spec, ADMIN_TIMEOUT);
        return new KafkaLoadCluster(cluster, topic);
    }
}
