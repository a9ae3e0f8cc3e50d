package io.ackbench.fault;

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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** acks=all waits for every in-sync replica (kafka-semantics.md §4.1-4.2). */
class AcksAllTest {
    private static final int LEADER = 0;
    private static final int FOLLOWER = 1;

    @TempDir
    Path dataDir;

    @Test
    void acksAllDoesNotCompleteWhileAnIsrFollowerIsPausedAndCompletesOnceItFetches() throws Exception {
        // A long replica.lag.time.max.ms keeps the paused follower in the ISR, so the leader must wait for it.
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
            BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "60000",
            BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            final FollowerFaults faults = new FollowerFaults(cluster);
            try (Producer producer = Producer.connect(Map.of("acks", "all", "linger.ms", "0"), cluster.layout(),
                cluster.connectClient(), deliveries)) {
                final NumberedRecords records = new NumberedRecords(100, false);
                records.send(producer, 0, 10);
                assertThat(deliveries.awaitCount(10, 10, TimeUnit.SECONDS)).isTrue();

                faults.pause(FOLLOWER);
                awaitFetchingStopped(cluster.broker(FOLLOWER));
                records.send(producer, 10, 10);
                assertThat(deliveries.awaitCount(11, 500, TimeUnit.MILLISECONDS)).isFalse();
                assertThat(cluster.broker(LEADER).inIsr(0, FOLLOWER)).isTrue();

                faults.resume(FOLLOWER);
                assertThat(deliveries.awaitCount(20, 10, TimeUnit.SECONDS)).isTrue();
            }
        }
        final List<DeliveryRecorder.Delivery> all = deliveries.deliveries();
        assertThat(all).hasSize(20);
        for (final DeliveryRecorder.Delivery delivery : all) {
            assertThat(delivery.errorCode()).isEqualTo(ErrorCode.NONE);
            assertThat(delivery.offset()).isEqualTo(delivery.record());
        }
        for (int broker = 0; broker < 3; broker++) {
            assertThat(LogContents.read(LogContents.partitionDir(dataDir, broker, "ackbench", 0)))
                .extracting(LogContents.Entry::value)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        }
    }

    /**
     * Waits until a paused follower has stopped fetching: it began a duty cycle after the pause, so it sends no
     * further fetch, and the fetch it had at the leader (parked there until data came or its wait ran out) came
     * back. From then on the leader hears nothing from it. Brokers stamp their cycles with InProcessCluster's clock,
     * System.nanoTime().
     */
    private static void awaitFetchingStopped(final Broker follower) {
        final long pausedMs = System.nanoTime() / 1_000_000L;
        Await.until("broker " + follower.id() + " began a duty cycle after its fetching was paused at " + pausedMs
            + " ms", () -> follower.heartbeatMs() > pausedMs, () -> "a cycle begun at " + follower.heartbeatMs());
        Await.until("the fetch broker " + follower.id() + " had at the leader came back",
            () -> !follower.awaitingFetchResponse(LEADER));
    }
}
