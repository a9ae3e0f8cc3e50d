package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static io.ackbench.log.LogBytes.contents;
import static io.ackbench.log.LogBytes.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.RecordBatchReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recovery from a recovery point, durable positions and power loss, the same on every segment backend. Every log
 * here holds up to 25 batches of 3 records (offsets 0..74) in 4096-byte segments of 10 batches of 388 bytes:
 * segment 0 holds offsets 0..29, segment 30 holds 30..59 and segment 60 holds 60..74. An index entry is written at
 * every batch of a segment but its first.
 */
class PartitionLogRecoveryTest {
    private static final int RECORDS = 3;
    private static final int BATCH = sizeOf(RECORDS);
    private static final int BATCHES = 25;
    private static final int EPOCH = 7;
    private static final String LOG_0 = "00000000000000000000.log";
    private static final String LOG_30 = "00000000000000000030.log";
    private static final String LOG_60 = "00000000000000000060.log";
    private static final String INDEX_0 = "00000000000000000000.index";
    private static final String INDEX_30 = "00000000000000000030.index";
    private static final String INDEX_60 = "00000000000000000060.index";
    private static final String TIME_INDEX_0 = "00000000000000000000.timeindex";
    private static final String TIME_INDEX_30 = "00000000000000000030.timeindex";
    private static final String TIME_INDEX_60 = "00000000000000000060.timeindex";

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("topic-0");
    }

    private static LogConfig config(final SegmentBackend backend, final String... keyValues) {
        final Map<String, String> settings = new HashMap<>(Map.of(LogConfig.BACKEND, backend.configName(),
            LogConfig.SEGMENT_BYTES, "4096", LogConfig.INDEX_INTERVAL_BYTES, "256"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.of(settings);
    }

    /** Appends 25 batches with no flush but the two at the rolls, and crashes: segments 0 and 30 are on disk. */
    private byte[] crashedLog(final SegmentBackend backend) {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        appendBatches(log, BATCHES);
        assertThat(log.segmentCount()).isEqualTo(3);
        assertThat(log.recoveryPoint()).isEqualTo(60);
        final byte[] contents = contents(log);
        log.closeUnclean();
        return contents;
    }

    private PartitionLog reopen(final SegmentBackend backend, final long recoveryPoint, final List<String> lines) {
        return PartitionLog.open(dir(), config(backend), System::currentTimeMillis, recoveryPoint,
            new LogEvents((level, line) -> lines.add(level + " " + line)));
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void uncleanOpenValidatesAndKeepsEveryBatchOfEverySegmentFromTheRecoveryPoint(final SegmentBackend backend)
        throws IOException {
        final byte[] before = crashedLog(backend);
        final Path template = tmp.resolve("template");
        TestFiles.copyDirectory(dir(), template);
        // Recovery point -> segments scanned: the one holding it and every later one.
        final long[] recoveryPoints = {PartitionLog.UNKNOWN_RECOVERY_POINT, 29, 30, 59, 60, 74, 1000};
        final int[] scanned = {3, 3, 2, 2, 1, 1, 1};
        for (int i = 0; i < recoveryPoints.length; i++) {
            TestFiles.copyDirectory(template, dir());
            final List<String> lines = new ArrayList<>();
            try (PartitionLog log = reopen(backend, recoveryPoints[i], lines)) {
                final RecoveryReport report = log.lastRecovery();
                final String at = "recovery point " + recoveryPoints[i];
                assertThat(report.recovered()).as(at).isTrue();
                assertThat(report.recoveryPoint()).as(at).isEqualTo(recoveryPoints[i]);
                assertThat(report.segmentsRecovered()).as(at).isEqualTo(scanned[i]);
                assertThat(report.segmentsDeleted()).as(at).isZero();
                assertThat(report.reason()).as(at).isEqualTo(TruncationReason.NONE);
                assertThat(report.segment()).as(at).isEqualTo(dir().resolve(LOG_60));
                assertThat(report.position()).as(at).isEqualTo(5L * BATCH);
                assertThat(report.bytesTruncated()).as(at).isZero();
                assertThat(log.logEndOffset()).as(at).isEqualTo(75);
                assertThat(log.recoveryPoint()).as(at).isEqualTo(75);
                assertThat(log.segmentCount()).as(at).isEqualTo(3);
                // Indexes rebuilt from nothing hold what the appends wrote.
                assertThat(log.segment(0).index().entries()).as(at).isEqualTo(9);
                assertThat(log.segment(1).index().entries()).as(at).isEqualTo(9);
                assertThat(log.segment(2).index().entries()).as(at).isEqualTo(4);
                assertThat(contents(log)).as(at).isEqualTo(before);
                assertThat(lines).as(at).containsExactly("INFO Recovered " + dir().resolve(LOG_60)
                    + " after an unclean shutdown: valid to byte 1940, nothing truncated; log end offset 75");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void corruptByteInAMiddleSegmentCutsTheLogThereAndDeletesEveryLaterSegment(final SegmentBackend backend)
        throws IOException {
        final byte[] before = crashedLog(backend);
        // Inside the records of segment 30's third batch (offsets 36..38), covered by its CRC.
        TestFiles.flipByte(dir().resolve(LOG_30), 2L * BATCH + 200);

        final List<String> lines = new ArrayList<>();
        try (PartitionLog log = reopen(backend, PartitionLog.UNKNOWN_RECOVERY_POINT, lines)) {
            final RecoveryReport report = log.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.CRC);
            assertThat(report.segment()).isEqualTo(dir().resolve(LOG_30));
            assertThat(report.position()).isEqualTo(2L * BATCH);
            assertThat(report.bytesTruncated()).isEqualTo(8L * BATCH);
            assertThat(report.segmentsRecovered()).isEqualTo(2);
            assertThat(report.segmentsDeleted()).isEqualTo(1);
            assertThat(report.detail()).startsWith("batch at 776: CRC mismatch");
            assertThat(log.logEndOffset()).isEqualTo(36);
            assertThat(log.recoveryPoint()).isEqualTo(36);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(1).index().entries()).isEqualTo(1);
            assertThat(fileNames()).containsExactly(INDEX_0, LOG_0, TIME_INDEX_0, INDEX_30, LOG_30, TIME_INDEX_30);
            assertThat(contents(log)).isEqualTo(prefix(before, 12, BATCH));
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("WARNING Recovery truncated " + dir().resolve(LOG_30)
                + " at byte 776: CRC, 3104 bytes dropped (batch at 776: CRC mismatch");
            assertThat(lines.get(0)).endsWith("); log end offset 36; 1 later segment deleted");

            // The cut segment is the active one: it fills up to 10 batches again, then rolls at offset 60.
            appendBatches(log, 8);
            assertThat(log.logEndOffset()).isEqualTo(60);
            assertThat(log.segmentCount()).isEqualTo(2);
            appendBatches(log, 1);
            assertThat(log.segmentCount()).isEqualTo(3);
            assertThat(log.segment(2).baseOffset()).isEqualTo(60);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void corruptByteBelowTheRecoveryPointIsNotScannedAndIsFoundWithoutOne(final SegmentBackend backend)
        throws IOException {
        crashedLog(backend);
        // Segment 0's third batch (offsets 6..8); segment 0 ends at offset 29, below a recovery point of 30.
        TestFiles.flipByte(dir().resolve(LOG_0), 2L * BATCH + 200);
        final Path template = tmp.resolve("template");
        TestFiles.copyDirectory(dir(), template);

        try (PartitionLog log = reopen(backend, 30, new ArrayList<>())) {
            final RecoveryReport report = log.lastRecovery();
            assertThat(report.segmentsRecovered()).isEqualTo(2);
            assertThat(report.reason()).isEqualTo(TruncationReason.NONE);
            assertThat(log.logEndOffset()).isEqualTo(75);
            // Kafka's rule: below the recovery point the log is trusted, so the damaged batch is still served.
            final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
            assertThat(log.read(6, 1, dst, 0)).isEqualTo(BATCH);
            assertThatThrownBy(() -> new RecordBatchReader().wrap(dst, 0, BATCH))
                .isInstanceOf(CorruptRecordBatchException.class);
        }

        TestFiles.copyDirectory(template, dir());
        try (PartitionLog log = reopen(backend, 29, new ArrayList<>())) {
            final RecoveryReport report = log.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.CRC);
            assertThat(report.segment()).isEqualTo(dir().resolve(LOG_0));
            assertThat(report.position()).isEqualTo(2L * BATCH);
            assertThat(report.segmentsRecovered()).isEqualTo(1);
            assertThat(report.segmentsDeleted()).isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(6);
            assertThat(fileNames()).containsExactly(INDEX_0, LOG_0, TIME_INDEX_0);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void durablePositionsFollowForcesOnly(final SegmentBackend backend) {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            assertThat(log.durablePositions().lengths()).containsExactly(
                Map.entry(dir().resolve(LOG_0), 0L), Map.entry(dir().resolve(INDEX_0), 0L),
                Map.entry(dir().resolve(TIME_INDEX_0), 0L));
            appendBatches(log, 22);
            final DurablePositions rolled = log.durablePositions();
            assertThat(rolled.dir()).isEqualTo(dir());
            assertThat(rolled.recoveryPoint()).isEqualTo(60);
            // The rolls trimmed and forced segments 0 and 30; nothing of segment 60 is forced yet. Every batch has the
            // same largest timestamp, so each time index holds the one entry of its segment's second batch.
            assertThat(rolled.lengths()).containsExactly(
                Map.entry(dir().resolve(LOG_0), 10L * BATCH), Map.entry(dir().resolve(INDEX_0), 72L),
                Map.entry(dir().resolve(TIME_INDEX_0), 12L),
                Map.entry(dir().resolve(LOG_30), 10L * BATCH), Map.entry(dir().resolve(INDEX_30), 72L),
                Map.entry(dir().resolve(TIME_INDEX_30), 12L),
                Map.entry(dir().resolve(LOG_60), 0L), Map.entry(dir().resolve(INDEX_60), 0L),
                Map.entry(dir().resolve(TIME_INDEX_60), 0L));
            log.flush();
            appendBatches(log, 3);
            final DurablePositions flushed = log.durablePositions();
            assertThat(flushed.recoveryPoint()).isEqualTo(66);
            assertThat(flushed.lengthOf(dir().resolve(LOG_60))).isEqualTo(2L * BATCH);
            assertThat(flushed.lengthOf(dir().resolve(INDEX_60))).isEqualTo(8);
            assertThat(flushed.lengthOf(dir().resolve(TIME_INDEX_60))).isEqualTo(12);
            assertThat(flushed.lengthOf(dir().resolve("other"))).isEqualTo(-1);
            // The earlier snapshot is immutable.
            assertThat(rolled.lengthOf(dir().resolve(LOG_60))).isZero();
            assertThatThrownBy(() -> flushed.lengths().put(dir(), 0L))
                .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void withFlushMessagesOneEveryAppendedBatchSurvivesAPowerLoss(final SegmentBackend backend) {
        final LogConfig config = config(backend, LogConfig.FLUSH_MESSAGES, "1");
        final PartitionLog log = PartitionLog.open(dir(), config);
        appendBatches(log, BATCHES);
        final byte[] before = contents(log);
        final DurablePositions positions = log.durablePositions();
        assertThat(positions.recoveryPoint()).isEqualTo(75);
        assertThat(positions.lengthOf(dir().resolve(LOG_60))).isEqualTo(5L * BATCH);
        assertThat(positions.lengthOf(dir().resolve(INDEX_60))).isEqualTo(32);
        log.closeUnclean();

        PowerLoss.cut(positions);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_60))).isEqualTo(5L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_60))).isEqualTo(32);
        try (PartitionLog reopened = PartitionLog.open(dir(), config, positions.recoveryPoint())) {
            assertThat(reopened.lastRecovery().reason()).isEqualTo(TruncationReason.NONE);
            assertThat(reopened.lastRecovery().segmentsRecovered()).isEqualTo(1);
            assertThat(reopened.logEndOffset()).isEqualTo(75);
            assertThat(contents(reopened)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void withDefaultFlushSettingsAPowerLossCutsBackToTheRecoveryPointExactly(final SegmentBackend backend) {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        appendBatches(log, 22);
        log.flush();
        appendBatches(log, 3);
        final byte[] before = contents(log);
        final DurablePositions positions = log.durablePositions();
        assertThat(positions.recoveryPoint()).isEqualTo(66);
        log.closeUnclean();

        // The unforced tail of segment 60 (3 batches and the preallocated rest) and 3 of its 4 index entries go.
        final long cut = PowerLoss.cut(positions);
        assertThat(cut).isGreaterThanOrEqualTo(4096 - 2L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_60))).isEqualTo(2L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve(INDEX_60))).isEqualTo(8);
        assertThat(TestFiles.fileSize(dir().resolve(LOG_30))).isEqualTo(10L * BATCH);
        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend), positions.recoveryPoint())) {
            final RecoveryReport report = reopened.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.NONE);
            assertThat(report.position()).isEqualTo(2L * BATCH);
            assertThat(report.segmentsRecovered()).isEqualTo(1);
            assertThat(reopened.logEndOffset()).isEqualTo(66);
            assertThat(reopened.recoveryPoint()).isEqualTo(66);
            assertThat(contents(reopened)).isEqualTo(prefix(before, 22, BATCH));
            // Appends continue at the recovery point.
            appendBatches(reopened, 1);
            assertThat(reopened.logEndOffset()).isEqualTo(69);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void noFlushSinceTheRollLosesTheWholeActiveSegmentButKeepsItsFiles(final SegmentBackend backend) {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        appendBatches(log, BATCHES);
        final DurablePositions positions = log.durablePositions();
        log.closeUnclean();
        PowerLoss.cut(positions);

        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend), positions.recoveryPoint())) {
            assertThat(reopened.logEndOffset()).isEqualTo(60);
            assertThat(reopened.segmentCount()).isEqualTo(3);
            assertThat(reopened.lastRecovery().position()).isZero();
            assertThat(reopened.lastRecovery().bytesTruncated()).isZero();
            appendBatches(reopened, 1);
            assertThat(reopened.logEndOffset()).isEqualTo(63);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void kafkasFileRecordsReadsTheLogReopenedAfterAPowerLossAsAPrefix(final SegmentBackend backend)
        throws IOException {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        appendBatches(log, 22);
        log.flush();
        appendBatches(log, 3);
        final byte[] before = contents(log);
        final DurablePositions positions = log.durablePositions();
        log.closeUnclean();
        PowerLoss.cut(positions);
        PartitionLog.open(dir(), config(backend), positions.recoveryPoint()).close();

        final ByteBuffer read = ByteBuffer.allocate(before.length);
        final List<Long> baseOffsets = new ArrayList<>();
        for (final String name : List.of(LOG_0, LOG_30, LOG_60)) {
            try (FileRecords records = FileRecords.open(dir().resolve(name).toFile())) {
                assertThat((long) records.sizeInBytes()).isEqualTo(TestFiles.fileSize(dir().resolve(name)));
                for (final RecordBatch kafkaBatch : records.batches()) {
                    assertThat(kafkaBatch.isValid()).isTrue();
                    assertThat(kafkaBatch.partitionLeaderEpoch()).isEqualTo(EPOCH);
                    assertThat(kafkaBatch.lastOffset()).isEqualTo(kafkaBatch.baseOffset() + RECORDS - 1);
                    baseOffsets.add(kafkaBatch.baseOffset());
                }
            }
            read.put(Files.readAllBytes(dir().resolve(name)));
        }
        final List<Long> expected = new ArrayList<>();
        for (long base = 0; base < 66; base += RECORDS) {
            expected.add(base);
        }
        assertThat(baseOffsets).isEqualTo(expected);
        final byte[] bytes = new byte[read.position()];
        read.flip().get(bytes);
        assertThat(bytes).isEqualTo(prefix(before, 22, BATCH));
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void negativeRecoveryPointIsRefused(final SegmentBackend backend) {
        assertThatThrownBy(() -> PartitionLog.open(dir(), config(backend), -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Negative recovery point -1 for " + dir());
    }

    private static void appendBatches(final PartitionLog log, final int count) {
        for (int i = 0; i < count; i++) {
            final UnsafeBuffer batch = batch(RECORDS, i);
            log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
        }
    }

    /** The segment files (and any left-overs of them); the leader-epoch checkpoint beside them is not one. */
    private List<String> fileNames() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(path -> path.getFileName().toString())
                .filter(name -> !name.equals(LeaderEpochCache.FILE_NAME) && !name.equals(DurabilityLedger.FILE_NAME))
                .sorted().collect(Collectors.toList());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
