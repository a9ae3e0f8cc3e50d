package io.ackbench.consumer;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.TcpCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer of every partition reads exactly the records an acks=all producer wrote, once each, in offset order per
 * partition, with each key beside its value: over in-process rings and over TCP.
 */
class ConsumerTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void readsExactlyTheRecordsProducedInProcess() {
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(), dataDir)) {
            readsExactlyTheRecordsProduced(cluster);
        }
    }

    @Test
    void readsExactlyTheRecordsProducedOverTcp() {
        try (TcpCluster cluster = TcpCluster.start(brokerSettings(), dataDir)) {
            readsExactlyTheRecordsProduced(cluster);
        }
    }

    private static void readsExactlyTheRecordsProduced(final BrokerCluster cluster) {
        ProducedRecords.produce(cluster, Map.of("acks", "all", "linger.ms", "1"), 0, RECORDS);
        final ConsumedRecords consumed = new ConsumedRecords();
        // Small fetches, so the records take many polls.
        final Map<String, String> settings = Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES, "4096",
            ConsumerConfig.FETCH_MAX_WAIT_MS, "50");
        try (Consumer consumer = Consumer.create(settings, cluster.connectClient(), cluster.layout(),
            new int[] {0, 1, 2}, consumed)) {
            ConsumerAwait.readAll(consumer, consumed, RECORDS);
            assertThat(consumer.atEnd()).isTrue();
            long total = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(consumer.highWatermark(p)).isEqualTo(consumer.position(p));
                total += consumer.position(p);
            }
            assertThat(total).isEqualTo(RECORDS);
            assertThat(consumer.sequenceGaps()).isZero();
            assertThat(consumer.sequenceDuplicates()).isZero();
            assertThat(consumer.offsetOutOfRange()).isZero();
        }
        assertThat(consumed.numbers).doesNotContain(-1L).doesNotHaveDuplicates().hasSize(RECORDS);
        // Per partition: offsets 0, 1, 2, ... in order, and the records' numbers rising as they were sent.
        for (int p = 0; p < PARTITIONS; p++) {
            final List<Long> offsets = new ArrayList<>();
            final List<Long> numbers = new ArrayList<>();
            for (final String record : consumed.records) {
                if (record.startsWith(p + "@")) {
                    offsets.add(Long.parseLong(record.substring(record.indexOf('@') + 1, record.indexOf('='))));
                    numbers.add(Long.parseLong(record.substring(record.indexOf('=') + 1)));
                }
            }
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("offset %d of partition %d", i, p).isEqualTo(i);
            }
            assertThat(numbers).as("partition %d's record numbers", p).isSorted();
        }
    }

    private static Map<String, String> brokerSettings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS));
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        return settings;
    }
}
