package io.ackbench.kafka;

import io.ackbench.load.KeyDistribution;
import io.ackbench.load.KeySource;
import io.ackbench.load.LoadGenerator;
import io.ackbench.load.RecordId;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka driver end to end: a 20,000-record keyed acks=all workload from the load generator into a 1-broker
 * embedded Kafka, read back with a {@link KafkaConsumer}: every acknowledged record is in the topic exactly once,
 * with the key the workload drew for it, on the partition Kafka's murmur2 gives that key, and with its value intact.
 */
@Tag("slow")
class KafkaDriverIntegrationTest {
    private static final String TOPIC = "driver-test";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 20_000;
    private static final int KEYS = 1_000;
    private static final int RECORD_SIZE = 100;
    /** Where the seeded part of a value starts: after its record id and intended send time. */
    private static final int SEEDED_FROM = RecordId.INTENDED_NANOS_OFFSET + Long.BYTES;
    private static final long SEED = 7;
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordIsInTheTopicOnceOnTheMurmur2PartitionOfItsKey() throws Exception {
        final Workload workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1)
            .partitions(PARTITIONS).numRecords(RECORDS).recordSize(RECORD_SIZE).seed(SEED)
            .keyDistribution(KeyDistribution.uniform(KEYS)).producerSetting("acks", "all").build();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, Map.of(),
            new KafkaTopicSpec(TOPIC, PARTITIONS, 1, 1), dir.resolve("kafka"), KafkaTarget.READY_TIMEOUT)) {
            final LoadGenerator generator = new LoadGenerator(KafkaTarget.external(kafka.bootstrapServers(), TOPIC),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
            final RunResult result = generator.run(workload, dir.resolve("run"), dir.resolve("data"));

            assertThat(result.failed()).as(printed.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(result.acknowledged()).isEqualTo(RECORDS);
            assertThat(dir.resolve("run").resolve(LoadGenerator.LATENCY_HGRM)).isNotEmptyFile();
            assertThat(dir.resolve("run").resolve(LoadGenerator.SUMMARY_JSON)).isNotEmptyFile();

            final List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka.bootstrapServers());
            assertThat(records).hasSize(RECORDS);
            final ConsumerRecord<byte[], byte[]>[] byIndex = byRecordIndex(records);
            final KeySource keys = new KeySource(workload.keyDistribution(), SEED);
            final byte[] expectedValue = seededValue();
            long previousIntended = Long.MIN_VALUE;
            for (int index = 0; index < RECORDS; index++) {
                final ConsumerRecord<byte[], byte[]> record = byIndex[index];
                assertThat(record).as("record %d", index).isNotNull();
                keys.next();
                final byte[] expectedKey = new byte[KeySource.KEY_LENGTH];
                keys.buffer().getBytes(0, expectedKey);
                assertThat(record.key()).as("key of record %d", index).isEqualTo(expectedKey);
                assertThat(record.partition()).as("partition of record %d", index)
                    .isEqualTo(Utils.toPositive(Utils.murmur2(expectedKey)) % PARTITIONS);
                // The id and the intended send time come first; the seeded bytes after them are every record's.
                assertThat(Arrays.copyOfRange(record.value(), SEEDED_FROM, RECORD_SIZE))
                    .as("value of record %d", index)
                    .isEqualTo(Arrays.copyOfRange(expectedValue, SEEDED_FROM, RECORD_SIZE));
                final long intended = ByteBuffer.wrap(record.value(), RecordId.INTENDED_NANOS_OFFSET, Long.BYTES)
                    .getLong();
                assertThat(intended).as("intended send time of record %d", index)
                    .isGreaterThanOrEqualTo(previousIntended);
                previousIntended = intended;
            }
        }
        assertThat(dir.resolve("kafka")).doesNotExist();
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    /** The records by their index in the one producing thread's schedule; a duplicate fails the test. */
    @SuppressWarnings("unchecked")
    private static ConsumerRecord<byte[], byte[]>[] byRecordIndex(final List<ConsumerRecord<byte[], byte[]>> records) {
        final ConsumerRecord<byte[], byte[]>[] byIndex = new ConsumerRecord[RECORDS];
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final long id = RecordId.read(record.value());
            assertThat(RecordId.thread(id)).isZero();
            final int index = (int) RecordId.index(id);
            assertThat(index).isBetween(0, RECORDS - 1);
            assertThat(byIndex[index]).as("a second copy of record %d at %s-%d", index, record.topic(),
                record.partition()).isNull();
            byIndex[index] = record;
        }
        return byIndex;
    }

    /** The value bytes the load generator sends, as it derives them from the seed. */
    private static byte[] seededValue() {
        final byte[] bytes = new byte[RECORD_SIZE];
        new SplittableRandom(SEED).nextBytes(bytes);
        return bytes;
    }

    /** Every record of every partition, from the beginning to the end offsets as they are now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(final String bootstrapServers) {
        final Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end) && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static boolean reachedEnd(final KafkaConsumer<byte[], byte[]> consumer,
                                      final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
