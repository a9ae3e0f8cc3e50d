package io.ackbench.broker;

import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer and three brokers over TCP, with the brokers in this JVM on their own ports or in processes of
 * their own: every acknowledged record is in its leader's log at the offset it was acknowledged with, and in both
 * followers' logs (they are in the ISR throughout, and acks=all waited for them).
 */
class OverTcpTest {
    private static final int RECORDS = 20_000;
    private static final int PARTITIONS = 3;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "brokers {0}")
    @ValueSource(strings = {"in-process", "processes"})
    void everyAcknowledgedRecordIsInTheLeaderAndFollowerLogs(final String where) throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS),
            BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final BrokerCluster cluster = where.equals("processes")
            ? BrokerProcesses.start(brokerSettings, dataDir) : TcpCluster.start(brokerSettings, dataDir);
        try (cluster; Producer producer = Producer.connect(Map.of("acks", "all", "linger.ms", "1"),
            cluster.layout(), cluster.connectClient(), deliveries)) {
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
