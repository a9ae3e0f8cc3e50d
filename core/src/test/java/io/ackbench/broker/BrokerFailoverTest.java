package io.ackbench.broker;

import static io.ackbench.broker.ProduceClient.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.controller.ControllerConfig;
import io.ackbench.log.LeaderEpochCache;
import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leader failover through the controller: a dead leader's session expires, a follower from the ISR is elected in a
 * new epoch, the old leader's parked requests fail once it is told, and its diverged log is truncated by the new
 * leader's diverging-epoch answer before it rejoins the ISR.
 */
class BrokerFailoverTest {
    private static final String TOPIC = "ackbench";
    private static final int PARTITION = 0;
    private static final short ACKS_ALL = -1;
    private static final short ACKS_LEADER = 1;

    @TempDir
    Path dataDir;

    private static Map<String, String> settings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        // A stopped broker is fenced within two seconds (a busy machine may delay a live one's heartbeats by a few
        // hundred ms); a paused follower never leaves the ISR by lag.
        settings.put(ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1500");
        settings.put(ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100");
        return settings;
    }

    @Test
    void divergedOldLeaderTruncatesToTheNewLeadersHistoryCatchesUpAndTheThreeLogsAreByteIdentical() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            // Epoch 0, leader 0: five records on all three replicas.
            assertThat(client.produce(0, ACKS_ALL, 0, 5)).isEqualTo(answer(ErrorCode.NONE, 0));

            // The followers stop fetching; three more records reach broker 0 alone and wait there for acks=all.
            for (final int follower : new int[] {1, 2}) {
                cluster.broker(follower).pauseFetching();
            }
            // Once a cycle began after the pause no fetch goes out; then the one at the leader comes back.
            final long pausedMs = System.nanoTime() / 1_000_000L;
            for (final int follower : new int[] {1, 2}) {
                Await.until("broker " + follower + " began a cycle after the pause",
                    () -> cluster.broker(follower).heartbeatMs() > pausedMs);
                Await.until("broker " + follower + " has no fetch at the leader",
                    () -> !cluster.broker(follower).awaitingFetchResponse(0));
            }
            final int parked = client.send(0, ACKS_ALL, 100, 3);
            Await.until("broker 0 appended the parked batch", () -> cluster.broker(0).appendedBatches() == 2);

            // Broker 0 dies; the controller fences it when its session expires and elects broker 1 in epoch 1.
            cluster.broker(0).stop();
            Await.until("broker 1 leads in epoch 1", () -> cluster.broker(1).isLeader(PARTITION)
                && cluster.broker(1).leaderEpoch(PARTITION) == 1);
            Await.until("broker 2 follows in epoch 1", () -> cluster.broker(2).leaderEpoch(PARTITION) == 1);
            assertThat(cluster.broker(1).isrSize(PARTITION)).isEqualTo(2);
            cluster.broker(1).resumeFetching();
            cluster.broker(2).resumeFetching();
            // Different records at offsets 5..8 on the new leader, in epoch 1.
            assertThat(client.produce(1, ACKS_LEADER, 200, 4)).isEqualTo(answer(ErrorCode.NONE, 5));

            // Broker 0 comes back: the controller's word makes it follow broker 1, which fails its parked request.
            cluster.broker(0).restart();
            assertThat(client.await(0, parked)).isEqualTo(answer(ErrorCode.NOT_LEADER_OR_FOLLOWER, -1));
            assertThat(cluster.broker(0).isLeader(PARTITION)).isFalse();
            // It truncates its 5..7, fetches 5..8 and is proposed for the ISR, which the controller commits.
            Await.until("broker 0 rejoined the ISR of the new leader", () -> cluster.broker(1).isrSize(PARTITION) == 3,
                () -> "ISR size " + cluster.broker(1).isrSize(PARTITION));
            // acks=all with all three in the ISR: answered once every replica has offsets 0..10.
            assertThat(client.produce(1, ACKS_ALL, 300, 2)).isEqualTo(answer(ErrorCode.NONE, 9));
        }

        final List<LogContents.Entry> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(new LogContents.Entry(i, i));
        }
        for (int i = 0; i < 4; i++) {
            expected.add(new LogContents.Entry(5 + i, 200 + i));
        }
        for (int i = 0; i < 2; i++) {
            expected.add(new LogContents.Entry(9 + i, 300 + i));
        }
        final byte[] leaderBytes = logBytes(1);
        for (int broker = 0; broker < 3; broker++) {
            final Path dir = LogContents.partitionDir(dataDir, broker, TOPIC, PARTITION);
            assertThat(LogContents.read(dir)).as("broker %d's records", broker).containsExactlyElementsOf(expected);
            assertThat(logBytes(broker)).as("broker %d's log bytes", broker).isEqualTo(leaderBytes);
            try (PartitionLog log = PartitionLog.open(dir, LogConfig.defaults())) {
                assertThat(log.leaderEpochEntries()).as("broker %d's epochs", broker)
                    .containsExactly(new LeaderEpochCache.Entry(0, 0), new LeaderEpochCache.Entry(1, 5));
            }
        }
    }

    @Test
    void aClusterRestartedAfterAFailoverResumesItsLeaderEpochsAndLeaders() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, 0, 3)).isEqualTo(answer(ErrorCode.NONE, 0));
            cluster.broker(0).stop();
            Await.until("broker 1 leads in epoch 1", () -> cluster.broker(1).isLeader(PARTITION)
                && cluster.broker(1).leaderEpoch(PARTITION) == 1);
            assertThat(client.produce(1, ACKS_LEADER, 3, 2)).isEqualTo(answer(ErrorCode.NONE, 3));
        }
        // The controller's registrations were durable: the same leader, in the same epoch, not epoch 0 again.
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            assertThat(cluster.broker(1).isLeader(PARTITION)).isTrue();
            assertThat(cluster.broker(1).leaderEpoch(PARTITION)).isEqualTo(1);
            Await.until("broker 0 follows in epoch 1", () -> cluster.broker(0).leaderEpoch(PARTITION) == 1);
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(1, ACKS_LEADER, 5, 1)).isEqualTo(answer(ErrorCode.NONE, 5));
        }
    }

    /** Every byte of a broker's log of the partition, read after the cluster closed. */
    private byte[] logBytes(final int broker) {
        try (PartitionLog log = PartitionLog.open(LogContents.partitionDir(dataDir, broker, TOPIC, PARTITION),
            LogConfig.defaults())) {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
            int length = 0;
            long offset = 0;
            while (offset < log.logEndOffset()) {
                final int read = log.read(offset, Integer.MAX_VALUE, buffer, length);
                // The last batch read ends where the next offset begins.
                int at = length;
                while (at < length + read) {
                    offset = buffer.getLong(at + RecordBatchLayout.BASE_OFFSET_OFFSET, ByteOrder.BIG_ENDIAN)
                        + buffer.getInt(at + RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET, ByteOrder.BIG_ENDIAN) + 1;
                    at += RecordBatchLayout.LOG_OVERHEAD
                        + buffer.getInt(at + RecordBatchLayout.BATCH_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN);
                }
                length += read;
            }
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
    }
}
