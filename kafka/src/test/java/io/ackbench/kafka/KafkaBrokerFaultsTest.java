package io.ackbench.kafka;

import io.ackbench.fault.FaultAction;
import io.ackbench.fault.FaultRunner;
import io.ackbench.fault.FaultSchedule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** A fault schedule applied to an embedded Kafka cluster: afterwards every broker is back in the ISR and serves. */
@Tag("slow")
class KafkaBrokerFaultsTest {
    private static final KafkaTopicSpec TOPIC = new KafkaTopicSpec("scheduled", 3, 3, 2);
    private static final long MS = 1_000_000L;

    @TempDir
    Path tmp;

    @Test
    void aScheduleOfAPauseAndAKillLeavesTheClusterFullyReplicated() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Map.of(), TOPIC, tmp.resolve("kafka"),
            READY_TIMEOUT)) {
            final FaultRunner runner = new FaultRunner(FaultSchedule.parse("brokers 3\n0 PAUSE 1 1\n1 KILL 2 1\n"),
                new KafkaBrokerFaults(cluster, READY_TIMEOUT), 0);
            assertThat(runner.runDue(2 * MS)).isEqualTo(4);
            assertThat(runner.applied()).extracting(FaultAction::describe)
                .containsExactly("pause broker 1", "resume broker 1", "kill broker 2", "restart broker 2");
            cluster.awaitReplicated(READY_TIMEOUT);

            final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
                final List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    acks.add(producer.send(new ProducerRecord<>(TOPIC.name(), Integer.toString(i))));
                }
                for (final Future<RecordMetadata> ack : acks) {
                    assertThat(ack.get().offset()).isGreaterThanOrEqualTo(0);
                }
            }
        }
        assertThat(ClusterChecks.liveChildren()).isZero();
    }
}
