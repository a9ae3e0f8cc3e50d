package io.ackbench.log;

import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A segment's sparse offset index, Kafka's {@code .index} format (kafka-semantics.md §6.2): 8-byte big-endian entries
 * of (offset relative to the segment's base offset, file position of the append that ends at that offset), rising in
 * both fields. Memory-mapped whatever the segment backend, as Kafka maps its indexes.
 *
 * <p>An active index is preallocated and its unused tail is zero; entries are counted up to the first that does not
 * rise (a zero entry never does: every indexed append starts past position 0 and ends past the base offset). A sealed
 * index is trimmed to its entries and mapped read-only. Single-threaded, like the log that owns it.
 */
final class OffsetIndex {
    static final int ENTRY_SIZE = 8;
    static final int RELATIVE_OFFSET_OFFSET = 0;
    static final int POSITION_OFFSET = 4;

    private final Path file;
    private MappedByteBuffer mapped;
    private UnsafeBuffer entries;
    private int count;
    private int capacity;
    private int flushedCount;

    private OffsetIndex(final Path file, final MappedByteBuffer mapped, final int count) {
        this.file = file;
        map(mapped);
        this.count = count;
        this.flushedCount = count;
    }

    /**
     * Opens (or creates) an index to append to, preallocated to {@code maxEntries}. Its entries must be valid and the
     * rest zero, as a clean close or recovery leaves them.
     */
    static OffsetIndex openActive(final Path file, final int maxEntries) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final long existing = channel.size() / ENTRY_SIZE;
            final int capacity = (int) Math.max(maxEntries, Math.min(existing, Integer.MAX_VALUE / ENTRY_SIZE));
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * ENTRY_SIZE);
            return new OffsetIndex(file, mapped, countEntries(new UnsafeBuffer(mapped), capacity));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open offset index " + file, e);
        }
    }

    /** Opens the index of a rolled segment, trimmed to its entries, read-only. */
    static OffsetIndex openSealed(final Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final int capacity = (int) (channel.size() / ENTRY_SIZE);
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) capacity * ENTRY_SIZE);
            return new OffsetIndex(file, mapped, countEntries(new UnsafeBuffer(mapped), capacity));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open offset index " + file, e);
        }
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
        return count;
    }

    boolean isFull() {
        return count >= capacity;
    }

    int relativeOffset(final int entry) {
        return entries.getInt(entry * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, BIG_ENDIAN);
    }

    int position(final int entry) {
        return entries.getInt(entry * ENTRY_SIZE + POSITION_OFFSET, BIG_ENDIAN);
    }

    /** @return the position of the last entry, 0 if there is none */
    int lastPosition() {
        return count == 0 ? 0 : position(count - 1);
    }

    void append(final int relativeOffset, final int position) {
        final int at = count * ENTRY_SIZE;
        entries.putInt(at + RELATIVE_OFFSET_OFFSET, relativeOffset, BIG_ENDIAN);
        entries.putInt(at + POSITION_OFFSET, position, BIG_ENDIAN);
        count++;
    }

    /**
     * @return the file position of the last entry whose relative offset is at most {@code relativeOffset}, where a
     *         forward scan for that offset may start; 0 if every entry is past it
     */
    int floorPosition(final int relativeOffset) {
        int low = 0;
        int high = count - 1;
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
        int low = 0;
        int high = count;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (relativeOffset(mid) < relativeOffset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Truncation: cuts the released index {@code file} to its first {@code entries} entries and fsyncs it. Opening it
     * active again preallocates it with zeros past them, so no stale entry survives.
     */
    static void cut(final Path file, final int entries) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate((long) entries * ENTRY_SIZE);
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot cut offset index " + file + " to " + entries + " entries", e);
        }
    }

    /** @return the file this index is mapped from */
    Path file() {
        return file;
    }

    /** @return bytes of the file that a force made durable: the entries forced, from the start */
    long durableBytes() {
        return (long) flushedCount * ENTRY_SIZE;
    }

    /** Forces entries appended since the last force to disk. */
    void force() {
        if (count > flushedCount) {
            mapped.force(flushedCount * ENTRY_SIZE, (count - flushedCount) * ENTRY_SIZE);
            flushedCount = count;
        }
    }

    /** Rolled: trims the file to its entries (§6.2) and maps them read-only. */
    void seal() {
        trim();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            map(channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) count * ENTRY_SIZE));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot map offset index " + file, e);
        }
    }

    /** Clean close: trims the file to its entries and unmaps it. */
    void close() {
        trim();
    }

    /** Unmaps with no force or trim, as a crash leaves the file. */
    void release() {
        unmap();
    }

    private void trim() {
        force();
        unmap();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate((long) count * ENTRY_SIZE);
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot trim offset index " + file, e);
        }
    }

    private void map(final MappedByteBuffer mapped) {
        this.mapped = mapped;
        this.entries = new UnsafeBuffer(mapped);
        this.capacity = mapped.capacity() / ENTRY_SIZE;
    }

    private void unmap() {
        if (mapped != null) {
            IoUtil.unmap(mapped);
            mapped = null;
            entries = null;
        }
    }
}
