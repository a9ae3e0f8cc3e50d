package io.ackbench.kafka;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.load.ConsumedRecordListener;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadConsumer;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.Workload;
import io.ackbench.load.machine.ClusterJvm;
import io.ackbench.load.machine.ClusterProcesses;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.producer.DeliveryListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kafka cluster as a {@link LoadCluster}: one {@link KafkaProducer} per producing thread, one {@link KafkaConsumer}
 * per consuming thread. Its {@link #stages()} are what Kafka exposes: the producers' metrics and, for an embedded
 * cluster, the brokers' Produce request histograms over JMX ({@link KafkaStages}).
 */
final class KafkaLoadCluster implements LoadCluster {
    private static final String CLIENT_ID_PREFIX = "ackbench-load-";
    private static final String CONSUMER_CLIENT_ID_PREFIX = CLIENT_ID_PREFIX + "consumer-";
    /**
     * Producer settings that are also consumer settings but name the producer's own: its client id and its
     * interceptors, which are ProducerInterceptor classes. The other shared ones (security, SSL, SASL, DNS lookup,
     * socket buffers, timeouts) describe how to reach the cluster and pass to the consumers too.
     */
    private static final Set<String> PRODUCER_ONLY_SHARED_SETTINGS = Set.of(ConsumerConfig.CLIENT_ID_CONFIG,
        ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
    /** One look at the leaders; a paused broker may hold an Admin request this long. */
    private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaCluster cluster;
    private final String topic;
    /** Producers made so far, numbering their client ids; an atomic add, since load threads may each make one. */
    private final AtomicInteger producers = new AtomicInteger();
    /** Consumers made so far, numbering their client ids; an atomic add, as for producers. */
    private final AtomicInteger consumers = new AtomicInteger();
    /** The Admin client that asks for leaders, made on first use by the fault thread; closed by close(). */
    private volatile Admin admin;
    /** Every producer connected, for its metrics; a copy-on-write list, since load threads may each add one. */
    private final List<KafkaProducer<byte[], byte[]>> kafkaProducers = new CopyOnWriteArrayList<>();
    /** The producers' metric window, from the last workload connected; volatile, as for the list. */
    private volatile MetricWindow metricWindow = MetricWindow.of(Map.of());
    /** The brokers' counts at the measurement start, counting from measureFrom on; null before it or for a running
     * cluster. Volatile: measureFrom and stages() may run on different threads. */
    private volatile StartCounts startCounts;

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
        final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties);
        kafkaProducers.add(producer);
        metricWindow = MetricWindow.of(workload.producerSettings());
        return new KafkaLoadProducer(producer, topic, listener);
    }

    /**
     * A {@link KafkaLoadConsumer} of partitions {@code p % count == index}: no group id and no commits (offsets
     * are the consumer's own business, assigned by hand), earliest offsets, read_uncommitted (the topic has no
     * transactions, so that is everything below the high watermark). The workload has no consumer settings of its
     * own; its producer settings that Kafka's consumer also knows pass through (see
     * {@link #PRODUCER_ONLY_SHARED_SETTINGS}).
     */
    @Override
    public LoadConsumer consumer(final Workload workload, final int index, final int count,
                                 final ConsumedRecordListener listener) {
        final int[] assigned = LoadCluster.partitionsOf(index, count, workload.partitions());
        final Properties properties = new Properties();
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, CONSUMER_CLIENT_ID_PREFIX + consumers.getAndIncrement());
        properties.putAll(sharedWithConsumer(workload.producerSettings()));
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final int p : assigned) {
            partitions.add(new TopicPartition(topic, p));
        }
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
        try {
            return new KafkaLoadConsumer(consumer, partitions, listener);
        } catch (final RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    static Map<String, String> sharedWithConsumer(final Map<String, String> producerSettings) {
        final Map<String, String> shared = new HashMap<>();
        for (final Map.Entry<String, String> setting : producerSettings.entrySet()) {
            if (ConsumerConfig.configNames().contains(setting.getKey())
                && !PRODUCER_ONLY_SHARED_SETTINGS.contains(setting.getKey())) {
                shared.put(setting.getKey(), setting.getValue());
            }
        }
        return shared;
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

    /**
     * The embedded cluster's data directory and JVMs, each with its command line and GC log: a dedicated controller's
     * first, as ackbench's broker processes list theirs, then the brokers'.
     */
    @Override
    public ClusterProcesses processes() {
        if (!(cluster instanceof EmbeddedKafkaCluster embedded)) {
            return ClusterProcesses.UNKNOWN;
        }
        final List<ClusterJvm> jvms = new ArrayList<>();
        if (embedded.placement() == ControllerPlacement.DEDICATED) {
            jvms.add(new ClusterJvm(EmbeddedKafkaCluster.CONTROLLER, embedded.controllerCommand(),
                embedded.controllerGcLog()));
        }
        for (int node = 0; node < embedded.brokers(); node++) {
            jvms.add(new ClusterJvm("broker-" + node, embedded.brokerCommand(node), embedded.gcLog(node)));
        }
        return new ClusterProcesses(embedded.dataDir(), jvms);
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

    /**
     * For an embedded cluster, takes the brokers' Produce request counts at {@code measureStartNanos}; a later call
     * replaces an earlier one.
     */
    @Override
    public void measureFrom(final long measureStartNanos) {
        if (cluster instanceof EmbeddedKafkaCluster embedded) {
            final int[] ports = new int[embedded.brokers()];
            for (int node = 0; node < ports.length; node++) {
                ports[node] = embedded.jmxPort(node);
            }
            final StartCounts previous = startCounts;
            if (previous != null) {
                previous.cancel();
            }
            startCounts = StartCounts.start(ports, measureStartNanos);
        }
    }

    /**
     * The producers' queue and request figures, and for an embedded cluster the brokers' Produce request stages,
     * read now over JMX (each broker given {@link BrokerJmx#READ_TIMEOUT}; one that does not answer is left out, with
     * a note saying so).
     */
    @Override
    public StageBreakdown stages() {
        final ProducerFigures producer = ProducerFigures.of(kafkaProducers);
        if (!(cluster instanceof EmbeddedKafkaCluster embedded)) {
            return KafkaStages.of(producer, metricWindow, List.of(), "the brokers of a running cluster are not the "
                + "harness's to reach over JMX; read kafka.network:type=RequestMetrics,request=Produce there");
        }
        final List<BrokerReading> readings = new ArrayList<>();
        try {
            final StartCounts counting = startCounts;
            final List<Map<String, Long>> start = counting == null ? null : counting.await(BrokerJmx.READ_TIMEOUT);
            for (int node = 0; node < embedded.brokers(); node++) {
                try {
                    readings.add(new BrokerReading(node, BrokerJmx.readProduce(embedded.jmxPort(node),
                        BrokerJmx.READ_TIMEOUT), start == null ? Map.of() : start.get(node), null));
                } catch (final IOException | IllegalStateException e) {
                    readings.add(BrokerReading.failed(node, e.getMessage()));
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            for (int node = readings.size(); node < embedded.brokers(); node++) {
                readings.add(BrokerReading.failed(node, "interrupted while reading it"));
            }
        }
        return KafkaStages.of(producer, metricWindow, readings, null);
    }

    @Override
    public void close() {
        final StartCounts counting = startCounts;
        if (counting != null) {
            counting.cancel();
        }
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
