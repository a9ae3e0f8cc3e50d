package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.ackbench.log.LeaderEpochCache.Entry;
import io.ackbench.log.LeaderEpochCache.EpochEndOffset;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The log's leader-epoch history: assigned by appends, cut by truncation and recovery, kept across a reopen. */
class PartitionLogEpochTest {
    private static final int RECORDS = 3;

    @TempDir
    Path tmp;

    private static LogConfig config(final SegmentBackend backend) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(LogConfig.BACKEND, backend.configName());
        settings.put(LogConfig.SEGMENT_BYTES, "4096");
        settings.put(LogConfig.INDEX_INTERVAL_BYTES, "256");
        return LogConfig.of(settings);
    }

    private static void append(final PartitionLog log, final int batches, final int epoch) {
        for (int i = 0; i < batches; i++) {
            final UnsafeBuffer batch = batch(RECORDS, i);
            log.appendAsLeader(batch, 0, batch.capacity(), epoch);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void leaderAppendsAssignEachNewEpochAtItsFirstBaseOffsetAndTheHistorySurvivesAReopen(final SegmentBackend backend) {
        final Path dir = tmp.resolve("topic-0");
        try (PartitionLog log = PartitionLog.open(dir, config(backend))) {
            assertThat(log.latestEpoch()).isEqualTo(LeaderEpochCache.UNDEFINED_EPOCH);
            append(log, 2, 0);                 // offsets 0..5
            append(log, 1, 3);                 // 6..8
            log.assignEpochStartOffset(5);     // a new leader before its first append: 9
            append(log, 2, 5);                 // 9..14
            assertThat(log.leaderEpochEntries()).containsExactly(new Entry(0, 0), new Entry(3, 6), new Entry(5, 9));
            assertThat(log.endOffsetForEpoch(0)).isEqualTo(new EpochEndOffset(0, 6));
            assertThat(log.endOffsetForEpoch(4)).isEqualTo(new EpochEndOffset(3, 9));
            assertThat(log.endOffsetForEpoch(5)).isEqualTo(new EpochEndOffset(5, 15));
        }
        try (PartitionLog reopened = PartitionLog.open(dir, config(backend))) {
            assertThat(reopened.leaderEpochEntries())
                .containsExactly(new Entry(0, 0), new Entry(3, 6), new Entry(5, 9));
            assertThat(reopened.latestEpoch()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void followerAppendAssignsEveryBatchsEpochAtItsBaseOffset(final SegmentBackend backend) {
        try (PartitionLog leader = PartitionLog.open(tmp.resolve("leader"), config(backend));
             PartitionLog follower = PartitionLog.open(tmp.resolve("follower"), config(backend))) {
            append(leader, 1, 1);  // 0..2
            append(leader, 2, 2);  // 3..8
            append(leader, 1, 4);  // 9..11
            final UnsafeBuffer chunk = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
            final int read = leader.read(0, Integer.MAX_VALUE, chunk, 0);
            assertThat(follower.appendAsFollower(chunk, 0, read)).isEqualTo(12);
            assertThat(follower.leaderEpochEntries()).containsExactly(new Entry(1, 0), new Entry(2, 3), new Entry(4, 9));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncationRemovesTheEpochsFromTheNewEndOnAndAnUncleanReopenTrimsTheHistoryToTheRecoveredLog(
        final SegmentBackend backend) {
        final Path dir = tmp.resolve("topic-0");
        final PartitionLog log = PartitionLog.open(dir, config(backend));
        append(log, 2, 0);   // 0..5
        append(log, 2, 1);   // 6..11
        append(log, 1, 2);   // 12..14
        assertThat(log.truncateTo(9)).isEqualTo(9);
        assertThat(log.leaderEpochEntries()).containsExactly(new Entry(0, 0), new Entry(1, 6));
        assertThat(log.truncateTo(6)).isEqualTo(6);
        assertThat(log.leaderEpochEntries()).containsExactly(new Entry(0, 0));
        append(log, 1, 3);   // 6..8, not forced
        assertThat(log.leaderEpochEntries()).containsExactly(new Entry(0, 0), new Entry(3, 6));
        log.flush();
        append(log, 1, 4);   // 9..11, not forced: a power loss takes it, while the history already names epoch 4
        final DurablePositions durable = log.durablePositions();
        log.closeUnclean();
        PowerLoss.cut(durable);
        try (PartitionLog recovered = PartitionLog.open(dir, config(backend), durable.recoveryPoint())) {
            assertThat(recovered.logEndOffset()).isEqualTo(9);
            assertThat(recovered.leaderEpochEntries()).containsExactly(new Entry(0, 0), new Entry(3, 6));
        }
    }
}
