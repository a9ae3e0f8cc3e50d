package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The mmap backend: an Agrona {@link UnsafeBuffer} over a {@link MappedByteBuffer} of the whole preallocated segment.
 * An append is one memory copy plus two stores; a force is {@code msync} of the range. The file's channel stays open
 * for trimming and for forcing after the segment is sealed and mapped read-only.
 */
final class MappedSegmentFile implements SegmentFile {
    /**
     * The unit a write fault maps in: the base page on x86-64 and the common arm64 kernels. On a kernel with larger
     * pages touching every 4 KiB is still correct, only some touches find the page already mapped.
     */
    static final int PAGE_BYTES = 4096;
    /** The most {@link #pretouch} writes in one call to the kernel; a broker touches 4 pages an idle cycle. */
    private static final int ZERO_CHUNK_BYTES = 4 * PAGE_BYTES;

    private final Path path;
    private final FileChannel channel;
    private MappedByteBuffer mapped;
    private UnsafeBuffer buffer;
    /** Only the appending thread touches a segment, so one buffer of zeros per segment needs no sharing. */
    private ByteBuffer zeros;

    private MappedSegmentFile(final Path path, final FileChannel channel, final MappedByteBuffer mapped) {
        this.path = path;
        this.channel = channel;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /** Opens a segment to append to, preallocated to {@code mapSize} bytes. */
    static MappedSegmentFile openActive(final Path path, final int mapSize) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            SegmentFiles.preallocate(channel, mapSize);
            return new MappedSegmentFile(path, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, mapSize));
        } catch (final IOException e) {
            SegmentFiles.closeQuietly(channel, e);
            throw new UncheckedIOException("Cannot map log segment " + path, e);
        }
    }

    /** Opens a rolled segment, already trimmed to its valid size, read-only. */
    static MappedSegmentFile openSealed(final Path path, final int validSize) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new MappedSegmentFile(path, channel, channel.map(FileChannel.MapMode.READ_ONLY, 0, validSize));
        } catch (final IOException e) {
            SegmentFiles.closeQuietly(channel, e);
            throw new UncheckedIOException("Cannot map log segment " + path, e);
        }
    }

    @Override
    public void write(final int position, final DirectBuffer src, final int offset, final int length) {
        buffer.putBytes(position, src, offset, length);
    }

    @Override
    public void writeStamped(final int position, final DirectBuffer src, final int offset, final int length,
        final long baseOffset, final int leaderEpoch) {
        final UnsafeBuffer buffer = this.buffer;
        buffer.putBytes(position, src, offset, length);
        buffer.putLong(position + BASE_OFFSET_OFFSET, baseOffset, BIG_ENDIAN);
        buffer.putInt(position + PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch, BIG_ENDIAN);
    }

    @Override
    public void read(final int position, final MutableDirectBuffer dst, final int dstOffset, final int length) {
        dst.putBytes(dstOffset, buffer, position, length);
    }

    @Override
    public long getLong(final int position) {
        return buffer.getLong(position, BIG_ENDIAN);
    }

    @Override
    public int getInt(final int position) {
        return buffer.getInt(position, BIG_ENDIAN);
    }

    /**
     * Writes zeros over the whole pages starting in {@code [from, to)} with positional {@code write(2)}s through the
     * file's channel (the bytes there are zero already: the file is preallocated sparse and the log never wrote past
     * its size). Not a store through the mapping: a store to a page not yet in the page cache takes a fault, and the
     * fault reads the file around the page, the device's whole read-ahead window ({@code read_ahead_kb}: 8 MiB on the
     * virtio disk docs/measuring.md measured), every byte a hole the kernel zeroes inside the faulting thread. That
     * one fault cost the broker's only thread tens of milliseconds every few seconds per log. A write of whole pages
     * reads nothing, and the pages it leaves in the page cache are mapped later by a fault that reads nothing either.
     * Stops at the file's end, so the file never grows.
     */
    @Override
    public int pretouch(final int from, final int to) {
        final int first = (from + PAGE_BYTES - 1) & -PAGE_BYTES;
        final int end = Math.min(to, buffer.capacity());
        if (first >= end) {
            return 0;
        }
        final int pages = (end - first + PAGE_BYTES - 1) / PAGE_BYTES;
        final int stop = (int) Math.min((long) first + (long) pages * PAGE_BYTES, buffer.capacity());
        final ByteBuffer zeros = zeros();
        int position = first;
        try {
            while (position < stop) {
                zeros.clear().limit(Math.min(zeros.capacity(), stop - position));
                position += channel.write(zeros, position);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot pretouch log segment " + path + " at " + position, e);
        }
        return pages;
    }

    /** The zeros {@link #pretouch} writes from, allocated at its first call: only an active segment needs them. */
    private ByteBuffer zeros() {
        if (zeros == null) {
            zeros = ByteBuffer.allocateDirect(ZERO_CHUNK_BYTES);
        }
        return zeros;
    }

    @Override
    public void force(final int from, final int to) {
        if (to <= from) {
            return;
        }
        if (mapped.isReadOnly()) {
            // msync through a read-only mapping is not promised to write anything back; fsync the file instead.
            SegmentFiles.force(channel, path);
        } else {
            mapped.force(from, to - from);
        }
    }

    @Override
    public void seal(final int validSize) {
        unmap();
        SegmentFiles.truncate(channel, path, validSize);
        try {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, validSize);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot map log segment " + path, e);
        }
        buffer = new UnsafeBuffer(mapped);
    }

    @Override
    public void close(final int validSize) {
        unmap();
        SegmentFiles.truncate(channel, path, validSize);
        SegmentFiles.close(channel, path);
    }

    @Override
    public void release() {
        unmap();
        SegmentFiles.close(channel, path);
    }

    private void unmap() {
        if (mapped != null) {
            IoUtil.unmap(mapped);
            mapped = null;
            buffer = null;
        }
    }
}
