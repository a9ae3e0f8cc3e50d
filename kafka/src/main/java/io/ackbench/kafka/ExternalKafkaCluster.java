package io.ackbench.kafka;

import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.Optional;

/**
 * An Apache Kafka cluster that runs without the harness (a real deployment, a container, another user's brokers). The
 * harness only makes sure the topic is there: it creates it as asked when it is missing, and otherwise uses it as it
 * is, saying how it differs. Nothing is ever deleted or reconfigured, and {@link #close()} leaves the cluster alone.
 */
public final class ExternalKafkaCluster implements KafkaCluster {
    private final String bootstrapServers;
    private final TopicState topic;

    private ExternalKafkaCluster(final String bootstrapServers, final TopicState topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /**
     * @param bootstrapServers Kafka's {@code bootstrap.servers}, for example {@code kafka1:9092,kafka2:9092}
     * @param topic created when missing (waiting until every partition has its leader and full ISR); an existing
     *     topic is used unchanged and its actual layout printed
     * @param timeout for all of it
     * @throws IllegalStateException naming the bootstrap servers when no broker answers within {@code timeout}, or
     *     with Kafka's reason when it refuses to create the topic
     */
    public static ExternalKafkaCluster connect(final String bootstrapServers, final KafkaTopicSpec topic,
                                               final Duration timeout) throws InterruptedException {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is '" + bootstrapServers
                + "'; give host:port[,host:port...] of the Kafka cluster");
        }
        if (topic == null) {
            throw new IllegalArgumentException("topic is required");
        }
        final Deadline deadline = Deadline.after(timeout, "timeout");
        final Admin admin = KafkaTopics.connect(bootstrapServers);
        try {
            final Optional<TopicState> existing = KafkaTopics.describe(admin, topic.name(), deadline, bootstrapServers);
            if (existing.isPresent()) {
                return existing(bootstrapServers, topic, existing.get());
            }
            if (!KafkaTopics.create(admin, topic, deadline, bootstrapServers)) {
                // Someone else created it between the two calls: theirs is the topic to use.
                return existing(bootstrapServers, topic,
                    KafkaTopics.describe(admin, topic.name(), deadline, bootstrapServers).orElseThrow());
            }
            KafkaTopics.awaitReplicated(admin, topic.name(), topic.partitions(), deadline, () -> { });
            System.out.println("# Kafka at " + bootstrapServers + ": created topic " + topic);
            return new ExternalKafkaCluster(bootstrapServers, KafkaTopics.describe(admin, topic.name(), deadline,
                bootstrapServers).orElseThrow());
        } finally {
            KafkaTopics.close(admin);
        }
    }

    private static ExternalKafkaCluster existing(final String bootstrapServers, final KafkaTopicSpec asked,
                                                 final TopicState actual) {
        final boolean asAsked = actual.partitions() == asked.partitions()
            && actual.replicationFactor() == asked.replicationFactor()
            && actual.minInsyncReplicas() == asked.minInsyncReplicas()
            && asked.replicaAssignment().map(actual.replicaAssignment()::equals).orElse(true);
        // The assignment is shown when one was asked for: a run that asks for one depends on it.
        System.out.println("# Kafka at " + bootstrapServers + ": topic "
            + (asked.replicaAssignment().isPresent() ? actual.withReplicaAssignment() : actual)
            + " exists and is used as it is" + (asAsked ? "" : " (asked for " + asked + ")"));
        return new ExternalKafkaCluster(bootstrapServers, actual);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The topic as the cluster has it: an existing topic's partitions, RF and min.insync may differ from those asked. */
    public TopicState topic() {
        return topic;
    }

    /** Nothing to give up: the cluster and its topic stay as they are. */
    @Override
    public void close() {
    }
}
