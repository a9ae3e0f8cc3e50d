package io.ackbench.log;

import static java.nio.ByteOrder.BIG_ENDIAN;

import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A segment's sparse offset index, Kafka's {@code .index} format (kafka-semantics.md §6.2): 8-byte big-endian entries
 * of (offset relative to the segment's base offset, file position of the append that ends at that offset), rising in
 * both fields. Memory-mapped whatever the segment backend, as Kafka maps its indexes.
 *
 * <p>An active index is preallocated and its unused tail is zero; entries are counted up to the first that does not
 * rise (a zero entry never does: every indexed append starts past position 0 and ends past the base offset). A sealed
 * index is trimmed to its entries and mapped read-only; {@link IndexFile} keeps the file. Single-threaded, like the log
 * that owns it.
 */
final class OffsetIndex {
    static final int ENTRY_SIZE = 8;
    static final int RELATIVE_OFFSET_OFFSET = 0;
    static final int POSITION_OFFSET = 4;
    private static final String KIND = "offset index";

    private final IndexFile file;

    private OffsetIndex(final IndexFile file) {
        this.file = file;
    }

    /**
     * Opens (or creates) an index to append to, preallocated to {@code maxEntries}. Its entries must be valid and the
     * rest zero, as a clean close or recovery leaves them.
     */
    static OffsetIndex openActive(final Path path, final int maxEntries) {
        return new OffsetIndex(IndexFile.openActive(path, ENTRY_SIZE, maxEntries, KIND, OffsetIndex::countEntries));
    }

    /** Opens the index of a rolled segment, trimmed to its entries, read-only. */
    static OffsetIndex openSealed(final Path path) {
        return new OffsetIndex(IndexFile.openSealed(path, ENTRY_SIZE, KIND, OffsetIndex::countEntries));
    }

    /** @return how many leading entries of {@code index} rise in both fields (from 0, exclusive) */
    static int countEntries(final DirectBuffer index, final int capacity) {
        int previousOffset = 0;
        int previousPosition = 0;
        for (int i = 0; i < capacity; i++) {
            final int relativeOffset = index.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, BIG_ENDIAN);
            final int position = index.getInt(i * ENTRY_SIZE + POSITION_OFFSET, BIG_ENDIAN);
            if (relativeOffset <= previousOffset || position <= previousPosition) {
                return i;
            }
            previousOffset = relativeOffset;
            previousPosition = position;
        }
        return capacity;
    }

    int entries() {
        return file.entries();
    }

    boolean isFull() {
        return file.entries() >= file.capacity();
    }

    int relativeOffset(final int entry) {
        return file.buffer().getInt(entry * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, BIG_ENDIAN);
    }

    int position(final int entry) {
        return file.buffer().getInt(entry * ENTRY_SIZE + POSITION_OFFSET, BIG_ENDIAN);
    }

    /** @return the position of the last entry, 0 if there is none */
    int lastPosition() {
        final int count = file.entries();
        return count == 0 ? 0 : position(count - 1);
    }

    void append(final int relativeOffset, final int position) {
        final UnsafeBuffer entries = file.buffer();
        final int at = file.entries() * ENTRY_SIZE;
        entries.putInt(at + RELATIVE_OFFSET_OFFSET, relativeOffset, BIG_ENDIAN);
        entries.putInt(at + POSITION_OFFSET, position, BIG_ENDIAN);
        file.entryAppended();
    }

    /**
     * @return the file position of the last entry whose relative offset is at most {@code relativeOffset}, where a
     *         forward scan for that offset may start; 0 if every entry is past it
     */
    int floorPosition(final int relativeOffset) {
        int low = 0;
        int high = file.entries() - 1;
        int found = -1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            if (relativeOffset(mid) <= relativeOffset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? 0 : position(found);
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
}
