package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.NO_TIMESTAMP;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A segment's sparse time index, Kafka's {@code .timeindex} format (kafka-semantics.md §6.2): 12-byte big-endian
 * entries of (timestamp, offset relative to the segment's base offset), where an entry says that no record below that
 * offset has a larger timestamp. Kafka's {@code TimeIndex}: an entry is appended only when its timestamp is larger
 * than the last entry's, so timestamps rise strictly and offsets never fall. Memory-mapped, like the offset index.
 *
 * <p>The last slot is kept for the entry a segment writes when it stops being active ({@link #isFull} counts it as
 * taken, as Kafka's does), so that entry always fits. The entries of a file opened again are those of its first
 * {@code size / 12} slots ({@link IndexFile}), as far as they rise: unlike the offset index's, an entry may be all
 * zeros (timestamp 0 at the base offset), so the zero tail of a preallocated file cannot mark their end.
 * Single-threaded, like the log that owns it.
 */
final class TimeIndex {
    static final int ENTRY_SIZE = 12;
    static final int TIMESTAMP_OFFSET = 0;
    static final int RELATIVE_OFFSET_OFFSET = 8;
    private static final String KIND = "time index";

    private final IndexFile file;
    /** The last entry's timestamp; {@link io.ackbench.record.RecordBatchLayout#NO_TIMESTAMP} when there is none. */
    private long lastTimestamp;
    /** The last entry's relative offset; 0 (the base offset) when there is none, as Kafka's {@code lastEntry}. */
    private int lastRelativeOffset;

    private TimeIndex(final IndexFile file) {
        this.file = file;
        readLastEntry();
    }

    /** Opens (or creates) an index to append to, preallocated to {@code maxEntries}. */
    static TimeIndex openActive(final Path path, final int maxEntries) {
        return new TimeIndex(IndexFile.openActive(path, ENTRY_SIZE, maxEntries, KIND, TimeIndex::countEntries));
    }

    /** Opens the index of a rolled segment, trimmed to its entries, read-only; a missing one is created empty. */
    static TimeIndex openSealed(final Path path) {
        return new TimeIndex(IndexFile.openSealed(path, ENTRY_SIZE, KIND, TimeIndex::countEntries));
    }

    /**
     * @return how many leading entries of {@code index} are entries {@link #maybeAppend} could have written: each
     *         timestamp above the one before (the first above {@code NO_TIMESTAMP}), each relative offset at least the
     *         one before (the first at least 0)
     */
    static int countEntries(final DirectBuffer index, final int available) {
        long previousTimestamp = NO_TIMESTAMP;
        int previousOffset = 0;
        for (int i = 0; i < available; i++) {
            final long timestamp = index.getLong(i * ENTRY_SIZE + TIMESTAMP_OFFSET, BIG_ENDIAN);
            final int relativeOffset = index.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, BIG_ENDIAN);
            if (timestamp <= previousTimestamp || relativeOffset < previousOffset) {
                return i;
            }
            previousTimestamp = timestamp;
            previousOffset = relativeOffset;
        }
        return available;
    }

    int entries() {
        return file.entries();
    }

    /** Kafka's rule: full one entry early, keeping the last slot for {@link #maybeAppendLast}. */
    boolean isFull() {
        return file.entries() >= file.capacity() - 1;
    }

    long timestamp(final int entry) {
        return file.buffer().getLong(entry * ENTRY_SIZE + TIMESTAMP_OFFSET, BIG_ENDIAN);
    }

    int relativeOffset(final int entry) {
        return file.buffer().getInt(entry * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, BIG_ENDIAN);
    }

    /** @return the last entry's timestamp, {@code NO_TIMESTAMP} if there is none */
    long lastTimestamp() {
        return lastTimestamp;
    }

    /** @return the last entry's relative offset, 0 if there is none */
    int lastRelativeOffset() {
        return lastRelativeOffset;
    }

    /**
     * Kafka's {@code maybeAppend} at an offset-index entry: appends (timestamp, relativeOffset) if the timestamp is
     * larger than the last entry's, and does nothing if it is equal.
     *
     * @throws IllegalStateException if the index is full, or the timestamp or the offset is below the last entry's
     */
    void maybeAppend(final long timestamp, final int relativeOffset) {
        if (isFull()) {
            throw new IllegalStateException("Cannot append to the full " + KIND + ' ' + file.path() + " of "
                + file.entries() + " entries");
        }
        append(timestamp, relativeOffset);
    }

    /**
     * Kafka's {@code maybeAppend(timestamp, offset, skipFullCheck = true)} when a segment stops being active (roll,
     * close, the end of recovery): as {@link #maybeAppend}, into the slot {@link #isFull} keeps. An index with no slot
     * at all ({@code segment.index.bytes} below 12) takes nothing.
     */
    void maybeAppendLast(final long timestamp, final int relativeOffset) {
        if (file.entries() < file.capacity() && !file.isSealed()) {
            append(timestamp, relativeOffset);
        }
    }

    private void append(final long timestamp, final int relativeOffset) {
        final int count = file.entries();
        if (count > 0 && (timestamp < lastTimestamp || relativeOffset < lastRelativeOffset)) {
            throw new IllegalStateException("Cannot append (" + timestamp + ", " + relativeOffset + ") to " + KIND + ' '
                + file.path() + " after its last entry (" + lastTimestamp + ", " + lastRelativeOffset + ')');
        }
        if (timestamp > lastTimestamp) {
            final UnsafeBuffer entries = file.buffer();
            final int at = count * ENTRY_SIZE;
            entries.putLong(at + TIMESTAMP_OFFSET, timestamp, BIG_ENDIAN);
            entries.putInt(at + RELATIVE_OFFSET_OFFSET, relativeOffset, BIG_ENDIAN);
            file.entryAppended();
            lastTimestamp = timestamp;
            lastRelativeOffset = relativeOffset;
        }
    }

    /** @return how many leading entries have a relative offset below {@code relativeOffset} */
    int entriesBelow(final int relativeOffset) {
        return file.entriesBelow(relativeOffset, RELATIVE_OFFSET_OFFSET);
    }

    /**
     * Truncation: cuts the released index {@code path} to its first {@code entries} entries and fsyncs it. Opening it
     * active again preallocates it with zeros past them, so no stale entry survives.
     */
    static void cut(final Path path, final int entries) {
        IndexFile.cut(path, (long) entries * ENTRY_SIZE, KIND);
    }

    /** @return the file this index is mapped from */
    Path file() {
        return file.path();
    }

    /** @return bytes of the file that a force made durable: the entries forced, from the start */
    long durableBytes() {
        return file.durableBytes();
    }

    /** Forces entries appended since the last force to disk. */
    void force() {
        file.force();
    }

    /** Rolled: trims the file to its entries (§6.2) and maps them read-only. */
    void seal() {
        file.seal();
    }

    /** Clean close: trims the file to its entries and unmaps it. */
    void close() {
        file.close();
    }

    /** Unmaps with no force or trim, as a crash leaves the file. */
    void release() {
        file.release();
    }

    private void readLastEntry() {
        final int count = file.entries();
        lastTimestamp = count == 0 ? NO_TIMESTAMP : timestamp(count - 1);
        lastRelativeOffset = count == 0 ? 0 : relativeOffset(count - 1);
    }
}
