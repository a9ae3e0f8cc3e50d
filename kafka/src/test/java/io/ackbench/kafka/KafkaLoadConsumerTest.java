package io.ackbench.kafka;

import io.ackbench.load.ConsumedRecordListener;
import io.ackbench.load.KeyDistribution;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadConsumer;
import io.ackbench.load.RecordId;
import io.ackbench.load.Workload;
import io.ackbench.testing.Await;
import org.agrona.DirectBuffer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KafkaLoadConsumer} against a 1-broker embedded Kafka: records sent to known partitions (keyed and keyless,
 * one larger than the consumer's initial buffer) are read back by consumers 0 and 1 of 2, each exactly the records
 * of its partitions, in offset order, with their keys and values; each then says it is at the end.
 */
@Tag("slow")
class KafkaLoadConsumerTest {
    private static final String TOPIC = "consumer-test";
    private static final int PARTITIONS = 5;
    private static final int RECORDS = 200;
    /** Every tenth record is sent without a key. */
    private static final int KEYLESS_EVERY = 10;
    /** Larger than the consumer's initial record buffer, so it must grow. */
    private static final int LARGE_RECORD = 100;
    private static final int LARGE_VALUE_LENGTH = 5000;
    private static final long POLL_MS = 100;
    private static final long CATCH_UP_TIMEOUT_MS = 60_000;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path dir;
    private static Workload workload;
    private static LoadCluster cluster;
    /** What was sent, by partition, in offset order. */
    private static final Map<Integer, List<Read>> SENT = new TreeMap<>();

    /** A record as the listener heard it (or as it was sent): key and value as hex, a null key as null. */
    private record Read(int partition, long offset, String key, String value) {
    }

    @BeforeAll
    static void startClusterAndSend() throws Exception {
        workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1).partitions(PARTITIONS)
            .numRecords(RECORDS).keyDistribution(KeyDistribution.uniform(KEYLESS_EVERY)).build();
        cluster = KafkaTarget.embedded(TOPIC).start(workload, dir.resolve("kafka"));
        final String bootstrap = ((KafkaLoadCluster) cluster).cluster().bootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < RECORDS; i++) {
                final int partition = i % PARTITIONS;
                final byte[] key = i % KEYLESS_EVERY == KEYLESS_EVERY - 1 ? null
                    : ("key-" + i).getBytes(StandardCharsets.US_ASCII);
                final byte[] value = value(i);
                final RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, partition, key, value)).get();
                SENT.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Read(partition, sent.offset(),
                    key == null ? null : HEX.formatHex(key), HEX.formatHex(value)));
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The record's id, then bytes that differ with the record and its length, which varies from 8 to 68 bytes. */
    private static byte[] value(final int record) {
        final int length = record == LARGE_RECORD ? LARGE_VALUE_LENGTH : RecordId.LENGTH + (record % 7) * 10;
        final byte[] value = new byte[length];
        final long id = RecordId.of(0, record);
        for (int i = 0; i < RecordId.LENGTH; i++) {
            value[i] = (byte) (id >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
        for (int i = RecordId.LENGTH; i < length; i++) {
            value[i] = (byte) (record + i);
        }
        return value;
    }

    @Test
    void twoConsumersEachReadExactlyTheRecordsOfTheirPartitionsAndThenAreAtTheEnd() {
        for (int index = 0; index < 2; index++) {
            final List<Read> heard = new ArrayList<>();
            final List<Long> ids = new ArrayList<>();
            final AtomicInteger polled = new AtomicInteger();
            final ConsumedRecordListener listener = (partition, offset, buffer, keyOffset, keyLength, valueOffset,
                                                     valueLength) -> {
                heard.add(new Read(partition, offset, keyLength < 0 ? null : hex(buffer, keyOffset, keyLength),
                    hex(buffer, valueOffset, valueLength)));
                ids.add(RecordId.read(buffer, valueOffset));
            };
            try (LoadConsumer consumer = cluster.consumer(workload, index, 2, listener)) {
                assertThat(consumer.atEnd()).as("consumer %d before reading", index).isFalse();
                Await.until("consumer " + index + " has read to the end", () -> {
                    polled.addAndGet(consumer.poll(POLL_MS));
                    return consumer.atEnd();
                }, heard::size, CATCH_UP_TIMEOUT_MS);

                assertThat(consumer.atEnd()).isTrue();
                assertThat(consumer.poll(0)).isZero();
            }
            final Map<Integer, List<Read>> expected = new TreeMap<>();
            final List<Long> expectedIds = new ArrayList<>();
            for (int p = index; p < PARTITIONS; p += 2) {
                expected.put(p, SENT.get(p));
                for (int record = p; record < RECORDS; record += PARTITIONS) {
                    expectedIds.add(RecordId.of(0, record));
                }
            }
            assertThat(byPartition(heard)).as("consumer %d", index).isEqualTo(expected);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(polled.get()).isEqualTo(heard.size());
        }
    }

    @Test
    void aConsumerBeyondThePartitionsHasNothingToReadAndIsAtTheEnd() {
        final List<Read> heard = new ArrayList<>();
        try (LoadConsumer consumer = cluster.consumer(workload, PARTITIONS, PARTITIONS + 1,
            (partition, offset, buffer, keyOffset, keyLength, valueOffset, valueLength) ->
                heard.add(new Read(partition, offset, null, null)))) {
            assertThat(consumer.atEnd()).isTrue();
            assertThat(consumer.poll(POLL_MS)).isZero();
        }
        assertThat(heard).isEmpty();
    }

    /** A poll waiting on a caught-up consumer returns (with nothing) when another thread closes the consumer. */
    @Test
    void closeFromAnotherThreadEndsAWaitingPoll() throws Exception {
        final LoadConsumer consumer = cluster.consumer(workload, 0, 1, (p, o, b, ko, kl, vo, vl) -> { });
        Await.until("the consumer has read to the end", () -> {
            consumer.poll(POLL_MS);
            return consumer.atEnd();
        }, null, CATCH_UP_TIMEOUT_MS);
        final AtomicInteger polled = new AtomicInteger(-1);
        final Thread poller = new Thread(() -> polled.set(consumer.poll(CATCH_UP_TIMEOUT_MS)), "poller");
        poller.start();
        consumer.close();
        Await.until("the waiting poll has returned", () -> !poller.isAlive());
        assertThat(polled.get()).isZero();
        assertThat(consumer.poll(POLL_MS)).isZero();
        consumer.close(); // a second close does nothing
    }

    private static Map<Integer, List<Read>> byPartition(final List<Read> reads) {
        final Map<Integer, List<Read>> byPartition = new TreeMap<>();
        for (final Read read : reads) {
            byPartition.computeIfAbsent(read.partition(), p -> new ArrayList<>()).add(read);
        }
        return byPartition;
    }

    private static String hex(final DirectBuffer buffer, final int offset, final int length) {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return HEX.formatHex(bytes);
    }
}
