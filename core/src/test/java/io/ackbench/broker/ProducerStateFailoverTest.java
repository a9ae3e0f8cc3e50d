package io.ackbench.broker;

import static io.ackbench.broker.ProduceClient.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idempotence across a failover, a restart and a truncation: every replica keeps the partition's producer state, so a
 * producer's retry is recognised by whichever replica leads when it arrives, as in Kafka.
 */
class ProducerStateFailoverTest {
    private static final String TOPIC = "ackbench";
    private static final int PARTITION = 0;
    private static final short ACKS_ALL = -1;
    private static final short ACKS_LEADER = 1;
    private static final long WAIT_S = 10;
    private static final long PID = 5_000L;
    private static final short EPOCH = 0;

    @TempDir
    Path dataDir;

    private static Map<String, String> settings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        return settings;
    }

    @Test
    void aFollowerMadeLeaderAnswersARetryOfAReplicatedBatchAsADuplicateWithTheOriginalOffsets() throws Exception {
        final byte[] first = TestBatches.idempotent(PID, EPOCH, 0, 0, 5);
        final byte[] second = TestBatches.idempotent(PID, EPOCH, 5, 5, 3);
        final Broker newLeader;
        try (InProcessCluster cluster = InProcessCluster.startWithoutController(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, first)).isEqualTo(answer(ErrorCode.NONE, 0));
            assertThat(client.produce(0, ACKS_ALL, second)).isEqualTo(answer(ErrorCode.NONE, 5));

            // Epoch 1: broker 1, which replicated both batches, leads; the others follow it.
            newLeader = cluster.broker(1);
            newLeader.becomeLeader(PARTITION, 1, 1, 2).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(2).becomeFollower(PARTITION, 1, 1).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(0).becomeFollower(PARTITION, 1, 1).get(WAIT_S, TimeUnit.SECONDS);

            // The producer retries both on the new leader: each is answered with its original offsets.
            assertThat(client.produce(1, ACKS_ALL, second)).isEqualTo(answer(ErrorCode.NONE, 5));
            assertThat(client.produce(1, ACKS_LEADER, first)).isEqualTo(answer(ErrorCode.NONE, 0));
            // And its next batch continues the sequence there.
            assertThat(client.produce(1, ACKS_ALL, TestBatches.idempotent(PID, EPOCH, 8, 8, 2)))
                .isEqualTo(answer(ErrorCode.NONE, 8));
        }
        assertThat(newLeader.duplicateBatches()).isEqualTo(2);
        assertThat(newLeader.appendedBatches()).isEqualTo(1);
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, 1, TOPIC, PARTITION)))
            .containsExactlyElementsOf(numbered(10));
    }

    @Test
    void aBrokerRestartedOnTheSameDataRecognisesARetriedBatch() {
        final byte[] batch = TestBatches.idempotent(PID, EPOCH, 0, 0, 4);
        try (InProcessCluster cluster = InProcessCluster.startWithoutController(settings(), dataDir)) {
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, TestBatches.plain(100, 2))).isEqualTo(answer(ErrorCode.NONE, 0));
            assertThat(client.produce(0, ACKS_ALL, batch)).isEqualTo(answer(ErrorCode.NONE, 2));
        }
        final Broker restarted;
        try (InProcessCluster cluster = InProcessCluster.startWithoutController(settings(), dataDir)) {
            restarted = cluster.broker(0);
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, batch)).isEqualTo(answer(ErrorCode.NONE, 2));
            assertThat(client.produce(0, ACKS_ALL, TestBatches.idempotent(PID, EPOCH, 4, 4, 1)))
                .isEqualTo(answer(ErrorCode.NONE, 6));
        }
        assertThat(restarted.duplicateBatches()).isEqualTo(1);
        assertThat(restarted.appendedBatches()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseOriginalWasTruncatedAwayIsAppendedAgainNotTakenForADuplicate() throws Exception {
        final byte[] lost = TestBatches.idempotent(PID, EPOCH, 5, 5, 5);
        final Broker oldLeader;
        try (InProcessCluster cluster = InProcessCluster.startWithoutController(settings(), dataDir)) {
            oldLeader = cluster.broker(0);
            final ProduceClient client = new ProduceClient(cluster.connectClient());
            assertThat(client.produce(0, ACKS_ALL, TestBatches.idempotent(PID, EPOCH, 0, 0, 5)))
                .isEqualTo(answer(ErrorCode.NONE, 0));

            // The followers stop fetching; the next batch reaches broker 0 alone, at offsets 5..9, under acks=1.
            for (final int follower : new int[] {1, 2}) {
                cluster.broker(follower).pauseFetching();
            }
            final long pausedMs = System.nanoTime() / 1_000_000L;
            for (final int follower : new int[] {1, 2}) {
                Await.until("broker " + follower + " began a cycle after the pause",
                    () -> cluster.broker(follower).heartbeatMs() > pausedMs);
                Await.until("broker " + follower + " has no fetch at the leader",
                    () -> !cluster.broker(follower).awaitingFetchResponse(0));
            }
            assertThat(client.produce(0, ACKS_LEADER, lost)).isEqualTo(answer(ErrorCode.NONE, 5));

            // Epoch 1: broker 1 leads and takes other records at 5..8; broker 0 truncates its 5..9 and fetches them.
            cluster.broker(1).becomeLeader(PARTITION, 1, 1, 2).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(2).becomeFollower(PARTITION, 1, 1).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(0).becomeFollower(PARTITION, 1, 1).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(1).resumeFetching();
            cluster.broker(2).resumeFetching();
            assertThat(client.produce(1, ACKS_ALL, TestBatches.plain(200, 4))).isEqualTo(answer(ErrorCode.NONE, 5));
            Await.until("broker 0 rejoined the ISR of the new leader", () -> cluster.broker(1).isrSize(PARTITION) == 3,
                () -> "ISR size " + cluster.broker(1).isrSize(PARTITION));

            // Epoch 2: broker 0 leads again. The producer's retry of the lost batch is new to it: appended at 9.
            oldLeader.becomeLeader(PARTITION, 2, 0, 1, 2).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(1).becomeFollower(PARTITION, 0, 2).get(WAIT_S, TimeUnit.SECONDS);
            cluster.broker(2).becomeFollower(PARTITION, 0, 2).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(client.produce(0, ACKS_ALL, lost)).isEqualTo(answer(ErrorCode.NONE, 9));
            // Now it is in the log, a second retry is a duplicate of the new copy.
            assertThat(client.produce(0, ACKS_LEADER, lost)).isEqualTo(answer(ErrorCode.NONE, 9));
        }
        assertThat(oldLeader.appendedBatches()).isEqualTo(3);
        assertThat(oldLeader.duplicateBatches()).isEqualTo(1);
        final List<LogContents.Entry> expected = new ArrayList<>(numbered(5));
        for (int i = 0; i < 4; i++) {
            expected.add(new LogContents.Entry(5 + i, 200 + i));
        }
        for (int i = 0; i < 5; i++) {
            expected.add(new LogContents.Entry(9 + i, 5 + i));
        }
        for (int broker = 0; broker < 3; broker++) {
            assertThat(LogContents.read(LogContents.partitionDir(dataDir, broker, TOPIC, PARTITION)))
                .as("broker %d's records", broker).containsExactlyElementsOf(expected);
        }
    }

    /** Records valued as their offsets, 0 to {@code count} - 1. */
    private static List<LogContents.Entry> numbered(final int count) {
        final List<LogContents.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new LogContents.Entry(i, i));
        }
        return entries;
    }
}
