package io.ackbench.broker;

import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer and three brokers over TCP, with the brokers in this JVM on their own ports or in processes of
 * their own: every acknowledged record is in its leader's log at the offset it was acknowledged with, and in both
 * followers' logs (they are in the ISR throughout, and acks=all waited for them).
 */
@Tag("slow")
class OverTcpTest {
    private static final int RECORDS = 20_000;
    private static final int PARTITIONS = 3;

    @TempDir
    Path dataDir;

    @Test
    void metadataDescribesTheLayoutAndRefusesAnUnknownTopic() {
        try (TcpCluster cluster = TcpCluster.start(Map.of(BrokerConfig.NUM_PARTITIONS, "7"), dataDir)) {
            final io.ackbench.transport.TopicLayout expected = cluster.layout();
            final DeliveryRecorder deliveries = new DeliveryRecorder();
            try (Producer producer = Producer.connect(Map.of(), 2, "ackbench", cluster.connectClient(), deliveries)) {
                assertThat(producer.numPartitions()).isEqualTo(7);
            }
            assertThatThrownBy(() -> Producer.connect(Map.of("max.block.ms", "2000"), 0, "nosuchtopic",
                cluster.connectClient(), deliveries))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Broker 0 answered UNKNOWN_TOPIC_OR_PARTITION for topic 'nosuchtopic'");
            // What the broker sends decodes to the layout it holds, replica for replica.
            final org.agrona.concurrent.UnsafeBuffer frame = new org.agrona.concurrent.UnsafeBuffer(new byte[512]);
            final int length = io.ackbench.transport.Metadata.encodeResponse(frame, 0, 9, 0,
                io.ackbench.transport.ErrorCode.NONE, expected);
            final io.ackbench.transport.TopicLayout decoded = io.ackbench.transport.Metadata.layout(frame, 0, length);
            assertThat(decoded.topic()).isEqualTo("ackbench");
            assertThat(decoded.brokerCount()).isEqualTo(3);
            for (int p = 0; p < 7; p++) {
                assertThat(decoded.replicas(p)).containsExactly(p % 3, (p + 1) % 3, (p + 2) % 3);
            }
        }
    }

    @ParameterizedTest(name = "brokers {0}")
    @ValueSource(strings = {"in-process", "processes"})
    void everyAcknowledgedRecordIsInTheLeaderAndFollowerLogs(final String where) throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS),
            BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final BrokerCluster cluster = where.equals("processes")
            ? BrokerProcesses.start(brokerSettings, dataDir) : TcpCluster.start(brokerSettings, dataDir);
        // The producer learns the layout from broker 1's Metadata answer, as a Kafka client bootstraps.
        try (cluster; Producer producer = Producer.connect(Map.of("acks", "all", "linger.ms", "1"), 1, "ackbench",
            cluster.connectClient(), deliveries)) {
            new NumberedRecords(100, true).send(producer, 0, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, 60, TimeUnit.SECONDS)).isTrue();
        }

        final Map<Long, Long> offsetOf = new HashMap<>();
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.errorCode()).isEqualTo(ErrorCode.NONE);
            offsetOf.put(delivery.record(), delivery.offset());
        }
        assertThat(offsetOf).hasSize(RECORDS);
        int stored = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            final List<LogContents.Entry> leaderLog = LogContents.read(
                LogContents.partitionDir(dataDir, p % 3, "ackbench", p));
            for (final LogContents.Entry entry : leaderLog) {
                assertThat(offsetOf.get(entry.value())).as("record %d", entry.value()).isEqualTo(entry.offset());
            }
            stored += leaderLog.size();
            for (int follower = 1; follower < 3; follower++) {
                assertThat(LogContents.read(LogContents.partitionDir(dataDir, (p + follower) % 3, "ackbench", p)))
                    .isEqualTo(leaderLog);
            }
        }
        assertThat(stored).isEqualTo(RECORDS);
    }
}
