package io.ackbench.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** What the cluster tests look at from outside: Kafka's own view through its Admin client, and this JVM's children. */
final class ClusterChecks {
    /** Generous for 2 shared cores: a start normally takes a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private ClusterChecks() {
    }

    static Admin admin(final KafkaCluster cluster) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    static TopicDescription describe(final Admin admin, final String topic)
        throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    static ConfigEntry minInsyncReplicas(final Admin admin, final String topic)
        throws ExecutionException, InterruptedException {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    }

    /** Processes this (test) JVM started that are still running: brokers or tools left behind. */
    static long liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }
}
