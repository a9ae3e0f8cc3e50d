package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static io.ackbench.log.LogBytes.contents;
import static io.ackbench.log.LogBytes.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A power loss cut from the {@link DurabilityLedger} a log keeps, after the log died with no chance to say anything
 * ({@link PartitionLog#closeUnclean()}, as a SIGKILL). Segments of 4096 bytes hold 10 batches of 3 records (388
 * bytes each): segment 0 holds offsets 0..29, segment 30 offsets 30..59. An index entry is written at every batch of
 * a segment but its first, and a time-index entry at the second (every batch has the same largest timestamp). With
 * {@code flush.messages=6} every second batch forces.
 */
class PowerLossFromLedgerTest {
    private static final int RECORDS = 3;
    private static final int BATCH = sizeOf(RECORDS);
    private static final int EPOCH = 7;
    private static final String LOG_0 = "00000000000000000000.log";
    private static final String INDEX_0 = "00000000000000000000.index";
    private static final String LOG_30 = "00000000000000000030.log";
    private static final String INDEX_30 = "00000000000000000030.index";
    private static final String TIME_INDEX_0 = "00000000000000000000.timeindex";
    private static final String TIME_INDEX_30 = "00000000000000000030.timeindex";

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("topic-0");
    }

    private static LogConfig config(final SegmentBackend backend, final String flushMessages) {
        final Map<String, String> settings = new HashMap<>(Map.of(LogConfig.BACKEND, backend.configName(),
            LogConfig.SEGMENT_BYTES, "4096", LogConfig.INDEX_INTERVAL_BYTES, "256"));
        if (flushMessages != null) {
            settings.put(LogConfig.FLUSH_MESSAGES, flushMessages);
        }
        return LogConfig.of(settings);
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void exactlyTheForcedBatchesSurvive(final SegmentBackend backend) {
        final LogConfig config = config(backend, "6");
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 5, 0);
        final byte[] before = contents(log);
        assertThat(log.recoveryPoint()).isEqualTo(12);
        log.closeUnclean();
        final long preallocated = preallocated(LOG_0) + preallocated(INDEX_0) + preallocated(TIME_INDEX_0);

        assertThat(PowerLoss.cutFromLedger(dir())).isEqualTo(preallocated - 4L * BATCH - 24 - 12);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_0))).isEqualTo(4L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_0))).isEqualTo(24);
        assertThat(TestFiles.fileSize(dir().resolve(TIME_INDEX_0))).isEqualTo(12);
        try (PartitionLog reopened = PartitionLog.open(dir(), config)) {
            assertThat(reopened.logEndOffset()).isEqualTo(12);
            assertThat(contents(reopened)).isEqualTo(prefix(before, 4, BATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void withFlushMessagesOneEverythingAppendedSurvivesAcrossRolls(final SegmentBackend backend) {
        final LogConfig config = config(backend, "1");
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 25, 0);
        final byte[] before = contents(log);
        log.closeUnclean();

        PowerLoss.cutFromLedger(dir());
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000060.log"))).isEqualTo(5L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000060.index"))).isEqualTo(32);
        try (PartitionLog reopened = PartitionLog.open(dir(), config)) {
            assertThat(reopened.logEndOffset()).isEqualTo(75);
            assertThat(contents(reopened)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aRollInBetweenKeepsTheSealedSegmentAndTheNewOnesForcedBatches(final SegmentBackend backend) {
        final LogConfig config = config(backend, "6");
        final PartitionLog log = PartitionLog.open(dir(), config);
        // 10 batches in segment 0, sealed at the roll; 3 in segment 30, of which the first two were forced together.
        appendBatches(log, 13, 0);
        final byte[] before = contents(log);
        assertThat(log.segmentCount()).isEqualTo(2);
        assertThat(log.recoveryPoint()).isEqualTo(36);
        log.closeUnclean();

        PowerLoss.cutFromLedger(dir());
        assertThat(TestFiles.fileSize(dir().resolve(LOG_0))).isEqualTo(10L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_0))).isEqualTo(72);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_30))).isEqualTo(2L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_30))).isEqualTo(8);
        try (PartitionLog reopened = PartitionLog.open(dir(), config)) {
            assertThat(reopened.logEndOffset()).isEqualTo(36);
            assertThat(contents(reopened)).isEqualTo(prefix(before, 12, BATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aTruncationIntoASealedSegmentMakesItActiveAndDurableToTheCut(final SegmentBackend backend) {
        final LogConfig config = config(backend, "6");
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 13, 0);
        final byte[] before = contents(log);
        assertThat(log.truncateTo(15)).isEqualTo(15);
        // One batch after the truncation, not forced (18 - 15 < 6); then two more would force.
        appendBatches(log, 1, 100);
        assertThat(log.recoveryPoint()).isEqualTo(15);
        log.closeUnclean();

        PowerLoss.cutFromLedger(dir());
        assertThat(Files.exists(dir().resolve(LOG_30))).isFalse();
        assertThat(TestFiles.fileSize(dir().resolve(LOG_0))).isEqualTo(5L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_0))).isEqualTo(32);
        try (PartitionLog reopened = PartitionLog.open(dir(), config)) {
            assertThat(reopened.logEndOffset()).isEqualTo(15);
            assertThat(reopened.segmentCount()).isEqualTo(1);
            assertThat(contents(reopened)).isEqualTo(prefix(before, 5, BATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aTruncationAboveTheLastForceKeepsWhatTheTruncationFsynced(final SegmentBackend backend) {
        final LogConfig config = config(backend, "12");
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 13, 0);
        final byte[] before = contents(log);
        // Segment 30's three batches are not forced (39 - 30 < 12); the truncation's cut fsyncs the two it keeps.
        assertThat(log.recoveryPoint()).isEqualTo(30);
        assertThat(log.truncateTo(36)).isEqualTo(36);
        log.closeUnclean();

        PowerLoss.cutFromLedger(dir());
        assertThat(TestFiles.fileSize(dir().resolve(LOG_30))).isEqualTo(2L * BATCH);
        try (PartitionLog reopened = PartitionLog.open(dir(), config)) {
            assertThat(reopened.logEndOffset()).isEqualTo(36);
            assertThat(contents(reopened)).isEqualTo(prefix(before, 12, BATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void checkpointsAndSealedSegmentsAreLeftAlone(final SegmentBackend backend) throws IOException {
        final LogConfig config = config(backend, null);
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 13, 0);
        final OffsetCheckpointFile recoveryPoints = OffsetCheckpointFile.recoveryPoints(tmp);
        recoveryPoints.write(Map.of(new OffsetCheckpointFile.TopicPartition("topic", 0), log.recoveryPoint()));
        log.closeUnclean();
        final Path epochs = dir().resolve(LeaderEpochCache.FILE_NAME);
        final byte[] epochsBefore = Files.readAllBytes(epochs);
        final byte[] checkpointBefore = Files.readAllBytes(recoveryPoints.file());
        final byte[] sealedLog = Files.readAllBytes(dir().resolve(LOG_0));
        final byte[] sealedIndex = Files.readAllBytes(dir().resolve(INDEX_0));
        final byte[] sealedTimeIndex = Files.readAllBytes(dir().resolve(TIME_INDEX_0));
        final long preallocated = preallocated(LOG_30) + preallocated(INDEX_30) + preallocated(TIME_INDEX_30);

        // Nothing of segment 30 was forced: its files go to 0; the broker-level directory is walked too.
        assertThat(PowerLoss.cutAllFromLedgers(tmp)).isEqualTo(preallocated);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_30))).isZero();
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_30))).isZero();
        assertThat(TestFiles.fileSize(dir().resolve(TIME_INDEX_30))).isZero();
        assertThat(Files.readAllBytes(epochs)).isEqualTo(epochsBefore);
        assertThat(Files.readAllBytes(recoveryPoints.file())).isEqualTo(checkpointBefore);
        assertThat(Files.readAllBytes(dir().resolve(LOG_0))).isEqualTo(sealedLog);
        assertThat(Files.readAllBytes(dir().resolve(INDEX_0))).isEqualTo(sealedIndex);
        assertThat(Files.readAllBytes(dir().resolve(TIME_INDEX_0))).isEqualTo(sealedTimeIndex);
        try (PartitionLog reopened = PartitionLog.open(dir(), config, 30)) {
            assertThat(reopened.logEndOffset()).isEqualTo(30);
        }
    }

    @Test
    void aLedgerLeftMidChangeOrMissingCutsNothing() throws IOException {
        final LogConfig config = config(SegmentBackend.MMAP, null);
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, 2, 0);
        log.closeUnclean();
        final DurabilityLedger ledger = DurabilityLedger.open(dir());
        // As a kill right after a segment change began: the ledger keeps every byte of the segment it names.
        assertThat(DurabilityLedger.read(dir())).isEqualTo(new DurabilityLedger.Entry(0, -1, -1, -1));
        ledger.release();
        assertThat(PowerLoss.cutFromLedger(dir())).isZero();
        Files.delete(dir().resolve(DurabilityLedger.FILE_NAME));
        assertThat(PowerLoss.cutFromLedger(dir())).isZero();
        // A ledger created but killed before its magic number was stored reads as none.
        Files.write(dir().resolve(DurabilityLedger.FILE_NAME), new byte[DurabilityLedger.FILE_SIZE]);
        assertThat(DurabilityLedger.read(dir())).isNull();
        assertThat(PowerLoss.cutFromLedger(dir())).isZero();
    }

    /** The size of an active segment's file as the dead log left it, preallocated by its backend. */
    private long preallocated(final String file) {
        return TestFiles.fileSize(dir().resolve(file));
    }

    private static void appendBatches(final PartitionLog log, final int count, final int seed) {
        for (int i = 0; i < count; i++) {
            final UnsafeBuffer batch = batch(RECORDS, seed + i);
            log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
        }
    }

}
