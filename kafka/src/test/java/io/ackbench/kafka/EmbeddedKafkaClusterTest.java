package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.Workload;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class EmbeddedKafkaClusterTest {
    private static final int RECORDS = 100;
    /** How often the consumer polls for the records before the test gives up (a bound, not a timing). */
    private static final int MAX_POLLS = 100;
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void oneBrokerTakesRecordsWithAcksAllAndLeavesNothingBehind(@TempDir final Path tmp) throws Exception {
        final Path dataDir = tmp.resolve("kafka");
        final KafkaTopicSpec spec = new KafkaTopicSpec("one-broker", 3, 1, 1);
        final EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1, Map.of(), spec, dataDir, READY_TIMEOUT);
        final List<ProcessHandle> brokers = cluster.processes();
        try {
            assertThat(brokers).hasSize(1).allMatch(ProcessHandle::isAlive);
            assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(cluster.topic().partitions()).isEqualTo(3);
            try (Admin admin = ClusterChecks.admin(cluster)) {
                final TopicDescription topic = ClusterChecks.describe(admin, "one-broker");
                assertThat(topic.partitions()).hasSize(3)
                    .allSatisfy(p -> assertThat(p.replicas()).extracting(Node::id).containsExactly(0));
                final ConfigEntry minInsync = ClusterChecks.minInsyncReplicas(admin, "one-broker");
                assertThat(minInsync.value()).isEqualTo("1");
                assertThat(minInsync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            }

            final List<String> sent = IntStream.range(0, RECORDS).mapToObj(i -> "record-" + i)
                .collect(Collectors.toList());
            produce(cluster, "one-broker", sent);
            assertThat(consumeAll(cluster, "one-broker", 3)).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(Files.readString(cluster.brokerLog(0))).contains("Kafka Server started");
        } finally {
            cluster.close();
        }
        cluster.close(); // a second close does nothing
        assertThat(brokers).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void threeBrokersReplicateEveryPartitionThreeTimes(@TempDir final Path tmp) throws Exception {
        final Path dataDir = tmp.resolve("kafka");
        final KafkaTopicSpec spec = new KafkaTopicSpec("three-brokers", 6, 3, 2);
        final List<ProcessHandle> brokers;
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Map.of(), spec, dataDir, READY_TIMEOUT)) {
            brokers = cluster.processes();
            assertThat(brokers).hasSize(3).allMatch(ProcessHandle::isAlive);
            assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}");
            try (Admin admin = ClusterChecks.admin(cluster)) {
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id)
                    .containsExactlyInAnyOrder(0, 1, 2);
                final TopicDescription topic = ClusterChecks.describe(admin, "three-brokers");
                assertThat(topic.partitions()).hasSize(6);
                for (final TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.replicas()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                    assertThat(partition.isr()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                }
                assertThat(ClusterChecks.minInsyncReplicas(admin, "three-brokers").value()).isEqualTo("2");
            }
        }
        assertThat(brokers).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir).doesNotExist();
    }

    /**
     * {@code --broker-props replica.assignment=...} through the kafka target: the topic gets exactly those replicas,
     * preferred leader first, no broker's server.properties names the key, and the load cluster tells when a killed
     * follower has left the ISRs and when it is back in them.
     */
    @Test
    void aReplicaAssignmentPlacesTheTopicAndFullyReplicatedFollowsAFollowersDeathAndReturn(@TempDir final Path tmp)
        throws Exception {
        final Path dataDir = tmp.resolve("kafka");
        final Workload workload = Workload.builder().numRecords(1).partitions(2).brokers(3).replicationFactor(3)
            .minInsyncReplicas(2)
            .brokerSetting(ReplicaAssignment.KEY, "0:1:2,0:2:1")
            // A dead broker is fenced, so out of the ISRs, within 3 s rather than Kafka's 9.
            .brokerSetting("broker.session.timeout.ms", "3000")
            .brokerSetting("broker.heartbeat.interval.ms", "500")
            .build();
        final KafkaTarget target = KafkaTarget.embedded("assigned");
        target.check(workload);
        try (LoadCluster cluster = target.start(workload, dataDir)) {
            assertThat(Files.readString(dataDir.resolve("broker-0.properties")))
                .contains("broker.session.timeout.ms=3000").doesNotContain(ReplicaAssignment.KEY);
            try (Admin admin = ClusterChecks.admin(((KafkaLoadCluster) cluster).cluster())) {
                final TopicDescription topic = ClusterChecks.describe(admin, "assigned");
                assertThat(topic.partitions().get(0).replicas()).extracting(Node::id).containsExactly(0, 1, 2);
                assertThat(topic.partitions().get(1).replicas()).extracting(Node::id).containsExactly(0, 2, 1);
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isZero());
            }
            assertThat(cluster.fullyReplicated()).isTrue();

            cluster.faults().kill(1);
            awaitFullyReplicated(cluster, false);
            cluster.faults().restart(1);
            awaitFullyReplicated(cluster, true);
        }
    }

    private static void awaitFullyReplicated(final LoadCluster cluster, final boolean expected)
        throws InterruptedException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (cluster.fullyReplicated() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fullyReplicated() still " + !expected + " after " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static void produce(final KafkaCluster cluster, final String topic, final List<String> values)
        throws Exception {
        final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer())) {
            final List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (final String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, value, value)));
            }
            for (final Future<RecordMetadata> ack : acks) {
                assertThat(ack.get().offset()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    /** Every value in the topic, read from the start of each partition until the end offsets Kafka reports. */
    private static List<String> consumeAll(final KafkaCluster cluster, final String topic, final int partitions) {
        final Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            final List<TopicPartition> all = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toList());
            consumer.assign(all);
            consumer.seekToBeginning(all);
            final long total = consumer.endOffsets(all).values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isEqualTo(RECORDS);
            final List<String> values = new ArrayList<>();
            for (int poll = 0; poll < MAX_POLLS && values.size() < total; poll++) {
                for (final ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
