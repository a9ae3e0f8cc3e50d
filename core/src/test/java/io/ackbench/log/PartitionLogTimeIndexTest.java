package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code .timeindex} a log writes, with entries worked out by hand from Kafka's rules (kafka-semantics.md §6.2).
 *
 * <p>Batches of 3 records (388 bytes; offsets 3i..3i+2) in 4096-byte segments of 10 batches, with
 * {@code index.interval.bytes=500}: an append is indexed when more than 500 bytes lie between the start of the last
 * indexed append and its own start, so in a segment filled one batch at a time the 3rd, 5th, 7th and 9th batches are
 * (positions 776, 1552, 2328, 3104). A batch's max timestamp is T plus the value given for it.
 *
 * <p>Segment 0, batches 0..9, max timestamps 100, 300, 200, 400, 400, 350, 500, 450, 500, 600. Kafka's largest
 * timestamp so far (with the last offset of the first batch holding it) is (100, 2), (300, 5), (300, 5), (400, 11),
 * (400, 11), (400, 11), (500, 20), (500, 20), (500, 20), (600, 29). The indexed batches 2, 4, 6, 8 offer (300, 5),
 * (400, 11), (500, 20) and (500, 20), the last not larger and skipped; batch 9 raises it without an index entry, so the
 * roll adds (600, 29). Relative to base offset 0: (T+300, 5), (T+400, 11), (T+500, 20), (T+600, 29).
 */
