package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;

import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One segment: its {@code .log} file through a backend, its offset index, its valid size and the sparse-index
 * bookkeeping (kafka-semantics.md §6.2, §6.3). Single-threaded, like the log that owns it.
 */
final class LogSegment {
    private final long baseOffset;
    private final Path logPath;
    private final SegmentFile file;
    private final OffsetIndex index;
    private final int indexIntervalBytes;

    /** Bytes of whole batches in the file; everything past it is not part of the log. */
    private int size;
    /** Where the append of the last index entry started (0 with no entry): Kafka's bytesSinceLastIndexEntry base. */
    private int lastIndexedPosition;
    /** Bytes known to be forced to disk. */
    private int flushedSize;
    /** The file's pages below this position are in memory: the appends, or {@link #pretouch}, reached them. */
    private int pretouchedTo;

    LogSegment(final long baseOffset, final Path logPath, final SegmentFile file, final OffsetIndex index,
        final int indexIntervalBytes, final int size) {
        this.baseOffset = baseOffset;
        this.logPath = logPath;
        this.file = file;
        this.index = index;
        this.indexIntervalBytes = indexIntervalBytes;
        this.size = size;
        this.lastIndexedPosition = index.lastPosition();
        this.flushedSize = size;
        this.pretouchedTo = size;
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

    /**
     * Kafka's roll rule (§6.3) for a non-empty segment: the incoming bytes would take it past {@code segmentBytes},
     * the index is full, or the incoming last offset does not fit a relative int32.
     */
    boolean shouldRoll(final int incomingBytes, final long incomingLastOffset, final int segmentBytes) {
        return size > 0
            && (size > segmentBytes - incomingBytes
            || index.isFull()
            || incomingLastOffset - baseOffset > Integer.MAX_VALUE);
    }

    /** Appends one leader batch, stamping its base offset and leader epoch into the file's copy. */
    void appendStamped(final DirectBuffer batch, final int offset, final int length, final long batchBaseOffset,
        final int leaderEpoch, final long lastOffset) {
        final int position = size;
        file.writeStamped(position, batch, offset, length, batchBaseOffset, leaderEpoch);
        appended(position, length, lastOffset);
    }

    /** Appends whole batches that already carry their offsets. */
    void append(final DirectBuffer batches, final int offset, final int length, final long lastOffset) {
        final int position = size;
        file.write(position, batches, offset, length);
        appended(position, length, lastOffset);
    }

    private void appended(final int position, final int length, final long lastOffset) {
        // Kafka indexes an append when more than index.interval.bytes were appended since the last entry.
        if (position - lastIndexedPosition > indexIntervalBytes && !index.isFull()) {
            index.append((int) (lastOffset - baseOffset), position);
            lastIndexedPosition = position;
        }
        size = position + length;
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

    /** Forces the bytes appended since the last force, and new index entries. */
    void flush() {
        if (flushedSize < size) {
            file.force(flushedSize, size);
            flushedSize = size;
        }
        index.force();
    }

    /** Rolled: trims the file and the index to their valid sizes (§6.2) and keeps them for reading. */
    void seal() {
        file.seal(size);
        index.seal();
    }

    /** Clean close: force, trim, release. */
    void close() {
        flush();
        file.close(size);
        index.close();
    }

    /** Releases everything with no force or trim, as a crash leaves it. */
    void release() {
        file.release();
        index.release();
    }
}
