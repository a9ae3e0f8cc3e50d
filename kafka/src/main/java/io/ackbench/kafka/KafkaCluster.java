package io.ackbench.kafka;

/**
 * An Apache Kafka cluster a benchmark produces to: one the harness started ({@link EmbeddedKafkaCluster}) or one
 * that was already running ({@link ExternalKafkaCluster}). Either way its topic exists and is ready when the
 * cluster object is returned.
 */
public interface KafkaCluster extends AutoCloseable {
    /** Kafka's {@code bootstrap.servers} for clients, for example {@code 127.0.0.1:40123,127.0.0.1:40125}. */
    String bootstrapServers();

    /** Gives up what the harness holds; what that means depends on whose cluster it is. Never throws checked. */
    @Override
    void close();
}
