package io.ackbench.kafka;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.Workload;
import io.ackbench.producer.DeliveryListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A Kafka cluster as a {@link LoadCluster}: one {@link KafkaProducer} per producing thread. */
final class KafkaLoadCluster implements LoadCluster {
    private static final String CLIENT_ID_PREFIX = "ackbench-load-";
    /** One look at the leaders; a paused broker may hold an Admin request this long. */
    private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaCluster cluster;
    private final String topic;
    /** Producers made so far, numbering their client ids; an atomic add, since load threads may each make one. */
    private final AtomicInteger producers = new AtomicInteger();
    /** The Admin client that asks for leaders, made on first use by the fault thread; closed by close(). */
    private volatile Admin admin;

    KafkaLoadCluster(final KafkaCluster cluster, final String topic) {
        this.cluster = cluster;
        this.topic = topic;
    }

    @Override
    public LoadProducer connect(final Workload workload, final DeliveryListener listener) {
        final Properties properties = new Properties();
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID_PREFIX + producers.getAndIncrement());
        properties.putAll(workload.producerSettings());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaLoadProducer(new KafkaProducer<>(properties), topic, listener);
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    /** The embedded cluster's brokers; a running cluster's are not this run's to stop. */
    @Override
    public BrokerFaults faults() {
        return cluster instanceof EmbeddedKafkaCluster embedded
            ? new KafkaBrokerFaults(embedded, KafkaTarget.READY_TIMEOUT) : null;
    }

    /** Kafka's metadata, through an Admin client of its own (a Metadata round trip per look). */
    @Override
    public PartitionLeaders leaders() {
        return () -> {
            if (admin == null) {
                admin = KafkaTopics.connect(cluster.bootstrapServers());
            }
            try {
                return KafkaTopics.leaders(admin, topic, LEADERS_TIMEOUT, PartitionLeaders.NO_LEADER);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while asking for the leaders of " + topic, e);
            }
        };
    }

    @Override
    public void close() {
        final Admin leaderAdmin = admin;
        if (leaderAdmin != null) {
            KafkaTopics.close(leaderAdmin);
        }
        cluster.close();
    }

    /**
     * Kafka's metadata through the leaders' Admin client: every partition has a leader and as many ISR members as
     * replicas. A cluster that does not answer within {@link #LEADERS_TIMEOUT} is not fully replicated, as far as
     * anyone can tell.
     */
    @Override
    public boolean fullyReplicated() {
        if (admin == null) {
            admin = KafkaTopics.connect(cluster.bootstrapServers());
        }
        try {
            return KafkaTopics.fullyReplicated(admin, topic, LEADERS_TIMEOUT);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
