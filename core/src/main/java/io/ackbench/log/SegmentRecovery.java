package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.MAGIC_OFFSET;
import static io.ackbench.record.RecordBatchLayout.MAGIC_V2;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.NO_TIMESTAMP;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.RecordBatchReader;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Finds the valid end of one segment when the log is opened, working on the files through a {@link FileChannel}
 * before any backend maps them (kafka-semantics.md §6.4).
 *
 * <p>After an unclean shutdown ({@link #recover}) the segment is scanned from its first byte, as Kafka's
 * {@code LogSegment.recover} does: each batch is validated (magic, length, CRC through {@link RecordBatchReader#wrap},
 * offsets that continue the segment and fit its relative range) and the indexes are rebuilt from nothing with the
 * append rule: the time index (when the log keeps one) from each batch's {@code maxTimestamp}, ending, as Kafka's
 * recovery ends it, with the segment's largest timestamp, the entry a roll or a clean close writes. The first batch
 * that fails, is cut short by the end of the file, or is zero (the preallocated tail) ends the valid data; the file is
 * cut there and forced, so nothing later can be read, and the indexes are rewritten and forced.
 * {@link PartitionLog} decides which segments to recover (those past the recovery point) and what a cut means for the
 * segments after it.
 *
 * <p>After a clean shutdown ({@link #walk}) only the last segment is walked, from its last index entry that points at a
 * plausible batch, reading headers only, to find the log end offset; it changes nothing.
 */
final class SegmentRecovery {
    /** The outcome: the segment's valid size, the next offset, whether the file lost bytes, what was cut. */
    static final class Result {
        final int validSize;
        final long nextOffset;
        /** The file was longer than its valid data: a trimmed (rolled) segment so cut has lost batches. */
        final boolean cut;
        final RecoveryReport report;

        Result(final int validSize, final long nextOffset, final boolean cut, final RecoveryReport report) {
            this.validSize = validSize;
            this.nextOffset = nextOffset;
            this.cut = cut;
            this.report = report;
        }
    }

    private final Path logPath;
    private final Path indexPath;
    /** Null when the log keeps no time index. */
    private final Path timeIndexPath;
    private final long baseOffset;
    private final int indexIntervalBytes;
    private final boolean validate;
    /** Run before a file that is longer than its valid data is cut; null for none. */
    private final Runnable beforeCut;
    private final RecordBatchReader reader = new RecordBatchReader();

    private final ByteBuffer header = ByteBuffer.allocateDirect(RECORD_BATCH_OVERHEAD);
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);
    private ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);

    private FileChannel log;
    private long limit;

    // The index: its entries as read, then as rebuilt.
    private int[] entryOffsets = new int[0];
    private int[] entryPositions = new int[0];
    private int entryCount;

    // The time index as rebuilt, and Kafka's maxTimestampSoFar with its offset while scanning.
    private long[] timeEntryTimestamps = new long[0];
    private int[] timeEntryOffsets = new int[0];
    private int timeEntryCount;
    private long maxTimestamp = NO_TIMESTAMP;
    private long offsetOfMaxTimestamp;

    // Set by check(): the failure of the batch at the position checked.
    private TruncationReason failure;
    private String failureDetail;
    private int checkedSize;

    private SegmentRecovery(final Path logPath, final Path indexPath, final Path timeIndexPath, final long baseOffset,
        final int indexIntervalBytes, final boolean validate, final Runnable beforeCut) {
        this.logPath = logPath;
        this.indexPath = indexPath;
        this.timeIndexPath = timeIndexPath;
        this.baseOffset = baseOffset;
        this.offsetOfMaxTimestamp = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.validate = validate;
        this.beforeCut = beforeCut;
    }

    /**
     * Recovers a segment after an unclean shutdown: validates every batch from the first, cuts the file after the last
     * valid one, rebuilds the indexes, and forces them all.
     *
     * @param timeIndexPath the segment's {@code .timeindex}, rebuilt like the offset index; null when the log keeps
     *                      none
     * @param beforeCut     run once, before the file is cut, if it holds anything past its valid data (for a rolled
     *                      segment: lost batches), so the caller can first remove what follows the segment; null for
     *                      none
     */
    static Result recover(final Path logPath, final Path indexPath, final Path timeIndexPath, final long baseOffset,
        final int indexIntervalBytes, final Runnable beforeCut) {
        return new SegmentRecovery(logPath, indexPath, timeIndexPath, baseOffset, indexIntervalBytes, true, beforeCut)
            .run();
    }

    /**
     * Finds the end of the last segment after a clean shutdown, reading headers only and changing nothing. The time
     * index is not read: the clean close ended it with the segment's largest timestamp.
     */
    static Result walk(final Path logPath, final Path indexPath, final long baseOffset) {
        return new SegmentRecovery(logPath, indexPath, null, baseOffset, Integer.MAX_VALUE, false, null).run();
    }

    private Result run() {
        try (FileChannel log = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            this.log = log;
            this.limit = Math.min(log.size(), Integer.MAX_VALUE);
            if (!validate) {
                // Recovery rebuilds the index from nothing; only the walk starts from an entry.
                readIndex();
            }
            return scan();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot recover log segment " + logPath, e);
        }
    }

    private Result scan() throws IOException {
        // Start at the last index entry that points at a valid batch, or at the segment's start.
        int startEntry = entryCount - 1;
        long expectedBase = -1;
        while (startEntry >= 0) {
            final int position = entryPositions[startEntry];
            if (check(position, -1) && baseAt() <= baseOffset + entryOffsets[startEntry]) {
                expectedBase = baseAt();
                break;
            }
            startEntry--;
        }
        int position = startEntry < 0 ? 0 : entryPositions[startEntry];
        if (startEntry < 0) {
            expectedBase = baseOffset;
        }
        int lastIndexedPosition = position;
        entryCount = startEntry + 1;

        final boolean timeIndexed = validate && timeIndexPath != null;
        long nextOffset = expectedBase;
        while (check(position, expectedBase)) {
            final long lastOffset = baseAt() + lastOffsetDeltaAt();
            if (timeIndexed) {
                final long batchMaxTimestamp = headerBuffer.getLong(MAX_TIMESTAMP_OFFSET, BIG_ENDIAN);
                if (batchMaxTimestamp > maxTimestamp) {
                    maxTimestamp = batchMaxTimestamp;
                    offsetOfMaxTimestamp = lastOffset;
                }
            }
            if (validate && position - lastIndexedPosition > indexIntervalBytes) {
                addEntry((int) (lastOffset - baseOffset), position);
                if (timeIndexed) {
                    addTimeEntry(maxTimestamp, (int) (offsetOfMaxTimestamp - baseOffset));
                }
                lastIndexedPosition = position;
            }
            position += checkedSize;
            nextOffset = lastOffset + 1;
            expectedBase = nextOffset;
        }

        if (!validate) {
            if (position < limit) {
                log.truncate(position);
            }
            return new Result(position, nextOffset, position < limit, RecoveryReport.skipped());
        }
        final long dropped = dataEndFrom(position) - position;
        final boolean cut = position < limit;
        if (cut && beforeCut != null) {
            beforeCut.run();
        }
        // Cut rather than zero: the backend preallocates the file again, and the OS fills the new part with zeros.
        log.truncate(position);
        log.force(true);
        writeIndex();
        if (timeIndexPath != null) {
            // Kafka's recover ends the index as a roll or a clean close ends it: with the largest timestamp.
            addTimeEntry(maxTimestamp, (int) (offsetOfMaxTimestamp - baseOffset));
            writeTimeIndex();
        }
        final RecoveryReport report = new RecoveryReport(true, logPath, position, dropped, failure,
            failure == TruncationReason.NONE ? "" : failureDetail);
        return new Result(position, nextOffset, cut, report);
    }

    /**
     * Checks the batch at {@code position}: whole, well-formed and (when validating) intact and continuing the log
     * at {@code expectedBase} (-1: any base in the segment). Leaves the header in {@link #headerBuffer}; on failure
     * sets {@link #failure} (NONE for the end of the data) and returns false.
     */
    private boolean check(final int position, final long expectedBase) throws IOException {
        final long remaining = limit - position;
        final int headerBytes = readHeader(position);
        if (headerBytes == 0 || isZero(headerBytes)) {
            return fail(TruncationReason.NONE, "");
        }
        if (headerBytes < RECORD_BATCH_OVERHEAD) {
            return fail(TruncationReason.TORN_BATCH, "only " + headerBytes + " bytes of a batch header at " + position
                + " before the end of the file");
        }
        final int batchLength = headerBuffer.getInt(BATCH_LENGTH_OFFSET, BIG_ENDIAN);
        final boolean plausible = headerBuffer.getByte(MAGIC_OFFSET) == MAGIC_V2
            && batchLength >= RECORD_BATCH_OVERHEAD - LOG_OVERHEAD;
        if (plausible && LOG_OVERHEAD + (long) batchLength > remaining) {
            return fail(TruncationReason.TORN_BATCH, "batch at " + position + " declares " + (LOG_OVERHEAD + batchLength)
                + " bytes but the file ends at " + limit);
        }
        final int size = plausible ? LOG_OVERHEAD + batchLength : RECORD_BATCH_OVERHEAD;
        if (validate || !plausible) {
            final UnsafeBuffer batch = read(position, size);
            try {
                reader.wrap(batch, 0, size);
            } catch (final CorruptRecordBatchException e) {
                return fail(TruncationReason.of(e.check()), "batch at " + position + ": " + e.getMessage());
            }
        }
        final long base = baseAt();
        final int lastOffsetDelta = lastOffsetDeltaAt();
        if (base < baseOffset || (expectedBase >= 0 && base != expectedBase)) {
            return fail(TruncationReason.OFFSET, "batch at " + position + " has base offset " + base + ", expected "
                + (expectedBase >= 0 ? Long.toString(expectedBase) : "at least " + baseOffset));
        }
        if (lastOffsetDelta < 0 || base + lastOffsetDelta - baseOffset > Integer.MAX_VALUE) {
            return fail(TruncationReason.OFFSET, "batch at " + position + " has last offset delta " + lastOffsetDelta
                + " from base offset " + base + ", outside the segment's relative range from " + baseOffset);
        }
        checkedSize = size;
        return true;
    }

    private boolean fail(final TruncationReason reason, final String detail) {
        failure = reason;
        failureDetail = detail;
        return false;
    }

    private long baseAt() {
        return headerBuffer.getLong(BASE_OFFSET_OFFSET, BIG_ENDIAN);
    }

    private int lastOffsetDeltaAt() {
        return headerBuffer.getInt(LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
    }

    /**
     * @return where the data that follows {@code position} ends: batch headers followed by their declared lengths
     *         (clipped to the file) up to a zero or implausible header, which counts as far as it is not zero
     */
    private long dataEndFrom(final int position) throws IOException {
        long at = position;
        while (at < limit) {
            final int headerBytes = readHeader(at);
            if (isZero(headerBytes)) {
                break;
            }
            final int batchLength = headerBuffer.getInt(BATCH_LENGTH_OFFSET, BIG_ENDIAN);
            if (headerBytes < RECORD_BATCH_OVERHEAD || headerBuffer.getByte(MAGIC_OFFSET) != MAGIC_V2
                || batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD) {
                at += lastNonZero(headerBytes) + 1;
                break;
            }
            at = Math.min(limit, at + LOG_OVERHEAD + (long) batchLength);
        }
        return at;
    }

    private int readHeader(final long position) throws IOException {
        header.clear();
        if (limit - position < RECORD_BATCH_OVERHEAD) {
            header.limit((int) (limit - position));
        }
        readFully(header, position);
        return header.position();
    }

    private boolean isZero(final int length) {
        return lastNonZero(length) < 0;
    }

    private int lastNonZero(final int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (headerBuffer.getByte(i) != 0) {
                return i;
            }
        }
        return -1;
    }

    private UnsafeBuffer read(final int position, final int size) throws IOException {
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocateDirect(Integer.highestOneBit(size - 1) << 1);
        }
        scratch.clear().limit(size);
        readFully(scratch, position);
        scratchBuffer.wrap(scratch, 0, size);
        return scratchBuffer;
    }

    private void readFully(final ByteBuffer into, final long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            final int read = log.read(into, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
    }

    /** Reads the entries of the index file that rise in both fields and point inside the file. */
    private void readIndex() throws IOException {
        try (FileChannel index = FileChannel.open(indexPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final int capacity = (int) Math.min(index.size() / OffsetIndex.ENTRY_SIZE,
                Integer.MAX_VALUE / OffsetIndex.ENTRY_SIZE);
            final ByteBuffer bytes = ByteBuffer.allocate(capacity * OffsetIndex.ENTRY_SIZE);
            while (bytes.hasRemaining() && index.read(bytes, bytes.position()) >= 0) {
                // read until full
            }
            final int count = OffsetIndex.countEntries(new UnsafeBuffer(bytes), capacity);
            entryOffsets = new int[count];
            entryPositions = new int[count];
            for (int i = 0; i < count; i++) {
                final int position = bytes.getInt(i * OffsetIndex.ENTRY_SIZE + OffsetIndex.POSITION_OFFSET);
                if (position >= limit) {
                    break;
                }
                entryOffsets[i] = bytes.getInt(i * OffsetIndex.ENTRY_SIZE + OffsetIndex.RELATIVE_OFFSET_OFFSET);
                entryPositions[i] = position;
                entryCount = i + 1;
            }
        }
    }

    private void addEntry(final int relativeOffset, final int position) {
        if (entryCount == entryOffsets.length) {
            final int grown = Math.max(16, entryCount * 2);
            entryOffsets = Arrays.copyOf(entryOffsets, grown);
            entryPositions = Arrays.copyOf(entryPositions, grown);
        }
        entryOffsets[entryCount] = relativeOffset;
        entryPositions[entryCount] = position;
        entryCount++;
    }

    /** Kafka's {@code TimeIndex.maybeAppend}: an entry only for a timestamp larger than the last entry's. */
    private void addTimeEntry(final long timestamp, final int relativeOffset) {
        final long last = timeEntryCount == 0 ? NO_TIMESTAMP : timeEntryTimestamps[timeEntryCount - 1];
        if (timestamp <= last) {
            return;
        }
        if (timeEntryCount == timeEntryTimestamps.length) {
            final int grown = Math.max(16, timeEntryCount * 2);
            timeEntryTimestamps = Arrays.copyOf(timeEntryTimestamps, grown);
            timeEntryOffsets = Arrays.copyOf(timeEntryOffsets, grown);
        }
        timeEntryTimestamps[timeEntryCount] = timestamp;
        timeEntryOffsets[timeEntryCount] = relativeOffset;
        timeEntryCount++;
    }

    /** Rewrites the time index as its rebuilt entries, whatever it held; creates it if missing (an older log's). */
    private void writeTimeIndex() throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate(timeEntryCount * TimeIndex.ENTRY_SIZE);
        for (int i = 0; i < timeEntryCount; i++) {
            bytes.putLong(timeEntryTimestamps[i]).putInt(timeEntryOffsets[i]);
        }
        bytes.flip();
        rewrite(timeIndexPath, bytes);
    }

    /** Rewrites the index as its kept and rebuilt entries followed by zeros. */
    private void writeIndex() throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate(entryCount * OffsetIndex.ENTRY_SIZE);
        for (int i = 0; i < entryCount; i++) {
            bytes.putInt(entryOffsets[i]).putInt(entryPositions[i]);
        }
        bytes.flip();
        rewrite(indexPath, bytes);
    }

    /** Replaces the whole content of {@code indexFile} with {@code entries} and forces it. */
    private static void rewrite(final Path indexFile, final ByteBuffer entries) throws IOException {
        // CREATE: a crash may have left the .log without its indexes (truncation renames them first).
        try (FileChannel index = FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            // Cutting the file first zeroes every stale entry past the rebuilt ones when it is preallocated again.
            index.truncate(0);
            while (entries.hasRemaining()) {
                index.write(entries, entries.position());
            }
            index.force(true);
        }
    }
}