class PartitionLogTimeIndexTest {
    private static final int RECORDS = 3;
    private static final int BATCH = sizeOf(RECORDS);
    private static final int EPOCH = 7;
    private static final long T = TestBatches.TIMESTAMP;
    private static final long[] SEGMENT_0 = {100, 300, 200, 400, 400, 350, 500, 450, 500, 600};
    private static final String TIME_INDEX_0 = "00000000000000000000.timeindex";
    private static final String TIME_INDEX_30 = "00000000000000000030.timeindex";

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("topic-0");
    }

    private static LogConfig config(final SegmentBackend backend, final String... keyValues) {
        final Map<String, String> settings = new HashMap<>(Map.of(LogConfig.BACKEND, backend.configName(),
            LogConfig.SEGMENT_BYTES, "4096", LogConfig.INDEX_INTERVAL_BYTES, "500"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.of(settings);
    }

    /** Appends one batch per value, each with max timestamp T + value. */
    private static void append(final PartitionLog log, final long... maxTimestamps) {
        for (final long maxTimestamp : maxTimestamps) {
            final UnsafeBuffer batch = batch(RECORDS, (int) maxTimestamp, T + maxTimestamp - (RECORDS - 1));
            log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
        }
    }

    /** Every entry of {@code index} as {timestamp - T, relative offset}. */
    private static long[][] entries(final TimeIndex index) {
        final long[][] entries = new long[index.entries()][];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new long[] {index.timestamp(i) - T, index.relativeOffset(i)};
        }
        return entries;
    }

    /** Every entry of a {@code .timeindex} file as {timestamp - T, relative offset}, read from its bytes. */
    private long[][] fileEntries(final String name) throws IOException {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dir().resolve(name)));
        final long[][] entries = new long[bytes.capacity() / TimeIndex.ENTRY_SIZE][];
        for (int i = 0; i < entries.length; i++) {
            final int at = i * TimeIndex.ENTRY_SIZE;
            entries[i] = new long[] {bytes.getLong(at + TimeIndex.TIMESTAMP_OFFSET) - T,
                bytes.getInt(at + TimeIndex.RELATIVE_OFFSET_OFFSET)};
        }
        return entries;
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void leaderAppendsWriteKafkasEntriesAndTheRollWritesTheLast(final SegmentBackend backend) throws IOException {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            append(log, SEGMENT_0);
            final LogSegment active = log.segment(0);
            assertThat(entries(active.timeIndex())).isDeepEqualTo(new long[][] {{300, 5}, {400, 11}, {500, 20}});
            assertThat(active.maxTimestampSoFar()).isEqualTo(T + 600);
            assertThat(active.offsetOfMaxTimestampSoFar()).isEqualTo(29);

            // The 11th batch rolls: segment 0 ends with its largest timestamp, trimmed to its 4 entries.
            append(log, 50);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(entries(log.segment(0).timeIndex()))
                .isDeepEqualTo(new long[][] {{300, 5}, {400, 11}, {500, 20}, {600, 29}});
            assertThat(fileEntries(TIME_INDEX_0))
                .isDeepEqualTo(new long[][] {{300, 5}, {400, 11}, {500, 20}, {600, 29}});
            // Segment 30 starts from nothing: a smaller timestamp than segment 0's is its largest so far.
            assertThat(log.segment(1).timeIndex().entries()).isZero();
            assertThat(log.segment(1).maxTimestampSoFar()).isEqualTo(T + 50);
            assertThat(log.segment(1).offsetOfMaxTimestampSoFar()).isEqualTo(32);
        }
    }

    /**
     * Segment 30, batches 10..15 (offsets 30..47), max timestamps 50, 40, 70, 90, 100, 110: batch 12 (position 776)
     * offers (70, 38), batch 14 (position 1552) offers (100, 44); batch 15 raises it to (110, 47) unindexed. Truncating
     * to 42 (batch 14's base) keeps batches 10..13 and the entries below relative offset 12: (70, 8). Kafka's
     * {@code readLargestTimestamp} then scans from the offset-index entry of offset 38 (position 776) and finds batch
     * 13's 90 at offset 41, larger than the entry: the next indexed append offers (90, 41), not its own 80.
     */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void truncateCutsTheEntriesAtOrPastTheNewEndAndFindsTheLargestTimestampLeft(final SegmentBackend backend)
        throws IOException {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            append(log, SEGMENT_0);
            append(log, 50, 40, 70, 90, 100, 110);
            final LogSegment before = log.segment(1);
            assertThat(entries(before.timeIndex())).isDeepEqualTo(new long[][] {{70, 8}, {100, 14}});
            assertThat(before.maxTimestampSoFar()).isEqualTo(T + 110);

            assertThat(log.truncateTo(42)).isEqualTo(42);
            final LogSegment kept = log.segment(1);
            assertThat(entries(kept.timeIndex())).isDeepEqualTo(new long[][] {{70, 8}});
            assertThat(kept.maxTimestampSoFar()).isEqualTo(T + 90);
            assertThat(kept.offsetOfMaxTimestampSoFar()).isEqualTo(41);
            assertThat(fileEntries(TIME_INDEX_0))
                .isDeepEqualTo(new long[][] {{300, 5}, {400, 11}, {500, 20}, {600, 29}});

            // Position 1552, 776 bytes past the kept offset-index entry: indexed.
            append(log, 80);
            assertThat(entries(kept.timeIndex())).isDeepEqualTo(new long[][] {{70, 8}, {90, 11}});

            // Into segment 0, below its roll entry and its last two: (300, 5), (400, 11) stay.
            assertThat(log.truncateTo(15)).isEqualTo(15);
            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(entries(log.segment(0).timeIndex())).isDeepEqualTo(new long[][] {{300, 5}, {400, 11}});
            assertThat(log.segment(0).maxTimestampSoFar()).isEqualTo(T + 400);
            assertThat(log.segment(0).offsetOfMaxTimestampSoFar()).isEqualTo(11);
        }
        assertThat(fileEntries(TIME_INDEX_0)).isDeepEqualTo(new long[][] {{300, 5}, {400, 11}});
        assertThat(Files.exists(dir().resolve(TIME_INDEX_30))).isFalse();
    }

    /**
     * A follower appends the leader's batches 0..9 in three fetches: batches 0..4 at position 0 (not indexed; largest
     * (400, 11), batch 4's equal 400 leaving it at batch 3), batch 5 at 1940 (indexed: offers (400, 11)) and batches
     * 6..9 at 2328 (388 bytes on: not indexed; largest (600, 29)). The clean close adds (600, 29). Kafka appends a
     * fetch as one append too, taking the largest timestamp of its batches and the first batch holding it.
     */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void followerAppendsTakeTheLargestTimestampOfTheirBatches(final SegmentBackend backend) throws IOException {
        final UnsafeBuffer fetched = new UnsafeBuffer(ByteBuffer.allocateDirect(10 * BATCH));
        try (PartitionLog leader = PartitionLog.open(tmp.resolve("leader"),
            config(backend, LogConfig.SEGMENT_BYTES, Integer.toString(1 << 20)))) {
            append(leader, SEGMENT_0);
            assertThat(leader.read(0, Integer.MAX_VALUE, fetched, 0)).isEqualTo(10 * BATCH);
        }
        try (PartitionLog follower = PartitionLog.open(dir(), config(backend))) {
            follower.appendAsFollower(fetched, 0, 5 * BATCH);
            assertThat(follower.segment(0).timeIndex().entries()).isZero();
            follower.appendAsFollower(fetched, 5 * BATCH, BATCH);
            follower.appendAsFollower(fetched, 6 * BATCH, 4 * BATCH);
            assertThat(entries(follower.segment(0).timeIndex())).isDeepEqualTo(new long[][] {{400, 11}});
            assertThat(follower.segment(0).maxTimestampSoFar()).isEqualTo(T + 600);
            assertThat(follower.segment(0).offsetOfMaxTimestampSoFar()).isEqualTo(29);
        }
        assertThat(fileEntries(TIME_INDEX_0)).isDeepEqualTo(new long[][] {{400, 11}, {600, 29}});
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aCleanReopenContinuesFromTheLastEntry(final SegmentBackend backend) throws IOException {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            append(log, 100, 300, 200, 400);
        }
        // The close added (400, 11) after the indexed batch 2's (300, 5).
        assertThat(fileEntries(TIME_INDEX_0)).isDeepEqualTo(new long[][] {{300, 5}, {400, 11}});
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            assertThat(log.segment(0).maxTimestampSoFar()).isEqualTo(T + 400);
            assertThat(log.segment(0).offsetOfMaxTimestampSoFar()).isEqualTo(11);
            // Batch 4 at 1552 is indexed (776 past batch 2) but 350 does not raise it: nothing new.
            append(log, 350);
            assertThat(log.segment(0).timeIndex().entries()).isEqualTo(2);
        }
        assertThat(fileEntries(TIME_INDEX_0)).isDeepEqualTo(new long[][] {{300, 5}, {400, 11}});
    }

    /**
     * Recovery rebuilds both time indexes from the batches, whatever their files held: segment 0's as the roll wrote
     * it, segment 30's (batches 50, 40, 70, 90, 100, 110) as a clean close would have left it, (70, 8), (100, 14) and
     * the largest, (110, 17), which Kafka's recovery appends as a roll or a close does.
     */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void recoveryRebuildsAMissingOrDamagedTimeIndexEntryForEntry(final SegmentBackend backend) throws IOException {
        final PartitionLog log = PartitionLog.open(dir(), config(backend));
        append(log, SEGMENT_0);
        append(log, 50, 40, 70, 90, 100, 110);
        final byte[] sealed = Files.readAllBytes(dir().resolve(TIME_INDEX_0));
        log.closeUnclean();

        Files.delete(dir().resolve(TIME_INDEX_0));
        // Every entry of segment 30's preallocated index a timestamp larger than any batch's.
        final ByteBuffer garbage = ByteBuffer.allocate(4 * TimeIndex.ENTRY_SIZE);
        for (int i = 0; i < 4; i++) {
            garbage.putLong(Long.MAX_VALUE - 4 + i).putInt(i);
        }
        Files.write(dir().resolve(TIME_INDEX_30), garbage.array());

        try (PartitionLog recovered = PartitionLog.open(dir(), config(backend), PartitionLog.UNKNOWN_RECOVERY_POINT)) {
            assertThat(recovered.lastRecovery().segmentsRecovered()).isEqualTo(2);
            assertThat(recovered.logEndOffset()).isEqualTo(48);
            assertThat(Files.readAllBytes(dir().resolve(TIME_INDEX_0))).isEqualTo(sealed);
            assertThat(entries(recovered.segment(1).timeIndex()))
                .isDeepEqualTo(new long[][] {{70, 8}, {100, 14}, {110, 17}});
            assertThat(recovered.segment(1).maxTimestampSoFar()).isEqualTo(T + 110);
            assertThat(recovered.segment(1).offsetOfMaxTimestampSoFar()).isEqualTo(47);
        }
        assertThat(fileEntries(TIME_INDEX_30)).isDeepEqualTo(new long[][] {{70, 8}, {100, 14}, {110, 17}});
    }

    /** Logs written before the time index have none: a clean open creates them empty, as Kafka's loader does. */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aMissingTimeIndexAfterACleanCloseIsCreatedEmpty(final SegmentBackend backend) throws IOException {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            append(log, SEGMENT_0);
            append(log, 50, 40);
        }
        Files.delete(dir().resolve(TIME_INDEX_0));
        Files.delete(dir().resolve(TIME_INDEX_30));
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            assertThat(log.lastRecovery().recovered()).isFalse();
            assertThat(log.segment(0).timeIndex().entries()).isZero();
            assertThat(log.segment(1).maxTimestampSoFar()).isEqualTo(-1);
            // Batch 12 at 776: indexed, and 70 is the largest timestamp seen since the open.
            append(log, 70);
            assertThat(entries(log.segment(1).timeIndex())).isDeepEqualTo(new long[][] {{70, 8}});
        }
        assertThat(Files.size(dir().resolve(TIME_INDEX_0))).isZero();
        assertThat(fileEntries(TIME_INDEX_30)).isDeepEqualTo(new long[][] {{70, 8}});
    }

    /**
     * {@code segment.index.bytes=36}: 4 offset entries, 3 time entries of which the last is kept for the roll. With
     * {@code index.interval.bytes=256} every batch but a segment's first is indexed, and rising timestamps give each
     * index entry a time entry: after the 3rd batch the time index holds 2 and is full, so the 4th rolls. Without it
     * the offset index fills after the 5th.
     */
    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void aFullTimeIndexRollsTheSegment(final SegmentBackend backend) {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend, LogConfig.SEGMENT_INDEX_BYTES, "36",
            LogConfig.INDEX_INTERVAL_BYTES, "256"))) {
            append(log, 10, 20, 30, 40);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(0).size()).isEqualTo(3 * BATCH);
            assertThat(log.segment(0).index().entries()).isEqualTo(2);
            assertThat(entries(log.segment(0).timeIndex())).isDeepEqualTo(new long[][] {{20, 5}, {30, 8}});
            assertThat(log.segment(1).baseOffset()).isEqualTo(9);
        }
        try (PartitionLog log = PartitionLog.open(tmp.resolve("off"), config(backend, LogConfig.SEGMENT_INDEX_BYTES,
            "36", LogConfig.INDEX_INTERVAL_BYTES, "256", LogConfig.TIME_INDEX, "false"))) {
            append(log, 10, 20, 30, 40, 50, 60);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.segment(0).size()).isEqualTo(5 * BATCH);
            assertThat(log.segment(1).baseOffset()).isEqualTo(15);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentBackend.class)
    void turnedOffTheLogWritesNoTimeIndexAndRemovesOldOnes(final SegmentBackend backend) throws IOException {
        try (PartitionLog log = PartitionLog.open(dir(), config(backend))) {
            append(log, SEGMENT_0);
            append(log, 50);
        }
        assertThat(timeIndexFiles()).containsExactly(TIME_INDEX_0, TIME_INDEX_30);

        final LogConfig off = config(backend, LogConfig.TIME_INDEX, "false");
        final PartitionLog log = PartitionLog.open(dir(), off);
        assertThat(timeIndexFiles()).isEmpty();
        assertThat(log.segment(0).timeIndex()).isNull();
        append(log, 40, 70, 90, 100, 110, 120, 130, 140, 150, 160);
        assertThat(log.segmentCount()).isEqualTo(3);
        assertThat(log.durablePositions().lengths().keySet()).noneMatch(path -> path.toString().endsWith(".timeindex"));
        assertThat(log.truncateTo(33)).isEqualTo(33);
        log.closeUnclean();
        try (PartitionLog recovered = PartitionLog.open(dir(), off)) {
            assertThat(recovered.logEndOffset()).isEqualTo(33);
            append(recovered, 200);
        }
        assertThat(timeIndexFiles()).isEmpty();
        assertThat(PowerLoss.cutFromLedger(dir())).isZero();
        assertThat(timeIndexFiles()).isEmpty();
    }

    private List<String> timeIndexFiles() {
        try (Stream<Path> files = Files.list(dir())) {
            final List<String> names = new ArrayList<>();
            files.map(path -> path.getFileName().toString()).filter(name -> name.contains(".timeindex")).sorted()
                .forEach(names::add);
            return names;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Leader and follower appends whose every index entry is a time entry too (each batch's max timestamp is T plus its
     * number) allocate nothing. With the default 4096-byte interval the leader indexes every 11th batch (11 * 388 =
     * 4268 bytes): 7272 entries in 80000 batches; the follower, fed 2 batches a fetch, every 6th fetch (6 * 776 =
     * 4656): 6666 entries in 40000 fetches.
     */
    @Test
    void appendsThatWriteTimeEntriesAllocateNothingAfterWarmUp() {
        final LogConfig config = LogConfig.of(Map.of(LogConfig.SEGMENT_BYTES, Integer.toString(64 << 20)));
        try (PartitionLog leader = PartitionLog.open(tmp.resolve("leader"), config);
             PartitionLog follower = PartitionLog.open(tmp.resolve("follower"), config)) {
            final UnsafeBuffer batch = batch(RECORDS, 3);
            final UnsafeBuffer fetched = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * BATCH));
            replicate(leader, follower, batch, fetched, 0, 20_000);
            final long before = AllocationMeter.currentThreadAllocatedBytes();
            replicate(leader, follower, batch, fetched, 20_000, 20_000);
            final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

            assertThat(allocated).as("bytes allocated by 40000 leader and 20000 follower appends").isLessThan(1024);
            final TimeIndex leaderIndex = leader.segment(0).timeIndex();
            assertThat(leaderIndex.entries()).isEqualTo(7272);
            assertThat(leaderIndex.lastTimestamp()).isEqualTo(T + 79_992);
            assertThat(leaderIndex.lastRelativeOffset()).isEqualTo(79_992 * RECORDS + RECORDS - 1);
            final TimeIndex followerIndex = follower.segment(0).timeIndex();
            assertThat(followerIndex.entries()).isEqualTo(6666);
            // Fetch 39996 (batches 79992 and 79993): the largest is the second's.
            assertThat(followerIndex.lastTimestamp()).isEqualTo(T + 79_993);
            assertThat(followerIndex.lastRelativeOffset()).isEqualTo(79_993 * RECORDS + RECORDS - 1);
        }
    }

    /** Per fetch: two leader appends (batches 2f and 2f + 1), then the follower appends both from one read. */
    private static void replicate(final PartitionLog leader, final PartitionLog follower, final UnsafeBuffer batch,
        final UnsafeBuffer fetched, final int firstFetch, final int fetches) {
        for (int f = firstFetch; f < firstFetch + fetches; f++) {
            for (int b = 2 * f; b < 2 * f + 2; b++) {
                // The CRC no longer matches; neither append checks it (the broker validates a leader's batch first).
                batch.putLong(MAX_TIMESTAMP_OFFSET, T + b, BIG_ENDIAN);
                leader.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
            }
            final int read = leader.read(follower.logEndOffset(), 2 * BATCH, fetched, 0);
            follower.appendAsFollower(fetched, 0, read);
        }
    }

    @Test
    void theSettingIsOnByDefault() {
        assertThat(LogConfig.defaults().timeIndex()).isTrue();
        assertThat(LogConfig.of(Map.of(LogConfig.TIME_INDEX, "false")).timeIndex()).isFalse();
    }
}
