package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.ackbench.record.RecordBatchReader;
import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The log's behaviour, the same on every segment backend. */
class PartitionLogTest {
    /** 3 records of 100 bytes: 61 + 3 * 109 = 388 bytes; ten fit a 4096-byte segment, the eleventh rolls. */
    private static final int RECORDS = 3;
    private static final int BATCH = sizeOf(RECORDS);
    private static final int BATCHES_PER_SEGMENT = 10;
    private static final int EPOCH = 7;

    @TempDir
    Path tmp;

    private final List<PartitionLog> opened = new ArrayList<>();

    private Path dir() {
        return tmp.resolve("topic-0");
    }

    /** 1 MiB segments unless said otherwise: far apart rolls without a gigabyte of sparse file per segment. */
    private static LogConfig config(final SegmentBackend backend, final String... keyValues) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(LogConfig.BACKEND, backend.configName());
        settings.put(LogConfig.SEGMENT_BYTES, Integer.toString(1 << 20));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.of(settings);
    }

    /** Small segments and a fine index, so that a few batches roll and index. */
    private static LogConfig small(final SegmentBackend backend, final String... more) {
        final String[] keyValues = Stream.concat(
            Stream.of(LogConfig.SEGMENT_BYTES, "4096", LogConfig.INDEX_INTERVAL_BYTES, "256"),
            Stream.of(more)).toArray(String[]::new);
        return config(backend, keyValues);
    }

    private PartitionLog open(final LogConfig config) {
        return PartitionLog.open(dir(), config);
    }

    private static void appendBatches(final PartitionLog log, final int count) {
        for (int i = 0; i < count; i++) {
            final UnsafeBuffer batch = batch(RECORDS, i);
            log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
        }
    }

    private static UnsafeBuffer readAll(final PartitionLog log, final long from, final int maxBytes) {
        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
        final int read = log.read(from, maxBytes, dst, 0);
        return new UnsafeBuffer(dst, 0, read);
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void leaderAppendAssignsOffsetsAndStampsOnlyTheLogsCopy(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            final UnsafeBuffer first = batch(RECORDS, 1);
            final UnsafeBuffer second = batch(5, 2);
            final byte[] callersBytes = new byte[second.capacity()];
            second.getBytes(0, callersBytes);

            assertThat(log.appendAsLeader(first, 0, first.capacity(), EPOCH)).isEqualTo(0);
            assertThat(log.appendAsLeader(second, 0, second.capacity(), EPOCH + 1)).isEqualTo(3);
            assertThat(log.logEndOffset()).isEqualTo(8);
            final byte[] after = new byte[second.capacity()];
            second.getBytes(0, after);
            assertThat(after).isEqualTo(callersBytes);

            final UnsafeBuffer read = readAll(log, 3, Integer.MAX_VALUE);
            assertThat(read.capacity()).isEqualTo(sizeOf(5));
            final RecordBatchReader reader = new RecordBatchReader().wrap(read, 0, read.capacity());
            assertThat(reader.baseOffset()).isEqualTo(3);
            assertThat(reader.lastOffset()).isEqualTo(7);
            assertThat(reader.partitionLeaderEpoch()).isEqualTo(EPOCH + 1);
            assertThat(reader.recordCount()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void rollsWhenTheNextBatchDoesNotFitAndIndexesEveryIntervalInEverySegment(final SegmentBackend backend) {
        assertThat(BATCH).isEqualTo(388);
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 25);

            assertThat(log.segmentCount()).isEqualTo(3);
            assertThat(log.logEndOffset()).isEqualTo(75);
            for (int s = 0; s < 3; s++) {
                final LogSegment segment = log.segment(s);
                final int batches = Math.min(BATCHES_PER_SEGMENT, 25 - s * BATCHES_PER_SEGMENT);
                assertThat(segment.baseOffset()).isEqualTo(30L * s);
                assertThat(segment.size()).isEqualTo(batches * BATCH);
                assertThat(segment.logPath().getFileName().toString())
                    .isEqualTo(String.format("%020d.log", 30L * s));
                // More than 256 bytes since the last entry at every append but a segment's first: batches 2.. of it,
                // each entry (relative last offset of the batch, position where it starts).
                final OffsetIndex index = segment.index();
                assertThat(index.entries()).isEqualTo(batches - 1);
                for (int e = 0; e < batches - 1; e++) {
                    assertThat(index.relativeOffset(e)).as("entry %d of segment %d", e, s).isEqualTo(3 * (e + 1) + 2);
                    assertThat(index.position(e)).as("entry %d of segment %d", e, s).isEqualTo(BATCH * (e + 1));
                }
            }
            assertThat(Files.exists(dir().resolve("00000000000000000030.index"))).isTrue();
            assertThat(TestFiles.fileSize(dir().resolve("00000000000000000000.log"))).isEqualTo(10L * BATCH);
            assertThat(TestFiles.fileSize(dir().resolve("00000000000000000000.index")))
                .isEqualTo(9L * OffsetIndex.ENTRY_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void readFromAnyOffsetReturnsWholeBatchesStartingWithTheOneHoldingIt(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 25);
            final RecordBatchReader reader = new RecordBatchReader();
            for (long offset = 0; offset < 75; offset++) {
                final long batchBase = offset / RECORDS * RECORDS;
                final int inSegment = (int) (offset / RECORDS % BATCHES_PER_SEGMENT);
                final int segmentBatches = offset < 60 ? BATCHES_PER_SEGMENT : 5;

                final UnsafeBuffer one = readAll(log, offset, 1);
                assertThat(one.capacity()).as("at least one batch from %d", offset).isEqualTo(BATCH);
                assertThat(reader.wrap(one, 0, one.capacity()).baseOffset()).isEqualTo(batchBase);

                final UnsafeBuffer two = readAll(log, offset, 2 * BATCH);
                assertThat(two.capacity()).isEqualTo(Math.min(2, segmentBatches - inSegment) * BATCH);

                // Reads stay within the segment holding the offset; each batch is whole and valid.
                final UnsafeBuffer rest = readAll(log, offset, Integer.MAX_VALUE);
                assertThat(rest.capacity()).isEqualTo((segmentBatches - inSegment) * BATCH);
                long expectedBase = batchBase;
                for (int at = 0; at < rest.capacity(); at = reader.nextBatchOffset()) {
                    reader.wrap(rest, at, rest.capacity() - at);
                    assertThat(reader.baseOffset()).isEqualTo(expectedBase);
                    assertThat(reader.partitionLeaderEpoch()).isEqualTo(EPOCH);
                    expectedBase = reader.lastOffset() + 1;
                }
            }
            assertThat(log.read(75, Integer.MAX_VALUE, new UnsafeBuffer(new byte[1]), 0)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void readIntoAHeapBufferAtAnOffsetCopiesTheSameBytes(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 4);
            final UnsafeBuffer direct = readAll(log, 4, 2 * BATCH);
            final UnsafeBuffer heap = new UnsafeBuffer(new byte[2 * BATCH + 10]);
            assertThat(log.read(4, 2 * BATCH, heap, 10)).isEqualTo(2 * BATCH);
            final byte[] expected = new byte[2 * BATCH];
            final byte[] actual = new byte[2 * BATCH];
            direct.getBytes(0, expected);
            heap.getBytes(10, actual);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void withoutMinOneBatchAFirstBatchOverTheLimitIsNotCopiedAndNothingThrows(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 2);
            // What is left of a fetch response: less than one batch, in a buffer that could not hold it either.
            final UnsafeBuffer dst = new UnsafeBuffer(new byte[BATCH - 1]);
            assertThat(log.read(0, BATCH - 1, dst, 0, false)).isEqualTo(0);
            final UnsafeBuffer big = new UnsafeBuffer(new byte[2 * BATCH]);
            assertThat(log.read(0, BATCH - 1, big, 0, true)).isEqualTo(BATCH);
            assertThat(log.read(0, BATCH, big, 0, false)).isEqualTo(BATCH);
            assertThat(log.read(0, 2 * BATCH, big, 0, false)).isEqualTo(2 * BATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void readsOutsideTheLogAreRefused(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 2);
            final UnsafeBuffer dst = new UnsafeBuffer(new byte[BATCH - 1]);
            assertThatThrownBy(() -> log.read(7, 100, dst, 0))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessage("Offset 7 is out of range: the log holds [0, 6) and reads may start at 6 at most");
            assertThatThrownBy(() -> log.read(-1, 100, dst, 0)).isInstanceOf(OffsetOutOfRangeException.class);
            assertThatThrownBy(() -> log.read(0, 100, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Destination has room for 387 bytes at index 0, but the batch holding offset 0 is 388 bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void batchBiggerThanASegmentIsRejectedNamingItsSizeAndTheLimit(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 1);
            final UnsafeBuffer huge = batch(40, 9);
            assertThat(huge.capacity()).isEqualTo(4421);
            assertThatThrownBy(() -> log.appendAsLeader(huge, 0, huge.capacity(), EPOCH))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("Batch of 4421 bytes can never fit a log segment: segment.bytes=4096");
            assertThat(log.logEndOffset()).isEqualTo(3);
            assertThat(log.segmentCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void leaderAppendOfBytesThatAreNotExactlyOneBatchIsRejected(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            final UnsafeBuffer one = batch(RECORDS, 1);
            assertThatThrownBy(() -> log.appendAsLeader(one, 0, BATCH - 1, EPOCH))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("Batch at 0 declares 388 bytes, but 387 bytes were given");
            final UnsafeBuffer padded = new UnsafeBuffer(ByteBuffer.allocateDirect(BATCH + 5));
            padded.putBytes(0, one, 0, BATCH);
            assertThatThrownBy(() -> log.appendAsLeader(padded, 0, BATCH + 5, EPOCH))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("Batch declares 388 bytes, but 393 bytes were given: a leader appends exactly one batch");
            assertThat(log.logEndOffset()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void fullIndexRollsTheSegment(final SegmentBackend backend) {
        // Without the time index, which 20 bytes leave one slot, kept for the roll's entry: it is always full.
        try (PartitionLog log = open(small(backend, LogConfig.SEGMENT_INDEX_BYTES, "20", LogConfig.TIME_INDEX,
            "false"))) {
            // Two entries fit (20 bytes round down to 16): the third batch makes the second entry, the fourth rolls.
            appendBatches(log, 4);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(0).size()).isEqualTo(3 * BATCH);
            assertThat(log.segment(0).index().entries()).isEqualTo(2);
            assertThat(log.segment(1).baseOffset()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void lastOffsetOutsideTheRelativeRangeRollsTheSegment(final SegmentBackend backend) {
        try (PartitionLog log = open(config(backend))) {
            appendBatches(log, 1);
            // A batch whose last offset delta reaches past base + Integer.MAX_VALUE (the log does not check the CRC).
            final UnsafeBuffer wide = batch(RECORDS, 2);
            wide.putInt(23, Integer.MAX_VALUE - 1, BIG_ENDIAN);
            assertThat(log.appendAsLeader(wide, 0, wide.capacity(), EPOCH)).isEqualTo(3);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(1).baseOffset()).isEqualTo(3);
            assertThat(log.logEndOffset()).isEqualTo(3L + Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void followerAppendCopiesTheLeadersBatchesAcrossARoll(final SegmentBackend backend) {
        try (PartitionLog leader = PartitionLog.open(tmp.resolve("leader"), config(backend));
             PartitionLog follower = PartitionLog.open(tmp.resolve("follower"), small(backend))) {
            appendBatches(leader, 14);
            final UnsafeBuffer chunk = readAll(leader, 0, 8 * BATCH);
            assertThat(chunk.capacity()).isEqualTo(8 * BATCH);
            assertThat(follower.appendAsFollower(chunk, 0, chunk.capacity())).isEqualTo(24);
            final UnsafeBuffer next = readAll(leader, 24, Integer.MAX_VALUE);
            assertThat(follower.appendAsFollower(next, 0, next.capacity())).isEqualTo(42);

            assertThat(follower.segmentCount()).isEqualTo(2);
            assertThat(follower.segment(1).baseOffset()).isEqualTo(30);
            for (long offset = 0; offset < 42; offset += RECORDS) {
                final UnsafeBuffer expected = readAll(leader, offset, 1);
                final UnsafeBuffer actual = readAll(follower, offset, 1);
                final byte[] expectedBytes = new byte[expected.capacity()];
                final byte[] actualBytes = new byte[actual.capacity()];
                expected.getBytes(0, expectedBytes);
                actual.getBytes(0, actualBytes);
                assertThat(actualBytes).as("batch at %d", offset).isEqualTo(expectedBytes);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void followerAppendThatDoesNotContinueTheLogIsRejectedWhole(final SegmentBackend backend) {
        try (PartitionLog leader = PartitionLog.open(tmp.resolve("leader"), config(backend));
             PartitionLog follower = PartitionLog.open(tmp.resolve("follower"), small(backend))) {
            appendBatches(leader, 3);
            final UnsafeBuffer fromThree = readAll(leader, 3, Integer.MAX_VALUE);
            assertThatThrownBy(() -> follower.appendAsFollower(fromThree, 0, fromThree.capacity()))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("First batch's base offset 3 must equal the log end offset 0");

            final UnsafeBuffer all = readAll(leader, 0, Integer.MAX_VALUE);
            all.putLong(2 * BATCH, 99, BIG_ENDIAN);
            assertThatThrownBy(() -> follower.appendAsFollower(all, 0, all.capacity()))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("Batch at byte 776 has base offset 99, expected 6 to continue the batches before it");
            assertThatThrownBy(() -> follower.appendAsFollower(all, 0, 2 * BATCH - 1))
                .isInstanceOf(LogAppendException.class)
                .hasMessage("Batch at 388 declares 388 bytes, but 387 bytes were given");
            assertThat(follower.logEndOffset()).isZero();
            assertThat(follower.segment(0).size()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void cleanCloseTrimsFilesWritesTheMarkerAndReopenSkipsRecovery(final SegmentBackend backend) throws IOException {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 13);
        log.close();

        assertThat(Files.exists(dir().resolve(".kafka_cleanshutdown"))).isTrue();
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000000.log"))).isEqualTo(10L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000030.log"))).isEqualTo(3L * BATCH);
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000030.index")))
            .isEqualTo(2L * OffsetIndex.ENTRY_SIZE);

        try (PartitionLog reopened = open(small(backend))) {
            assertThat(reopened.lastRecovery().recovered()).isFalse();
            assertThat(reopened.lastRecovery().reason()).isEqualTo(TruncationReason.NONE);
            assertThat(Files.exists(dir().resolve(".kafka_cleanshutdown"))).isFalse();
            assertThat(reopened.logEndOffset()).isEqualTo(39);
            assertThat(reopened.recoveryPoint()).isEqualTo(39);
            assertThat(reopened.segmentCount()).isEqualTo(2);
            assertThat(reopened.segment(1).index().entries()).isEqualTo(2);
            appendBatches(reopened, 1);
            assertThat(reopened.logEndOffset()).isEqualTo(42);
            assertThat(reopened.segment(1).index().entries()).isEqualTo(3);
            assertThat(readAll(reopened, 39, 1).getLong(0, BIG_ENDIAN)).isEqualTo(39);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void kafkasFileRecordsReadsACleanlyClosedLogWithTheSameOffsets(final SegmentBackend backend) throws IOException {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 13);
        log.close();
        final List<Long> baseOffsets = new ArrayList<>();
        for (final String name : List.of("00000000000000000000.log", "00000000000000000030.log")) {
            try (FileRecords records = FileRecords.open(dir().resolve(name).toFile())) {
                assertThat((long) records.sizeInBytes()).isEqualTo(TestFiles.fileSize(dir().resolve(name)));
                for (final RecordBatch kafkaBatch : records.batches()) {
                    assertThat(kafkaBatch.isValid()).isTrue();
                    assertThat(kafkaBatch.partitionLeaderEpoch()).isEqualTo(EPOCH);
                    assertThat(kafkaBatch.lastOffset()).isEqualTo(kafkaBatch.baseOffset() + RECORDS - 1);
                    baseOffsets.add(kafkaBatch.baseOffset());
                }
            }
        }
        final List<Long> expected = new ArrayList<>();
        for (long base = 0; base < 39; base += RECORDS) {
            expected.add(base);
        }
        assertThat(baseOffsets).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void zeroFilledPreallocatedTailLosesNothing(final SegmentBackend backend) {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 13);
        log.closeUnclean();
        assertThat(TestFiles.fileSize(dir().resolve("00000000000000000030.log"))).isGreaterThanOrEqualTo(4096);

        final List<String> lines = new ArrayList<>();
        try (PartitionLog reopened = PartitionLog.open(dir(), small(backend), System::currentTimeMillis,
            new LogEvents((level, line) -> lines.add(level + " " + line)))) {
            final RecoveryReport report = reopened.lastRecovery();
            assertThat(report.recovered()).isTrue();
            assertThat(report.reason()).isEqualTo(TruncationReason.NONE);
            assertThat(report.position()).isEqualTo(3L * BATCH);
            assertThat(report.bytesTruncated()).isZero();
            assertThat(report.segment()).isEqualTo(dir().resolve("00000000000000000030.log"));
            assertThat(reopened.logEndOffset()).isEqualTo(39);
            assertThat(reopened.segment(1).index().entries()).isEqualTo(2);
            assertThat(readAll(reopened, 0, Integer.MAX_VALUE).capacity()).isEqualTo(10 * BATCH);
            assertThat(readAll(reopened, 30, Integer.MAX_VALUE).capacity()).isEqualTo(3 * BATCH);
            assertThat(lines).containsExactly("INFO Recovered " + dir().resolve("00000000000000000030.log")
                + " after an unclean shutdown: valid to byte 1164, nothing truncated; log end offset 39");
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void recoveryAfterCuttingTheLastBatchAtEveryByteKeepsEveryEarlierBatch(final SegmentBackend backend)
        throws IOException {
        final Path template = tmp.resolve("template");
        final PartitionLog log = PartitionLog.open(template, small(backend));
        appendBatches(log, 14);
        log.closeUnclean();
        final String lastLog = "00000000000000000030.log";
        final int lastStart = 3 * BATCH;
        final byte[] lastBatch = new byte[BATCH];
        try (FileChannel channel = FileChannel.open(template.resolve(lastLog), StandardOpenOption.READ)) {
            channel.read(ByteBuffer.wrap(lastBatch), lastStart);
        }

        for (int cut = 0; cut < BATCH; cut++) {
            TestFiles.copyDirectory(template, dir());
            try (FileChannel channel = FileChannel.open(dir().resolve(lastLog), StandardOpenOption.WRITE)) {
                channel.truncate(lastStart + cut);
            }
            final List<String> lines = new ArrayList<>();
            final PartitionLog recovered = PartitionLog.open(dir(), small(backend), System::currentTimeMillis,
                new LogEvents((level, line) -> lines.add(level + " " + line)));
            final RecoveryReport report = recovered.lastRecovery();
            // A cut that leaves only zero bytes of the header (the high bytes of the base offset) leaves no data.
            final int kept = lastNonZero(lastBatch, cut) + 1;
            final boolean torn = cut >= TestBatches.HEADER_SIZE || kept > 0;
            assertThat(report.position()).as("cut at %d", cut).isEqualTo(lastStart);
            assertThat(report.reason()).as("cut at %d", cut)
                .isEqualTo(torn ? TruncationReason.TORN_BATCH : TruncationReason.NONE);
            assertThat(report.bytesTruncated()).as("cut at %d", cut)
                .isEqualTo(cut >= TestBatches.HEADER_SIZE ? cut : kept);
            assertThat(recovered.logEndOffset()).as("cut at %d", cut).isEqualTo(39);
            assertThat(readAll(recovered, 0, Integer.MAX_VALUE).capacity()).isEqualTo(10 * BATCH);
            assertThat(readAll(recovered, 30, Integer.MAX_VALUE).capacity()).isEqualTo(3 * BATCH);
            if (torn) {
                assertThat(lines).hasSize(1);
                assertThat(lines.get(0)).startsWith("WARNING Recovery truncated " + dir().resolve(lastLog)
                    + " at byte 1164: TORN_BATCH, " + report.bytesTruncated() + " bytes dropped (");
            }

            final UnsafeBuffer next = batch(RECORDS, 100);
            assertThat(recovered.appendAsLeader(next, 0, next.capacity(), EPOCH)).isEqualTo(39);
            assertThat(readAll(recovered, 39, 1).capacity()).isEqualTo(BATCH);
            recovered.closeUnclean();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void flippedByteInTheLastBatchDropsItWithReasonCrc(final SegmentBackend backend) throws IOException {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 14);
        log.closeUnclean();
        TestFiles.flipByte(dir().resolve("00000000000000000030.log"), 3 * BATCH + 200);

        final List<String> lines = new ArrayList<>();
        try (PartitionLog recovered = PartitionLog.open(dir(), small(backend), System::currentTimeMillis,
            new LogEvents((level, line) -> lines.add(level + " " + line)))) {
            final RecoveryReport report = recovered.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.CRC);
            assertThat(report.position()).isEqualTo(3L * BATCH);
            assertThat(report.bytesTruncated()).isEqualTo(BATCH);
            assertThat(report.detail()).startsWith("batch at 1164: CRC mismatch at byte 17 of batch at 0: stored 0x");
            assertThat(recovered.logEndOffset()).isEqualTo(39);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("WARNING Recovery truncated " + dir().resolve("00000000000000000030.log")
                + " at byte 1164: CRC, 388 bytes dropped (batch at 1164: CRC mismatch");
            assertThat(lines.get(0)).endsWith("); log end offset 39");
            appendBatches(recovered, 1);
            assertThat(recovered.logEndOffset()).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void corruptionInTheMiddleDropsEveryBatchFromThere(final SegmentBackend backend) throws IOException {
        // No index entry inside a segment, so the scan starts at the last segment's first byte.
        final LogConfig sparseIndex = small(backend, LogConfig.INDEX_INTERVAL_BYTES, "4096");
        final PartitionLog log = open(sparseIndex);
        appendBatches(log, 16);
        log.closeUnclean();
        // The magic byte of the fourth batch of the last segment; two intact batches follow it.
        TestFiles.flipByte(dir().resolve("00000000000000000030.log"), 3 * BATCH + 16);

        try (PartitionLog recovered = open(sparseIndex)) {
            final RecoveryReport report = recovered.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.MAGIC);
            assertThat(report.position()).isEqualTo(3L * BATCH);
            assertThat(report.bytesTruncated()).isEqualTo(61);
            assertThat(recovered.logEndOffset()).isEqualTo(39);
            assertThat(recovered.segment(1).index().entries()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void baseOffsetThatDoesNotContinueTheLogIsDroppedWithReasonOffset(final SegmentBackend backend)
        throws IOException {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 14);
        log.closeUnclean();
        // The base offset is outside the CRC, so only the offset check sees this.
        TestFiles.flipByte(dir().resolve("00000000000000000030.log"), 3 * BATCH + 7);

        try (PartitionLog recovered = open(small(backend))) {
            final RecoveryReport report = recovered.lastRecovery();
            assertThat(report.reason()).isEqualTo(TruncationReason.OFFSET);
            assertThat(report.detail()).isEqualTo("batch at 1164 has base offset 255, expected 39");
            assertThat(recovered.logEndOffset()).isEqualTo(39);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void staleIndexEntriesPastTheValidEndAreDroppedAndRebuilt(final SegmentBackend backend) throws IOException {
        final PartitionLog log = open(small(backend));
        appendBatches(log, 8);
        log.closeUnclean();
        // Zero the last three batches: the index still holds entries for them, which recovery must not trust.
        final Path logFile = dir().resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(3 * BATCH), 5L * BATCH);
        }
        try (PartitionLog recovered = open(small(backend))) {
            assertThat(recovered.lastRecovery().reason()).isEqualTo(TruncationReason.NONE);
            assertThat(recovered.logEndOffset()).isEqualTo(15);
            final OffsetIndex index = recovered.segment(0).index();
            assertThat(index.entries()).isEqualTo(4);
            assertThat(index.relativeOffset(3)).isEqualTo(14);
            assertThat(index.position(3)).isEqualTo(4 * BATCH);
            appendBatches(recovered, 1);
            assertThat(index.entries()).isEqualTo(5);
            assertThat(index.relativeOffset(4)).isEqualTo(17);
            assertThat(index.position(4)).isEqualTo(5 * BATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void flushEveryNRecordsForcesOnceNRecordsAreNotOnDisk(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend, LogConfig.FLUSH_MESSAGES, "7"))) {
            appendBatches(log, 2);
            assertThat(log.recoveryPoint()).isZero();
            appendBatches(log, 1);
            assertThat(log.recoveryPoint()).isEqualTo(9);
            appendBatches(log, 2);
            assertThat(log.recoveryPoint()).isEqualTo(9);
            appendBatches(log, 1);
            assertThat(log.recoveryPoint()).isEqualTo(18);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void flushEveryBatchForcesBeforeAppendReturnsAcrossRolls(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend, LogConfig.FLUSH_MESSAGES, "1"))) {
            for (int i = 1; i <= 12; i++) {
                appendBatches(log, 1);
                assertThat(log.recoveryPoint()).isEqualTo(3L * i);
            }
            assertThat(log.segmentCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void flushEveryTMillisecondsOnAppendAndFromTheDutyCycle(final SegmentBackend backend) {
        final AtomicLong now = new AtomicLong(1000);
        try (PartitionLog log = PartitionLog.open(dir(), small(backend, LogConfig.FLUSH_MS, "10"), now::get)) {
            appendBatches(log, 1);
            assertThat(log.recoveryPoint()).isZero();
            now.set(1009);
            log.flushIfDue(now.get());
            assertThat(log.recoveryPoint()).isZero();
            now.set(1010);
            appendBatches(log, 1);
            assertThat(log.recoveryPoint()).isEqualTo(6);
            appendBatches(log, 1);
            assertThat(log.recoveryPoint()).isEqualTo(6);
            log.flushIfDue(1019);
            assertThat(log.recoveryPoint()).isEqualTo(6);
            log.flushIfDue(1020);
            assertThat(log.recoveryPoint()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void explicitFlushForcesEverySegmentAppendedSinceTheLast(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, 25);
            // The two rolls forced segments 0 and 1; the last 5 batches are not on disk yet.
            assertThat(log.recoveryPoint()).isEqualTo(60);
            assertThat(log.segment(2).hasUnflushedBytes()).isTrue();
            log.flush();
            assertThat(log.recoveryPoint()).isEqualTo(75);
            for (int s = 0; s < 3; s++) {
                assertThat(log.segment(s).hasUnflushedBytes()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void rollForcesTheRolledSegmentAndMovesTheRecoveryPointToTheNewBase(final SegmentBackend backend) {
        try (PartitionLog log = open(small(backend))) {
            appendBatches(log, BATCHES_PER_SEGMENT);
            assertThat(log.recoveryPoint()).isZero();
            assertThat(log.segment(0).hasUnflushedBytes()).isTrue();
            appendBatches(log, 1);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.recoveryPoint()).isEqualTo(30);
            assertThat(log.segment(0).hasUnflushedBytes()).isFalse();
            assertThat(log.segment(1).hasUnflushedBytes()).isTrue();
            assertThat(TestFiles.fileSize(dir().resolve("00000000000000000000.log"))).isEqualTo(10L * BATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void appendAndReadAllocateNothingAfterWarmUp(final SegmentBackend backend) {
        try (PartitionLog log = open(config(backend, LogConfig.SEGMENT_BYTES, Integer.toString(64 << 20)))) {
            final UnsafeBuffer batch = batch(RECORDS, 3);
            final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * BATCH));
            long checksum = appendAndRead(log, batch, dst, 40_000);
            final long before = AllocationMeter.currentThreadAllocatedBytes();
            checksum += appendAndRead(log, batch, dst, 40_000);
            final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
            assertThat(checksum).isNotZero();
            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(allocated).as("bytes allocated by 40000 appends and reads").isLessThan(1024);
        }
    }

    private static long appendAndRead(final PartitionLog log, final UnsafeBuffer batch, final UnsafeBuffer dst,
        final int times) {
        long checksum = 0;
        for (int i = 0; i < times; i++) {
            final long base = log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
            checksum += log.read(base - (i & 7) * RECORDS > 0 ? base - (i & 7) * RECORDS : base, 2 * BATCH, dst, 0);
            checksum += dst.getLong(0, BIG_ENDIAN);
        }
        return checksum;
    }

    private static int lastNonZero(final byte[] bytes, final int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
