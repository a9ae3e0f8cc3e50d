package io.ackbench.broker;

import io.ackbench.producer.BatchStageListener;
import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage stamps through real brokers (3 in process, RF 3): every acknowledged batch's times come in the order its
 * record lived them, from the intended send time to the callback, the leader's among them; acks=1's commit is its
 * append, and acks=0 has no leader times.
 */
class StageStampsInProcessTest {
    private static final int RECORDS = 2_000;

    @TempDir
    Path dataDir;

    /** One batch's stamps, copied on the sender thread. */
    private record Stamps(long intended, long send, long drained, long written, boolean hasLeaderTimes, long read,
                          long appended, long committed, long responseWritten, long completed, int records,
                          int partition, long baseOffset) {
    }

    @ParameterizedTest(name = "acks={0}")
    @ValueSource(strings = {"all", "1", "0"})
    void everyBatchsStampsComeInTheOrderItsRecordsLivedThem(final String acks) {
        final List<Stamps> batches = new CopyOnWriteArrayList<>();
        final BatchStageListener listener = stages -> batches.add(new Stamps(stages.intendedNanos(0),
            stages.sendNanos(0), stages.drainedNanos(), stages.requestWrittenNanos(), stages.hasLeaderTimes(),
            stages.leaderReadNanos(), stages.leaderAppendedNanos(), stages.leaderCommittedNanos(),
            stages.responseWrittenNanos(), stages.completedNanos(), stages.recordCount(), stages.partition(),
            stages.baseOffset()));
        final AtomicLong failed = new AtomicLong();
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
        try (InProcessCluster cluster = InProcessCluster.start(Map.of(BrokerConfig.MIN_INSYNC_REPLICAS, "2",
                BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20"), dataDir);
             Producer producer = Producer.connect(Map.of("acks", acks, "linger.ms", "1"), cluster.layout(),
                 cluster.connectClient(), (partition, offset, errorCode, appendNanos) -> {
                     if (errorCode != ErrorCode.NONE) {
                         failed.incrementAndGet();
                     }
                 }, listener)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(null, 0, -1, value, 0, value.capacity(), null, RecordBatchLayout.NO_TIMESTAMP,
                    System.nanoTime());
            }
            producer.flush();
            Await.until("every record's batch reported", () -> batches.stream().mapToInt(Stamps::records).sum()
                == RECORDS, batches::size);
        }
        assertThat(failed.get()).isZero();
        // With an answer, each partition's batches tile its log from offset 0; acks=0 learns no offset.
        final Map<Integer, Long> next = new HashMap<>();
        batches.stream().sorted(Comparator.comparingLong(Stamps::baseOffset)).forEach(batch -> {
            if ("0".equals(acks)) {
                assertThat(batch.baseOffset()).isEqualTo(-1);
            } else {
                assertThat(batch.baseOffset()).as("partition %d's next batch", batch.partition())
                    .isEqualTo(next.getOrDefault(batch.partition(), 0L));
                next.put(batch.partition(), batch.baseOffset() + batch.records());
            }
        });
        for (final Stamps batch : batches) {
            assertThat(batch.intended()).isLessThanOrEqualTo(batch.send());
            assertThat(batch.send()).isLessThanOrEqualTo(batch.drained());
            assertThat(batch.drained()).isLessThanOrEqualTo(batch.written());
            assertThat(batch.hasLeaderTimes()).isEqualTo(!"0".equals(acks));
            if (!batch.hasLeaderTimes()) {
                assertThat(batch.written()).isLessThanOrEqualTo(batch.completed());
                continue;
            }
            assertThat(batch.written()).as("request written <= leader read").isLessThanOrEqualTo(batch.read());
            assertThat(batch.read()).as("read <= appended").isLessThanOrEqualTo(batch.appended());
            assertThat(batch.appended()).as("appended <= committed").isLessThanOrEqualTo(batch.committed());
            assertThat(batch.committed()).as("committed <= written").isLessThanOrEqualTo(batch.responseWritten());
            assertThat(batch.responseWritten()).as("written <= callback").isLessThanOrEqualTo(batch.completed());
            if ("1".equals(acks)) {
                assertThat(batch.committed()).as("acks=1 commits at its append").isEqualTo(batch.appended());
            }
        }
    }
}
