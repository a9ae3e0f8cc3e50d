package io.ackbench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.log.OffsetCheckpointFile;
import io.ackbench.log.OffsetCheckpointFile.TopicPartition;
import io.ackbench.testing.Await;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Each broker's replication-offset-checkpoint and recovery-point-offset-checkpoint: written and read back. */
class BrokerCheckpointTest {
    private static final String TOPIC = "ackbench";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final short ACKS_ALL = -1;

    @TempDir
    Path dataDir;

    private static Map<String, String> settings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        settings.put(BrokerConfig.REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, "10");
        return settings;
    }

    private Path logDir(final int broker) {
        return dataDir.resolve("broker-" + broker);
    }

    private long checkpointed(final OffsetCheckpointFile file) {
        return file.read().getOrDefault(PARTITION, -1L);
    }

    @Test
    void highWatermarksAreCheckpointedPeriodicallyAndBothCheckpointsAtCleanShutdown() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, 0, 10)).isEqualTo("NONE@0");
            Await.until("broker 0 checkpointed the high watermark 10",
                () -> checkpointed(OffsetCheckpointFile.highWatermarks(logDir(0))) == 10,
                () -> checkpointed(OffsetCheckpointFile.highWatermarks(logDir(0))));
        }
        for (int broker = 0; broker < 3; broker++) {
            // acks=all put offsets 0..9 on every replica; the clean shutdown flushed them, so all are recovered.
            assertThat(checkpointed(OffsetCheckpointFile.recoveryPoints(logDir(broker))))
                .as("broker %d's recovery point", broker).isEqualTo(10);
            // A follower's HW is the leader's as of its last fetch: at most the leader's.
            assertThat(checkpointed(OffsetCheckpointFile.highWatermarks(logDir(broker))))
                .as("broker %d's high watermark", broker).isBetween(0L, 10L);
        }
        assertThat(checkpointed(OffsetCheckpointFile.highWatermarks(logDir(0)))).isEqualTo(10);
    }

    @Test
    void aBrokerStartsFromItsCheckpointedHighWatermarkCappedAtItsLogEnd() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, 0, 10)).isEqualTo("NONE@0");
        }
        OffsetCheckpointFile.highWatermarks(logDir(0)).write(Map.of(PARTITION, 50L));
        OffsetCheckpointFile.highWatermarks(logDir(1)).write(Map.of(PARTITION, 7L));
        OffsetCheckpointFile.highWatermarks(logDir(2)).write(Map.of());

        final BrokerConfig config = BrokerConfig.of(settings());
        final TopicLayout layout = TopicLayout.spread(TOPIC, 1, 3, 3);
        final InProcessNetwork network = new InProcessNetwork();
        final long nowMs = SystemNanoClock.INSTANCE.nanoTime() / 1_000_000L;
        final BrokerLiveness liveness = new BrokerLiveness(3, nowMs);
        final Broker[] brokers = new Broker[3];
        for (int b = 0; b < 3; b++) {
            final Endpoint endpoint = network.addNode();
            brokers[b] = new Broker(b, config, layout, dataDir, endpoint, new ProducerIdAllocator(), liveness,
                SystemNanoClock.INSTANCE);
        }
        try {
            assertThat(brokers[0].highWatermark(0)).as("the leader's, capped at its log end 10").isEqualTo(10);
            assertThat(brokers[1].highWatermark(0)).as("a follower's").isEqualTo(7);
            assertThat(brokers[2].highWatermark(0)).as("a follower with none checkpointed").isZero();
        } finally {
            for (final Broker broker : brokers) {
                broker.onClose();
            }
        }
    }
}
