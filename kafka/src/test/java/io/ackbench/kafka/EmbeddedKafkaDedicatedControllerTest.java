package io.ackbench.kafka;

import io.ackbench.load.BrokerJvmOptions;
import io.ackbench.load.machine.ClusterJvm;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** Three broker JVMs and one controller JVM, the brokers on the comparison's heap and GC: records with acks=all. */
@Tag("slow")
class EmbeddedKafkaDedicatedControllerTest {
    private static final int RECORDS = 20;

    @Test
    void threeBrokersBesideOneControllerTakeRecordsWithAcksAll(@TempDir final Path tmp) throws Exception {
        final Path dataDir = tmp.resolve("kafka");
        final KafkaTopicSpec spec = new KafkaTopicSpec("dedicated", 6, 3, 2);
        final List<ProcessHandle> jvms;
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, KafkaProfile.TUNED.settings(), spec,
            dataDir, READY_TIMEOUT, ControllerPlacement.DEDICATED, BrokerJvmOptions.COMPARISON_DEFAULT)) {
            jvms = cluster.processes();
            assertThat(jvms).hasSize(4).allMatch(ProcessHandle::isAlive);
            assertThat(cluster.controllerCommand()).contains("-Xms256M", "-Xmx256M");
            assertThat(cluster.brokerCommand(0)).contains("-Xms1G", "-Xmx1G").doesNotContain("-Xms256M");
            try (Admin admin = ClusterChecks.admin(cluster)) {
                // Only brokers register; the controller node is no broker of the cluster.
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id)
                    .containsExactlyInAnyOrder(0, 1, 2);
                final TopicDescription topic = ClusterChecks.describe(admin, "dedicated");
                for (final TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.isr()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                }
            }
            produce(cluster);
            assertThat(Files.readString(cluster.controllerLog())).contains(EmbeddedKafkaCluster.STARTED_MESSAGE);
            assertThat(cluster.controllerGcLog()).exists();
            assertThat(new KafkaLoadCluster(cluster, "dedicated").processes().jvms()).extracting(ClusterJvm::name)
                .containsExactly("controller", "broker-0", "broker-1", "broker-2");
            assertThat(Files.readString(dataDir.resolve("broker-1.properties")))
                .contains("process.roles=broker\n", "controller.quorum.voters=3@127.0.0.1:", "num.io.threads=2\n");
        }
        assertThat(jvms).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir).doesNotExist();
    }

    private static void produce(final KafkaCluster cluster) throws Exception {
        final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer())) {
            final List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                acks.add(producer.send(new ProducerRecord<>("dedicated", "key-" + i, "record-" + i)));
            }
            for (final Future<RecordMetadata> ack : acks) {
                assertThat(ack.get().offset()).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
