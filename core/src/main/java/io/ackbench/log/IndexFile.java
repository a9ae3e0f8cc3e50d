package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The file under one of a segment's sparse indexes ({@link OffsetIndex}, {@link TimeIndex}): fixed-size entries in a
 * memory-mapped file, how many of them are valid and how many a force made durable, and the file's life (Kafka's
 * {@code AbstractIndex}). The index classes own the entry format; this class never reads an entry.
 *
 * <p>An active file is preallocated to its capacity and its unused tail is zero; a sealed one is trimmed to its entries
 * and mapped read-only. Every writer leaves the file holding exactly its entries when it lets go of it (seal, close,
 * {@link #cut}, recovery), so an index opened again finds its entries in its first {@code size / entrySize} slots,
 * which is where Kafka's {@code AbstractIndex} looks for them too. A crash leaves a preallocated file, but only
 * recovery, which rewrites it, opens a file after a crash.
 *
 * <p>Single-threaded, like the log that owns it. The mapping is written with plain stores: only this thread reads it,
 * and another process reads the file only after a force ({@code msync}) or after this process exited, when the page
 * cache holds every store.
 */
final class IndexFile {
    /** Counts the leading entries of a mapped index that its format accepts. */
    @FunctionalInterface
    interface EntryCounter {
        /** @return how many of the first {@code available} entries of {@code entries} are valid, from the first */
        int count(DirectBuffer entries, int available);
    }

    private final Path path;
    private final int entrySize;
    private final String kind;
    private MappedByteBuffer mapped;
    private UnsafeBuffer buffer;
    private int capacity;
    private int count;
    private int flushedCount;
    private boolean sealed;

    private IndexFile(final Path path, final int entrySize, final String kind, final MappedByteBuffer mapped,
        final boolean sealed, final EntryCounter counter, final int available) {
        this.path = path;
        this.entrySize = entrySize;
        this.kind = kind;
        this.sealed = sealed;
        map(mapped);
        this.count = counter.count(buffer, Math.min(available, capacity));
        this.flushedCount = count;
    }

    /**
     * Opens (or creates) an index file to append to, preallocated to {@code maxEntries} (or to its size, if it is
     * larger), counting its entries among those its size holds.
     */
    static IndexFile openActive(final Path path, final int entrySize, final int maxEntries, final String kind,
        final EntryCounter counter) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final long existing = Math.min(channel.size() / entrySize, Integer.MAX_VALUE / entrySize);
            final int capacity = (int) Math.max(maxEntries, existing);
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * entrySize);
            return new IndexFile(path, entrySize, kind, mapped, false, counter, (int) existing);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open " + kind + ' ' + path, e);
        }
    }

    /**
     * Opens the index file of a rolled segment, trimmed to its entries, read-only; a missing file is created empty.
     */
    static IndexFile openSealed(final Path path, final int entrySize, final String kind, final EntryCounter counter) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final int capacity = (int) Math.min(channel.size() / entrySize, Integer.MAX_VALUE / entrySize);
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) capacity * entrySize);
            return new IndexFile(path, entrySize, kind, mapped, true, counter, capacity);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open " + kind + ' ' + path, e);
        }
    }

    /**
     * Truncation: cuts the released index file {@code path} to {@code bytes} and fsyncs it. Opening it active again
     * preallocates it with zeros past them, so no stale entry survives.
     */
    static void cut(final Path path, final long bytes, final String kind) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot cut " + kind + ' ' + path + " to " + bytes + " bytes", e);
        }
    }

    /** @return the mapped entries; a new buffer after {@link #seal} */
    UnsafeBuffer buffer() {
        return buffer;
    }

    int entries() {
        return count;
    }

    /**
     * @param relativeOffsetAt where in an entry its big-endian int32 relative offset is; entries rise by it
     * @return how many leading entries have a relative offset below {@code relativeOffset} (a binary search)
     */
    int entriesBelow(final int relativeOffset, final int relativeOffsetAt) {
        int low = 0;
        int high = count;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (buffer.getInt(mid * entrySize + relativeOffsetAt, ByteOrder.BIG_ENDIAN) < relativeOffset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** @return the entries the mapping has room for */
    int capacity() {
        return capacity;
    }

    boolean isSealed() {
        return sealed;
    }

    /** The index wrote one more entry, at slot {@link #entries()}. */
    void entryAppended() {
        count++;
    }

    Path path() {
        return path;
    }

    /** @return bytes of the file that a force made durable: the entries forced, from the start */
    long durableBytes() {
        return (long) flushedCount * entrySize;
    }

    /** Forces entries appended since the last force to disk. */
    void force() {
        if (count > flushedCount) {
            mapped.force(flushedCount * entrySize, (count - flushedCount) * entrySize);
            flushedCount = count;
        }
    }

    /** Rolled: trims the file to its entries and maps them read-only. */
    void seal() {
        trim();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            map(channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) count * entrySize));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot map " + kind + ' ' + path, e);
        }
        sealed = true;
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
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate((long) count * entrySize);
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot trim " + kind + ' ' + path, e);
        }
    }

    private void map(final MappedByteBuffer mapped) {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.capacity = mapped.capacity() / entrySize;
    }

    private void unmap() {
        if (mapped != null) {
            IoUtil.unmap(mapped);
            mapped = null;
            buffer = null;
        }
    }
}
