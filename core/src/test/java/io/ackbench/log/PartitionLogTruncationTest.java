package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static java.nio.ByteOrder.BIG_ENDIAN;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ackbench.record.RecordBatchReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PartitionLog#truncateTo}, the same on every segment backend. Every log here holds 25 batches of 3 records
 * (offsets 0..74) in 4096-byte segments of 10 batches: segment 0 holds offsets 0..29, segment 30 holds 30..59 and
 * segment 60 holds 60..74. An index entry is written at every batch of a segment but its first.
 */
class PartitionLogTruncationTest {
    private static final int RECORDS = 3;
    private static final int BATCH = sizeOf(RECORDS);
    private static final int BATCHES = 25;
    private static final int EPOCH = 7;
    private static final int LATER_EPOCH = 9;

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("topic-0");
    }

    private static LogConfig config(final SegmentBackend backend) {
        return LogConfig.of(Map.of(LogConfig.BACKEND, backend.configName(), LogConfig.SEGMENT_BYTES, "4096",
            LogConfig.INDEX_INTERVAL_BYTES, "256"));
    }

    private PartitionLog openWithBatches(final SegmentBackend backend) {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        appendBatches(log, BATCHES, EPOCH);
        assertThat(log.logEndOffset()).isEqualTo(75);
        assertThat(log.segmentCount()).isEqualTo(3);
        return log;
    }

    private static void appendBatches(final PartitionLog log, final int count, final int epoch) {
        for (int i = 0; i < count; i++) {
            final UnsafeBuffer batch = batch(RECORDS, i);
            log.appendAsLeader(batch, 0, batch.capacity(), epoch);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncateInsideTheActiveSegmentCutsItsFileAndIndexAndAppendsContinueThere(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            final byte[] before = contents(log);
            assertThat(log.segment(2).index().entries()).isEqualTo(4);
            assertThat(log.recoveryPoint()).isEqualTo(60);

            assertThat(log.truncateTo(66)).isEqualTo(66);

            assertThat(log.logEndOffset()).isEqualTo(66);
            assertThat(log.recoveryPoint()).isEqualTo(60);
            assertThat(log.segmentCount()).isEqualTo(3);
            final LogSegment active = log.segment(2);
            assertThat(active.baseOffset()).isEqualTo(60);
            assertThat(active.size()).isEqualTo(2 * BATCH);
            // Entries (5, 388), (8, 776), (11, 1164), (14, 1552) before; only the one below relative offset 6 stays.
            assertThat(active.index().entries()).isEqualTo(1);
            assertThat(active.index().relativeOffset(0)).isEqualTo(5);
            assertThat(active.index().position(0)).isEqualTo(BATCH);
            assertThat(contents(log)).isEqualTo(prefix(before, 22, BATCH));
            assertThat(read(log, 66)).isZero();
            assertThatThrownBy(() -> read(log, 67)).isInstanceOf(OffsetOutOfRangeException.class);

            final UnsafeBuffer next = batch(RECORDS, 40);
            assertThat(log.appendAsLeader(next, 0, next.capacity(), LATER_EPOCH)).isEqualTo(66);
            assertThat(log.logEndOffset()).isEqualTo(69);
            assertThat(active.index().entries()).isEqualTo(2);
            assertThat(active.index().relativeOffset(1)).isEqualTo(8);
            assertThat(active.index().position(1)).isEqualTo(2 * BATCH);
            final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(BATCH));
            assertThat(log.read(66, Integer.MAX_VALUE, dst, 0)).isEqualTo(BATCH);
            final RecordBatchReader reader = new RecordBatchReader().wrap(dst, 0, BATCH);
            assertThat(reader.baseOffset()).isEqualTo(66);
            assertThat(reader.partitionLeaderEpoch()).isEqualTo(LATER_EPOCH);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void offsetInsideABatchRemovesTheWholeBatchAndEndsAtItsBaseOffset(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            assertThat(log.truncateTo(68)).isEqualTo(66);
            assertThat(log.logEndOffset()).isEqualTo(66);
            assertThat(log.segment(2).size()).isEqualTo(2 * BATCH);
            assertThat(log.truncateTo(64)).isEqualTo(63);
            assertThat(log.segment(2).size()).isEqualTo(BATCH);
            assertThat(log.segment(2).index().entries()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void offsetAtOrPastTheEndChangesNothingAndBelowTheStartIsRefused(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            final byte[] before = contents(log);
            assertThat(log.truncateTo(75)).isEqualTo(75);
            assertThat(log.truncateTo(1000)).isEqualTo(75);
            assertThat(log.segmentCount()).isEqualTo(3);
            assertThatThrownBy(() -> log.truncateTo(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below its log start offset 0");
            assertThat(contents(log)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncateToASegmentBoundaryLeavesThatSegmentEmptyAndActive(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            final byte[] before = contents(log);
            assertThat(log.truncateTo(30)).isEqualTo(30);

            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(1).baseOffset()).isEqualTo(30);
            assertThat(log.segment(1).size()).isZero();
            assertThat(log.segment(1).index().entries()).isZero();
            assertThat(log.recoveryPoint()).isEqualTo(30);
            assertThat(fileNames()).containsExactly("00000000000000000000.index", "00000000000000000000.log",
                "00000000000000000000.timeindex", "00000000000000000030.index", "00000000000000000030.log",
                "00000000000000000030.timeindex");
            assertThat(contents(log)).isEqualTo(prefix(before, 10, BATCH));
            assertThat(read(log, 30)).isZero();
            assertThat(read(log, 29)).isEqualTo(BATCH);
            assertThatThrownBy(() -> read(log, 31)).isInstanceOf(OffsetOutOfRangeException.class);

            appendBatches(log, 1, LATER_EPOCH);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(33);
            assertThat(log.segment(1).size()).isEqualTo(BATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncateAcrossSegmentsDeletesTheLaterOnesAndRollsAgainWhereTheKeptOneFills(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            final byte[] before = contents(log);
            assertThat(log.truncateTo(15)).isEqualTo(15);

            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(log.logEndOffset()).isEqualTo(15);
            assertThat(log.recoveryPoint()).isEqualTo(15);
            final LogSegment kept = log.segment(0);
            assertThat(kept.size()).isEqualTo(5 * BATCH);
            // Entries (3e + 5, 388 (e + 1)) for e = 0..8 before; those below relative offset 15 stay.
            assertThat(kept.index().entries()).isEqualTo(4);
            for (int e = 0; e < 4; e++) {
                assertThat(kept.index().relativeOffset(e)).isEqualTo(3 * e + 5);
                assertThat(kept.index().position(e)).isEqualTo(BATCH * (e + 1));
            }
            assertThat(fileNames()).containsExactly("00000000000000000000.index", "00000000000000000000.log",
                "00000000000000000000.timeindex");
            assertThat(contents(log)).isEqualTo(prefix(before, 5, BATCH));
            assertThat(read(log, 15)).isZero();
            assertThatThrownBy(() -> read(log, 16)).isInstanceOf(OffsetOutOfRangeException.class);

            appendBatches(log, 6, LATER_EPOCH);
            assertThat(log.logEndOffset()).isEqualTo(33);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(1).baseOffset()).isEqualTo(30);
            assertThat(log.segment(0).size()).isEqualTo(10 * BATCH);
            assertThat(log.segment(0).index().entries()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncateToTheLogStartLeavesOneEmptyActiveSegment(final SegmentBackend backend) {
        try (PartitionLog log = openWithBatches(backend)) {
            assertThat(log.truncateTo(0)).isZero();

            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(log.logEndOffset()).isZero();
            assertThat(log.recoveryPoint()).isZero();
            assertThat(log.segment(0).size()).isZero();
            assertThat(log.segment(0).index().entries()).isZero();
            assertThat(fileNames()).containsExactly("00000000000000000000.index", "00000000000000000000.log",
                "00000000000000000000.timeindex");
            assertThat(read(log, 0)).isZero();

            appendBatches(log, 2, LATER_EPOCH);
            assertThat(log.logEndOffset()).isEqualTo(6);
            final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * BATCH));
            assertThat(log.read(0, Integer.MAX_VALUE, dst, 0)).isEqualTo(2 * BATCH);
            assertThat(dst.getLong(BATCH, BIG_ENDIAN)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void reopenAfterTruncationFindsTheSameLogAfterACleanAndAnUncleanClose(final SegmentBackend backend) {
        final PartitionLog log = openWithBatches(backend);
        log.truncateTo(45);
        appendBatches(log, 1, LATER_EPOCH);
        final byte[] truncated = contents(log);
        assertThat(truncated.length).isEqualTo(16 * BATCH);
        log.close();
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000030.log"))).isEqualTo(6L * BATCH);

        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend))) {
            assertThat(reopened.lastRecovery().recovered()).isFalse();
            assertThat(reopened.logEndOffset()).isEqualTo(48);
            assertThat(reopened.segmentCount()).isEqualTo(2);
            assertThat(reopened.segment(1).index().entries()).isEqualTo(5);
            assertThat(contents(reopened)).isEqualTo(truncated);
            // Cut inside the active segment, whose file is preallocated again: the old bytes must not come back.
            reopened.truncateTo(36);
            reopened.closeUnclean();
        }
        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend))) {
            assertThat(reopened.lastRecovery().recovered()).isTrue();
            assertThat(reopened.lastRecovery().reason()).isEqualTo(TruncationReason.NONE);
            assertThat(reopened.lastRecovery().position()).isEqualTo(2L * BATCH);
            assertThat(reopened.logEndOffset()).isEqualTo(36);
            assertThat(reopened.segmentCount()).isEqualTo(2);
            assertThat(reopened.segment(1).index().entries()).isEqualTo(1);
            assertThat(contents(reopened)).isEqualTo(prefix(truncated, 12, BATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void kafkasFileRecordsReadsTheTruncatedLogWithTheSameOffsets(final SegmentBackend backend) throws IOException {
        final PartitionLog log = openWithBatches(backend);
        log.truncateTo(44);
        appendBatches(log, 2, LATER_EPOCH);
        log.close();

        final List<String> batches = new ArrayList<>();
        for (final String name : List.of("00000000000000000000.log", "00000000000000000030.log")) {
            try (FileRecords records = FileRecords.open(dir().resolve(name).toFile())) {
                assertThat((long) records.sizeInBytes()).isEqualTo(TestFiles.fileSize(dir().resolve(name)));
                for (final RecordBatch kafkaBatch : records.batches()) {
                    assertThat(kafkaBatch.isValid()).isTrue();
                    batches.add(kafkaBatch.baseOffset() + "-" + kafkaBatch.lastOffset() + "@"
                        + kafkaBatch.partitionLeaderEpoch());
                }
            }
        }
        final List<String> expected = new ArrayList<>();
        for (long base = 0; base < 42; base += RECORDS) {
            expected.add(base + "-" + (base + 2) + "@" + EPOCH);
        }
        expected.add("42-44@" + LATER_EPOCH);
        expected.add("45-47@" + LATER_EPOCH);
        assertThat(batches).isEqualTo(expected);
    }

    /**
     * Stops the truncation to offset 15 after each of its durable steps in turn, as a crash there would (the log
     * is released with no further write), and reopens: every stop leaves a prefix of the original log, no
     * {@code .deleted} file survives the open, and the log end is exactly what that step leaves.
     */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void crashAfterAnyStepOfATruncationReopensToAPrefix(final SegmentBackend backend) throws IOException {
        final Path original = tmp.resolve("original");
        final byte[] before;
        try (PartitionLog log = openWithBatches(backend)) {
            before = contents(log);
            log.closeUnclean();
        }
        TestFiles.copyDirectory(dir(), original);

        final List<TruncationStep> steps = new ArrayList<>();
        final List<Long> ends = new ArrayList<>();
        for (int stopAt = 1; ; stopAt++) {
            TestFiles.copyDirectory(original, dir());
            final PartitionLog log = PartitionLog.open(dir(), config(backend));
            assertThat(log.logEndOffset()).isEqualTo(75);
            final int stop = stopAt;
            final int[] seen = {0};
            log.onTruncationStep(step -> {
                if (++seen[0] == stop) {
                    steps.add(step);
                    throw new SimulatedCrash();
                }
            });
            try {
                log.truncateTo(15);
                log.closeUnclean();
                break;
            } catch (final SimulatedCrash expected) {
                assertThatThrownBy(() -> log.read(0, 1, new UnsafeBuffer(new byte[1]), 0))
                    .isInstanceOf(IllegalStateException.class);
            }
            try (PartitionLog reopened = PartitionLog.open(dir(), config(backend))) {
                ends.add(reopened.logEndOffset());
                assertThat(contents(reopened)).isEqualTo(prefix(before, (int) (reopened.logEndOffset() / RECORDS), BATCH));
                assertThat(fileNames()).noneMatch(name -> name.endsWith(".deleted"));
            }
        }
        assertThat(steps).containsExactly(
            TruncationStep.LATER_INDEX_RENAMED, TruncationStep.LATER_TIME_INDEX_RENAMED,
            TruncationStep.LATER_LOG_RENAMED,
            TruncationStep.LATER_INDEX_RENAMED, TruncationStep.LATER_TIME_INDEX_RENAMED,
            TruncationStep.LATER_LOG_RENAMED,
            TruncationStep.RENAMES_SYNCED, TruncationStep.INDEX_CUT, TruncationStep.TIME_INDEX_CUT,
            TruncationStep.LOG_CUT, TruncationStep.SEGMENT_REOPENED);
        assertThat(ends).containsExactly(75L, 75L, 60L, 60L, 60L, 30L, 30L, 30L, 30L, 15L, 15L);
        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend))) {
            assertThat(reopened.logEndOffset()).isEqualTo(15);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void openRemovesDeletedFilesLeftBehind(final SegmentBackend backend) throws IOException {
        try (PartitionLog log = openWithBatches(backend)) {
            log.closeUnclean();
        }
        Files.move(dir().resolve("00000000000000000060.log"), dir().resolve("00000000000000000060.log.deleted"));
        Files.move(dir().resolve("00000000000000000060.index"), dir().resolve("00000000000000000060.index.deleted"));
        Files.move(dir().resolve("00000000000000000060.timeindex"),
            dir().resolve("00000000000000000060.timeindex.deleted"));
        try (PartitionLog reopened = PartitionLog.open(dir(), config(backend))) {
            assertThat(reopened.logEndOffset()).isEqualTo(60);
            assertThat(fileNames()).containsExactly("00000000000000000000.index", "00000000000000000000.log",
                "00000000000000000000.timeindex", "00000000000000000030.index", "00000000000000000030.log",
                "00000000000000000030.timeindex");
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    private static int read(final PartitionLog log, final long offset) {
        return log.read(offset, Integer.MAX_VALUE, new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16)), 0);
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
