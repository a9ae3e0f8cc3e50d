package io.ackbench.fault;

import io.ackbench.controller.ControllerConfig;
import io.ackbench.broker.Broker;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.LogContents;
import io.ackbench.broker.NumberedRecords;
import io.ackbench.producer.Producer;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped follower is fenced once its broker session times out and leaves the ISR; from then on acks=all is
 * refused before the append when the ISR is smaller than min.insync.replicas, while acks=1 never looks at the ISR
 * (kafka-semantics.md §4.1).
 */
class MinInsyncReplicasTest {
    private static final int LEADER = 0;
    private static final int STOPPED_FOLLOWER = 2;
    private static final int BEFORE = 3;
    private static final int AFTER = 5;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "min.insync.replicas={0}, acks={1}")
    @CsvSource({
        "3, all, " + ErrorCode.NOT_ENOUGH_REPLICAS,
        "2, all, " + ErrorCode.NONE,
        "3, 1, " + ErrorCode.NONE,
        "2, 1, " + ErrorCode.NONE,
    })
    void sendsAfterAFollowerLeftTheIsr(final int minInsync, final String acks, final short expected) throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
            BrokerConfig.MIN_INSYNC_REPLICAS, Integer.toString(minInsync),
            BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "200",
            ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "2000", ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100",
            BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        // retries=0 so that the first answer is the outcome; idempotence needs retries, so it is off.
        final Map<String, String> producerSettings = Map.of("acks", acks, "linger.ms", "0", "retries", "0",
            "enable.idempotence", "false");
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            try (Producer producer = Producer.connect(producerSettings, cluster.layout(), cluster.connectClient(),
                deliveries)) {
                final NumberedRecords records = new NumberedRecords(100, false);
                records.send(producer, 0, BEFORE);
                assertThat(deliveries.awaitCount(BEFORE, 10, TimeUnit.SECONDS)).isTrue();

                new FollowerFaults(cluster).stop(STOPPED_FOLLOWER);
                awaitIsrSize(cluster, 2);
                records.send(producer, BEFORE, AFTER);
                assertThat(deliveries.awaitCount(BEFORE + AFTER, 10, TimeUnit.SECONDS)).isTrue();
            }
        }
        final List<DeliveryRecorder.Delivery> all = deliveries.deliveries();
        for (final DeliveryRecorder.Delivery delivery : all) {
            final boolean afterStop = delivery.record() >= BEFORE;
            assertThat(delivery.errorCode()).as("record %d", delivery.record())
                .isEqualTo(afterStop ? expected : ErrorCode.NONE);
            assertThat(delivery.offset()).isEqualTo(delivery.errorCode() == ErrorCode.NONE ? delivery.record() : -1);
        }
        final int appended = expected == ErrorCode.NONE ? BEFORE + AFTER : BEFORE;
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, LEADER, "ackbench", 0))).hasSize(appended);
        // acks=all completed the first records only once every ISR member had them; acks=1 did not wait.
        final int stoppedFollowerHas = LogContents.read(
            LogContents.partitionDir(dataDir, STOPPED_FOLLOWER, "ackbench", 0)).size();
        if (acks.equals("all")) {
            assertThat(stoppedFollowerHas).isEqualTo(BEFORE);
        } else {
            assertThat(stoppedFollowerHas).isLessThanOrEqualTo(BEFORE);
        }
    }

    @Test
    void aRestartedFollowerCatchesUpRejoinsTheIsrAndAcksAllWithMinInsyncThreeSucceedsAgain() throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
            BrokerConfig.MIN_INSYNC_REPLICAS, "3", BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "200",
            ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "2000", ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100",
            BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final Map<String, String> producerSettings = Map.of("acks", "all", "linger.ms", "0", "retries", "0",
            "enable.idempotence", "false");
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            final FollowerFaults faults = new FollowerFaults(cluster);
            try (Producer producer = Producer.connect(producerSettings, cluster.layout(), cluster.connectClient(),
                deliveries)) {
                final NumberedRecords records = new NumberedRecords(100, false);
                // With the follower gone the leader takes records with acks=1 meanwhile, which it must re-fetch.
                faults.stop(STOPPED_FOLLOWER);
                awaitIsrSize(cluster, 2);
                try (Producer leaderOnly = Producer.connect(Map.of("acks", "1", "linger.ms", "0"), cluster.layout(),
                    cluster.connectClient(), deliveries)) {
                    records.send(leaderOnly, 0, BEFORE);
                    assertThat(deliveries.awaitCount(BEFORE, 10, TimeUnit.SECONDS)).isTrue();
                }

                faults.restart(STOPPED_FOLLOWER);
                awaitIsrSize(cluster, 3);
                records.send(producer, BEFORE, AFTER);
                assertThat(deliveries.awaitCount(BEFORE + AFTER, 10, TimeUnit.SECONDS)).isTrue();
            }
        }
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.errorCode()).as("record %d", delivery.record()).isEqualTo(ErrorCode.NONE);
            assertThat(delivery.offset()).isEqualTo(delivery.record());
        }
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, STOPPED_FOLLOWER, "ackbench", 0)))
            .isEqualTo(LogContents.read(LogContents.partitionDir(dataDir, LEADER, "ackbench", 0)))
            .hasSize(BEFORE + AFTER);
    }

    private static void awaitIsrSize(final InProcessCluster cluster, final int size) {
        final Broker leader = cluster.broker(LEADER);
        Await.until("the leader's ISR of partition 0 has " + size + " members", () -> leader.isrSize(0) == size,
            () -> leader.isrSize(0) + " members");
    }
}
