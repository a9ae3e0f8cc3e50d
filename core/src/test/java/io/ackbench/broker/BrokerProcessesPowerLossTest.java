package io.ackbench.broker;

import io.ackbench.controller.ControllerConfig;
import io.ackbench.log.LogConfig;
import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A power loss of the leader's machine with {@code flush.messages=1}, acks=all and min.insync.replicas=2: every
 * record acknowledged before or after it is in every broker's log exactly once, although the leader's logs were cut
 * back to what its forces made durable.
 */
@Tag("slow")
class BrokerProcessesPowerLossTest {
    private static final int RECORDS = 1_000;
    private static final int ROUND = 100;
    private static final long AWAIT_SECONDS = 60;
    private static final Map<String, String> SETTINGS = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
        BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20",
        LogConfig.FLUSH_MESSAGES, "1",
        ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1000", ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "200");
    private static final Map<String, String> ACKS_ALL = Map.of("acks", "all", "linger.ms", "1");

    @TempDir
    Path dataDir;

    @Test
    void aPowerLossOfTheLeaderLosesNoAcknowledgedRecord() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final NumberedRecords records = new NumberedRecords(100, false);
        final int leader;
        try (BrokerProcesses cluster = BrokerProcesses.start(SETTINGS, dataDir);
             Producer producer = Producer.connect(ACKS_ALL, 0, "ackbench", cluster.connectClient(), deliveries)) {
            leader = cluster.layout().leader(0);
            records.send(producer, 0, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(deliveries.deliveries()).allMatch(d -> d.errorCode() == ErrorCode.NONE);

            // The active segments' preallocated tails at least go: the cut ran from the ledgers the broker kept.
            assertThat(cluster.powerLoss(leader)).isPositive();
            assertThat(cluster.isAlive(leader)).isTrue();

            // Until a record sent after the power loss is acknowledged: by a new leader, or the old one back.
            long sent = RECORDS;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
            while (deliveries.deliveries().stream().noneMatch(d -> d.record() >= RECORDS
                && d.errorCode() == ErrorCode.NONE)) {
                assertThat(System.nanoTime() - deadline).as("no record acknowledged after the power loss").isNegative();
                records.send(producer, sent, ROUND);
                sent += ROUND;
                assertThat(deliveries.awaitCount((int) sent, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            }
        }
        final List<Long> acknowledged = deliveries.deliveries().stream()
            .filter(d -> d.errorCode() == ErrorCode.NONE).map(DeliveryRecorder.Delivery::record).toList();
        assertThat(acknowledged).hasSizeGreaterThan(RECORDS);
        for (int broker = 0; broker < 3; broker++) {
            final Map<Long, Long> copies = LogContents.read(LogContents.partitionDir(dataDir, broker, "ackbench", 0))
                .stream().collect(Collectors.groupingBy(LogContents.Entry::value, HashMap::new,
                    Collectors.counting()));
            for (final long record : acknowledged) {
                assertThat(copies.get(record)).as("copies of acknowledged record %d on broker %d (leader was %d)",
                    record, broker, leader).isEqualTo(1L);
            }
        }
    }
}
