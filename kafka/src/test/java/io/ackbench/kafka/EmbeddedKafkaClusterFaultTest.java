package io.ackbench.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
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
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kill -9, restart and SIGSTOP/SIGCONT on an embedded Kafka broker: a killed broker comes back with its node id,
 * ports and data, catches up into the ISR and, made leader again, serves what was written before the kill.
 */
@Tag("slow")
class EmbeddedKafkaClusterFaultTest {
    private static final int RECORDS = 500;
    private static final KafkaTopicSpec TOPIC = new KafkaTopicSpec("faults", 1, 3, 2);
    private static final TopicPartition PARTITION = new TopicPartition("faults", 0);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLLS = 300;
    private static final long AWAIT_MILLIS = 60_000;
    private static final long AWAIT_POLL_MILLIS = 100;

    @TempDir
    Path tmp;

    @Test
    void aKilledBrokerRestartsWithItsDataAndAPausedOneResumes() throws Exception {
        final List<ProcessHandle> processes;
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Map.of(), TOPIC, tmp.resolve("kafka"),
             READY_TIMEOUT); Admin admin = ClusterChecks.admin(cluster)) {
            final List<String> written = produce(cluster, 0, RECORDS);
            final int preferred = describe(admin).partitions().get(0).replicas().get(0).id();
            final long pid = cluster.pid(preferred);

            cluster.kill(preferred);
            assertThat(cluster.isAlive(preferred)).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> cluster.restart((preferred + 1) % 3, READY_TIMEOUT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is still running");

            cluster.restart(preferred, READY_TIMEOUT);
            assertThat(cluster.pid(preferred)).isNotEqualTo(pid);
            assertThat(Files.readString(cluster.brokerLog(preferred)))
                .contains(EmbeddedKafkaCluster.STARTED_MESSAGE);
            cluster.awaitReplicated(READY_TIMEOUT);
            // Leading again, the restarted broker serves everything acknowledged before its kill, from its own log.
            awaitLeader(admin, preferred);
            assertThat(consume(cluster)).isEqualTo(written);

            final int follower = (preferred + 1) % 3;
            cluster.pause(follower);
            assertThat(cluster.isPaused(follower)).isTrue();
            assertThat(processState(cluster.pid(follower))).isEqualTo('T');
            cluster.resume(follower);
            assertThat(cluster.isPaused(follower)).isFalse();
            produce(cluster, RECORDS, RECORDS);
            cluster.awaitReplicated(READY_TIMEOUT);

            // Close kills paused brokers too.
            cluster.pause(follower);
            processes = cluster.processes();
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(ClusterChecks.liveChildren()).isZero();
    }

    private static TopicDescription describe(final Admin admin) throws ExecutionException, InterruptedException {
        return ClusterChecks.describe(admin, TOPIC.name());
    }

    /** Moves leadership back to the preferred replica, once it is in the ISR, and waits until it leads. */
    private static void awaitLeader(final Admin admin, final int node) throws Exception {
        final long deadline = System.currentTimeMillis() + AWAIT_MILLIS;
        while (true) {
            try {
                admin.electLeaders(ElectionType.PREFERRED, Set.of(PARTITION)).partitions().get().get(PARTITION)
                    .ifPresent(e -> {
                        if (!(e instanceof ElectionNotNeededException)) {
                            throw new IllegalStateException(e);
                        }
                    });
            } catch (final IllegalStateException | ExecutionException e) {
                // Not electable yet: look again.
            }
            final TopicDescription description = describe(admin);
            if (description.partitions().get(0).leader() != null
                && description.partitions().get(0).leader().id() == node) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Broker " + node + " does not lead " + PARTITION + ": " + description);
            }
            Thread.sleep(AWAIT_POLL_MILLIS);
        }
    }

    private static List<String> produce(final KafkaCluster cluster, final int from, final int count)
        throws Exception {
        final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all");
        final List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer())) {
            final List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                values.add("record-" + i);
                acks.add(producer.send(new ProducerRecord<>(TOPIC.name(), values.get(values.size() - 1))));
            }
            for (final Future<RecordMetadata> ack : acks) {
                assertThat(ack.get().offset()).isGreaterThanOrEqualTo(0);
            }
        }
        return values;
    }

    private static List<String> consume(final KafkaCluster cluster) {
        final Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            final long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            final List<String> values = new ArrayList<>();
            for (int poll = 0; poll < MAX_POLLS && values.size() < end; poll++) {
                for (final ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    /** The state letter of /proc/PID/stat: 'T' when stopped. */
    private static char processState(final long pid) throws java.io.IOException {
        final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
