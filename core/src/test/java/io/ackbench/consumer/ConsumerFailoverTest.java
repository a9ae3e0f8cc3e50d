package io.ackbench.consumer;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.controller.ControllerConfig;
import io.ackbench.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer follows a leader change: the leader of the only partition dies with the consumer's fetch parked at
 * it, the controller elects a follower from the ISR, and the consumer, finding its fetch unanswered, asks for
 * metadata and goes on from the same position at the new leader, reading every acknowledged record exactly once.
 */
@Tag("slow")
class ConsumerFailoverTest {
    private static final int BEFORE = 500;
    private static final int AFTER = 500;

    @TempDir
    Path dataDir;

    @Test
    void readsEveryCommittedRecordOnceAcrossTheLeadersDeath() {
        final Map<String, String> brokerSettings = new HashMap<>();
        brokerSettings.put(BrokerConfig.NUM_PARTITIONS, "1");
        brokerSettings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        brokerSettings.put(ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1500");
        brokerSettings.put(ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100");
        // A request to the dead broker (an InitProducerId, say) is given up on within a second.
        final Map<String, String> producerSettings = Map.of("acks", "all", "linger.ms", "1", "request.timeout.ms",
            "1000");
        final Map<String, String> consumerSettings = Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS, "100",
            ConsumerConfig.REQUEST_TIMEOUT_MS, "500", ConsumerConfig.RETRY_BACKOFF_MS, "50",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES, "2048");
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            ProducedRecords.produce(cluster, producerSettings, 0, BEFORE);
            final ConsumedRecords consumed = new ConsumedRecords();
            try (Consumer consumer = Consumer.create(consumerSettings, cluster.connectClient(), cluster.layout(),
                new int[] {0}, consumed)) {
                ConsumerAwait.readAll(consumer, consumed, BEFORE);
                final long refreshesBefore = consumer.metadataRefreshes();
                consumer.poll(0); // a fetch is now parked at broker 0, which has nothing new

                cluster.broker(0).stop();
                Await.until("broker 1 leads in epoch 1", () -> cluster.broker(1).isLeader(0)
                    && cluster.broker(1).leaderEpoch(0) == 1);
                ProducedRecords.produce(cluster, producerSettings, 1, BEFORE, AFTER);

                ConsumerAwait.readAll(consumer, consumed, BEFORE + AFTER, 20_000);
                assertThat(consumer.position(0)).isEqualTo(BEFORE + AFTER);
                assertThat(consumer.highWatermark(0)).isEqualTo(BEFORE + AFTER);
                assertThat(consumer.metadataRefreshes()).isGreaterThan(refreshesBefore);
                assertThat(consumer.sequenceGaps()).isZero();
                assertThat(consumer.sequenceDuplicates()).isZero();
            }
            final List<String> expected = new ArrayList<>();
            for (int n = 0; n < BEFORE + AFTER; n++) {
                expected.add("0@" + n + "=" + n);
            }
            assertThat(consumed.records).containsExactlyElementsOf(expected);
        }
    }
}
