package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final Path path;
    private final FileChannel channel;
    private MappedByteBuffer mapped;
    private UnsafeBuffer buffer;

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
     * Writes a zero into the first byte of every page starting in {@code [from, to)} (the bytes there are zero
     * already: the file is preallocated sparse and the log never wrote past its size). A read would map the shared
     * zero page only; a write is what makes the kernel allocate the page and, on ext4 or xfs, reserve its block.
     */
    @Override
    public int pretouch(final int from, final int to) {
        final int end = Math.min(to, buffer.capacity());
        int touched = 0;
        for (int page = (from + PAGE_BYTES - 1) & -PAGE_BYTES; page < end; page += PAGE_BYTES) {
            buffer.putByte(page, (byte) 0);
            touched++;
        }
        return touched;
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
