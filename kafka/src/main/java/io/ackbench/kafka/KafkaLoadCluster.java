package io.ackbench.kafka;

import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.Workload;
import io.ackbench.producer.DeliveryListener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A Kafka cluster as a {@link LoadCluster}: one {@link KafkaProducer} per producing thread. */
final class KafkaLoadCluster implements LoadCluster {
    private static final String CLIENT_ID_PREFIX = "ackbench-load-";

    private final KafkaCluster cluster;
    private final String topic;
    /** Producers made so far, numbering their client ids; an atomic add, since load threads may each make one. */
    private final AtomicInteger producers = new AtomicInteger();

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

    @Override
    public void close() {
        cluster.close();
    }
}
