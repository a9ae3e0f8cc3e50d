package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.NO_TIMESTAMP;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One segment: its {@code .log} file through a backend, its offset index, its time index unless
 * {@link LogConfig#TIME_INDEX} is off, its valid size and the sparse-index bookkeeping (kafka-semantics.md §6.2,
 * §6.3). Single-threaded, like the log that owns it: no field is shared.
 *
 * <p>The time index follows Kafka's {@code LogSegment}: every append raises the segment's largest timestamp so far
 * (each batch's {@code maxTimestamp} field, with the batch's last offset, when it is larger), every offset-index entry
 * offers that pair to the time index, and a segment that stops being active ({@link #seal}, {@link #close}) offers it
 * once more, so its time index ends with the segment's largest timestamp.
 */
final class LogSegment {
    private final long baseOffset;
    private final Path logPath;
    private final SegmentFile file;
    private final OffsetIndex index;
    /** Null when {@link LogConfig#TIME_INDEX} is off: then no append reads a timestamp. */
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;

    /** Bytes of whole batches in the file; everything past it is not part of the log. */
    private int size;
    /** Where the append of the last index entry started (0 with no entry): Kafka's bytesSinceLastIndexEntry base. */
    private int lastIndexedPosition;
    /** Bytes known to be forced to disk. */
    private int flushedSize;
    /** The file's pages below this position are in memory: the appends, or {@link #pretouch}, reached them. */
    private int pretouchedTo;
    /**
     * Kafka's {@code maxTimestampSoFar}: the largest batch {@code maxTimestamp} in the segment, NO_TIMESTAMP (-1)
     * before any larger one. Starts as the time index's last entry, which is the segment's largest once it stopped
     * being active (a roll, a clean close or recovery wrote it); {@link #findMaxTimestamp} redoes it after a
     * truncation.
     */
    private long maxTimestampSoFar;
    /** The last offset of the first batch that holds {@link #maxTimestampSoFar}; the base offset before any. */
    private long offsetOfMaxTimestampSoFar;

    /** @param timeIndex null for none ({@link LogConfig#TIME_INDEX} off) */
    LogSegment(final long baseOffset, final Path logPath, final SegmentFile file, final OffsetIndex index,
        final TimeIndex timeIndex, final int indexIntervalBytes, final int size) {
        this.baseOffset = baseOffset;
        this.logPath = logPath;
        this.file = file;
        this.index = index;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.size = size;
        this.lastIndexedPosition = index.lastPosition();
        this.flushedSize = size;
        this.pretouchedTo = size;
        this.maxTimestampSoFar = timeIndex == null ? NO_TIMESTAMP : timeIndex.lastTimestamp();
        this.offsetOfMaxTimestampSoFar = timeIndex == null ? baseOffset : baseOffset + timeIndex.lastRelativeOffset();
    }

    long baseOffset() {
        return baseOffset;
    }

    Path logPath() {
        return logPath;
    }

    int size() {
        return size;
    }

    OffsetIndex index() {
        return index;
    }

    /** @return the time index, null when {@link LogConfig#TIME_INDEX} is off */
    TimeIndex timeIndex() {
        return timeIndex;
    }

    /** @return the largest batch timestamp in the segment so far, NO_TIMESTAMP (-1) before any larger one */
    long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /** @return the last offset of the first batch holding {@link #maxTimestampSoFar()}, the base offset before any */
    long offsetOfMaxTimestampSoFar() {
        return offsetOfMaxTimestampSoFar;
    }

    /**
     * Kafka's roll rule (§6.3) for a non-empty segment: the incoming bytes would take it past {@code segmentBytes},
     * an index is full, or the incoming last offset does not fit a relative int32.
     */
    boolean shouldRoll(final int incomingBytes, final long incomingLastOffset, final int segmentBytes) {
        return size > 0
            && (size > segmentBytes - incomingBytes
            || index.isFull()
            || (timeIndex != null && timeIndex.isFull())
            || incomingLastOffset - baseOffset > Integer.MAX_VALUE);
    }

    /** Appends one leader batch, stamping its base offset and leader epoch into the file's copy. */
    void appendStamped(final DirectBuffer batch, final int offset, final int length, final long batchBaseOffset,
        final int leaderEpoch, final long lastOffset) {
        final int position = size;
        file.writeStamped(position, batch, offset, length, batchBaseOffset, leaderEpoch);
        if (timeIndex != null) {
            // The caller's copy: the file's differs only in the base offset and the epoch.
            raiseMaxTimestamp(batch.getLong(offset + MAX_TIMESTAMP_OFFSET, BIG_ENDIAN), lastOffset);
        }
        appended(position, length, lastOffset);
    }

    /** Appends whole batches that already carry their offsets. */
    void append(final DirectBuffer batches, final int offset, final int length, final long lastOffset) {
        final int position = size;
        file.write(position, batches, offset, length);
        if (timeIndex != null) {
            final int end = offset + length;
            for (int at = offset; at < end; at += LOG_OVERHEAD + batches.getInt(at + BATCH_LENGTH_OFFSET, BIG_ENDIAN)) {
                raiseMaxTimestamp(batches.getLong(at + MAX_TIMESTAMP_OFFSET, BIG_ENDIAN),
                    batches.getLong(at + BASE_OFFSET_OFFSET, BIG_ENDIAN)
                        + batches.getInt(at + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN));
            }
        }
        appended(position, length, lastOffset);
    }

    /**
     * Batch by batch, as Kafka's append (4.x) takes an append's largest {@code maxTimestamp} and the last offset of the
     * first batch holding it: a later batch with the same timestamp leaves the pair as it is.
     */
    private void raiseMaxTimestamp(final long batchMaxTimestamp, final long batchLastOffset) {
        if (batchMaxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = batchMaxTimestamp;
            offsetOfMaxTimestampSoFar = batchLastOffset;
        }
    }

    private void appended(final int position, final int length, final long lastOffset) {
        // Kafka indexes an append when more than index.interval.bytes were appended since the last entry; the time
        // index is offered the largest timestamp so far, this append's included, at the same moment.
        if (position - lastIndexedPosition > indexIntervalBytes && !index.isFull()) {
            index.append((int) (lastOffset - baseOffset), position);
            if (timeIndex != null && !timeIndex.isFull()) {
                timeIndex.maybeAppend(maxTimestampSoFar, (int) (offsetOfMaxTimestampSoFar - baseOffset));
            }
            lastIndexedPosition = position;
        }
        size = position + length;
    }

    /**
     * After a truncation cut the time index and the file: Kafka's {@code readLargestTimestamp}, the largest of the last
     * time-index entry left and the {@code maxTimestamp} of every batch from the offset-index entry at or below that
     * entry's offset on. Cold path: reads batch headers through the backend.
     */
    void findMaxTimestamp() {
        if (timeIndex == null) {
            return;
        }
        maxTimestampSoFar = timeIndex.lastTimestamp();
        offsetOfMaxTimestampSoFar = baseOffset + timeIndex.lastRelativeOffset();
        int position = timeIndex.entries() == 0 ? 0 : index.floorPosition(timeIndex.lastRelativeOffset());
        while (position < size) {
            raiseMaxTimestamp(file.getLong(position + MAX_TIMESTAMP_OFFSET), lastOffsetAt(position));
            position += batchSizeAt(position);
        }
    }

    /**
     * Brings up to {@code maxPages} pages of the file ahead of the valid size into the page cache, staying at most
     * {@code aheadBytes} ahead of it, where the next appends will write; returns the pages touched (0 once the window
     * ahead is in memory).
     */
    int pretouch(final int aheadBytes, final int maxPages) {
        final int from = Math.max(pretouchedTo, size);
        final long windowEnd = (long) size + aheadBytes;
        final int to = (int) Math.min(Math.min(windowEnd, (long) from + (long) maxPages * MappedSegmentFile.PAGE_BYTES),
            Integer.MAX_VALUE);
        if (to <= from) {
            return 0;
        }
        final int touched = file.pretouch(from, to);
        pretouchedTo = to;
        return touched;
    }

    /**
     * @return the file position of the batch holding {@code offset}, which must lie in this segment below the log
     *         end offset
     */
    int positionOf(final long offset) {
        int position = index.floorPosition((int) (offset - baseOffset));
        final int size = this.size;
        while (position < size) {
            if (lastOffsetAt(position) >= offset) {
                return position;
            }
            position += batchSizeAt(position);
        }
        throw new IllegalStateException("Offset " + offset + " is not in segment " + logPath + " of " + size + " bytes");
    }

    int batchSizeAt(final int position) {
        return LOG_OVERHEAD + file.getInt(position + BATCH_LENGTH_OFFSET);
    }

    long lastOffsetAt(final int position) {
        return file.getLong(position + BASE_OFFSET_OFFSET) + file.getInt(position + LAST_OFFSET_DELTA_OFFSET);
    }

    long baseOffsetAt(final int position) {
        return file.getLong(position + BASE_OFFSET_OFFSET);
    }

    void read(final int position, final MutableDirectBuffer dst, final int dstOffset, final int length) {
        file.read(position, dst, dstOffset, length);
    }

    /** @return bytes of the {@code .log} file that a force made durable: a power loss keeps at least these */
    int durableSize() {
        return flushedSize;
    }

    boolean hasUnflushedBytes() {
        return flushedSize < size;
    }

    /** @return bytes of the {@code .timeindex} that a force made durable, 0 without a time index */
    long timeIndexDurableBytes() {
        return timeIndex == null ? 0 : timeIndex.durableBytes();
    }

    /** Forces the bytes appended since the last force, and new index entries. */
    void flush() {
        if (flushedSize < size) {
            file.force(flushedSize, size);
            flushedSize = size;
        }
        index.force();
        if (timeIndex != null) {
            timeIndex.force();
        }
    }

    /**
     * Kafka's last time-index entry of a segment that stops being active ({@code onBecomeInactiveSegment},
     * {@code close}): the largest timestamp so far, if it is larger than the last entry's, into the slot the full check
     * keeps. Does nothing on a sealed segment, whose index ends with it already.
     */
    void indexMaxTimestamp() {
        if (timeIndex != null) {
            timeIndex.maybeAppendLast(maxTimestampSoFar, (int) (offsetOfMaxTimestampSoFar - baseOffset));
        }
    }

    /**
     * Rolled: writes the last time-index entry, trims the file and the indexes to their valid sizes (§6.2) and keeps
     * them for reading.
     */
    void seal() {
        indexMaxTimestamp();
        file.seal(size);
        index.seal();
        if (timeIndex != null) {
            timeIndex.seal();
        }
    }

    /** Clean close: the last time-index entry, force, trim, release. */
    void close() {
        indexMaxTimestamp();
        flush();
        file.close(size);
        index.close();
        if (timeIndex != null) {
            timeIndex.close();
        }
    }

    /** Releases everything with no force or trim, as a crash leaves it. */
    void release() {
        file.release();
        index.release();
        if (timeIndex != null) {
            timeIndex.release();
        }
    }
}
