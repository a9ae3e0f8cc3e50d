package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The channel backend, Kafka's own way: {@link FileChannel} positional writes and reads through the page cache.
 * A leader batch is copied into a reusable direct buffer, stamped there and written with one call; bytes already in a
 * direct {@link ByteBuffer} are written or read in place through a cached view of it. Header fields are read in one
 * 61-byte window per batch, so walking batches costs one read call each. A force is {@code fdatasync}.
 */
final class ChannelSegmentFile implements SegmentFile {
    private static final int MIN_STAGING = 64 * 1024;

    private final Path path;
    private final FileChannel channel;

    private ByteBuffer staging;
    private UnsafeBuffer stagingBuffer;

    // The last batch header read: file bytes [windowStart, windowStart + windowLength).
    private final ByteBuffer window = ByteBuffer.allocateDirect(RECORD_BATCH_OVERHEAD);
    private final UnsafeBuffer windowBuffer = new UnsafeBuffer(window);
    private long windowStart = -1;
    private int windowLength;

    // Private duplicates of the last caller buffers seen, so their position and limit are ours to move.
    private ByteBuffer srcOwner;
    private ByteBuffer srcView;
    private ByteBuffer dstOwner;
    private ByteBuffer dstView;

    private ChannelSegmentFile(final Path path, final FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static ChannelSegmentFile openActive(final Path path, final int size) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            SegmentFiles.preallocate(channel, size);
            return new ChannelSegmentFile(path, channel);
        } catch (final IOException e) {
            SegmentFiles.closeQuietly(channel, e);
            throw new UncheckedIOException("Cannot open log segment " + path, e);
        }
    }

    static ChannelSegmentFile openSealed(final Path path) {
        try {
            return new ChannelSegmentFile(path, FileChannel.open(path, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open log segment " + path, e);
        }
    }

    @Override
    public void write(final int position, final DirectBuffer src, final int offset, final int length) {
        src.boundsCheck(offset, length);
        final ByteBuffer owner = src.byteBuffer();
        if (owner != null && owner.isDirect()) {
            final ByteBuffer view = srcViewOf(owner);
            final int start = src.wrapAdjustment() + offset;
            view.limit(start + length).position(start);
            writeFully(view, position);
        } else {
            final UnsafeBuffer staging = staging(length);
            staging.putBytes(0, src, offset, length);
            writeStaged(position, length);
        }
        invalidateWindow(position, length);
    }

    @Override
    public void writeStamped(final int position, final DirectBuffer src, final int offset, final int length,
        final long baseOffset, final int leaderEpoch) {
        final UnsafeBuffer staging = staging(length);
        staging.putBytes(0, src, offset, length);
        staging.putLong(BASE_OFFSET_OFFSET, baseOffset, BIG_ENDIAN);
        staging.putInt(PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch, BIG_ENDIAN);
        writeStaged(position, length);
        invalidateWindow(position, length);
    }

    @Override
    public void read(final int position, final MutableDirectBuffer dst, final int dstOffset, final int length) {
        dst.boundsCheck(dstOffset, length);
        final ByteBuffer owner = dst.byteBuffer();
        if (owner != null && owner.isDirect()) {
            final ByteBuffer view = dstViewOf(owner);
            final int start = dst.wrapAdjustment() + dstOffset;
            view.limit(start + length).position(start);
            readFully(view, position);
        } else {
            final UnsafeBuffer staging = staging(length);
            final ByteBuffer bytes = this.staging;
            bytes.limit(length).position(0);
            readFully(bytes, position);
            dst.putBytes(dstOffset, staging, 0, length);
        }
    }

    @Override
    public long getLong(final int position) {
        return windowBuffer.getLong(windowIndex(position, Long.BYTES), BIG_ENDIAN);
    }

    @Override
    public int getInt(final int position) {
        return windowBuffer.getInt(windowIndex(position, Integer.BYTES), BIG_ENDIAN);
    }

    @Override
    public void force(final int from, final int to) {
        if (to > from) {
            SegmentFiles.force(channel, path);
        }
    }

    @Override
    public void seal(final int validSize) {
        SegmentFiles.truncate(channel, path, validSize);
        windowStart = -1;
    }

    @Override
    public void close(final int validSize) {
        SegmentFiles.truncate(channel, path, validSize);
        SegmentFiles.close(channel, path);
    }

    @Override
    public void release() {
        SegmentFiles.close(channel, path);
    }

    /** @return the index in the window of file byte {@code position}, reading a new window there if needed */
    private int windowIndex(final int position, final int size) {
        if (position < windowStart || position + size > windowStart + windowLength) {
            final ByteBuffer window = this.window;
            window.clear();
            try {
                while (window.hasRemaining()) {
                    if (channel.read(window, position + window.position()) < 0) {
                        break;
                    }
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot read log segment " + path + " at " + position, e);
            }
            windowStart = position;
            windowLength = window.position();
            if (windowLength < size) {
                throw new IllegalStateException("Log segment " + path + " ends before byte " + (position + size));
            }
        }
        return (int) (position - windowStart);
    }

    private void invalidateWindow(final int position, final int length) {
        if (position < windowStart + windowLength && windowStart < position + length) {
            windowStart = -1;
            windowLength = 0;
        }
    }

    private void writeStaged(final int position, final int length) {
        final ByteBuffer bytes = staging;
        bytes.limit(length).position(0);
        writeFully(bytes, position);
    }

    private void writeFully(final ByteBuffer bytes, final long position) {
        try {
            long at = position;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write log segment " + path + " at " + position, e);
        }
    }

    private void readFully(final ByteBuffer bytes, final long position) {
        try {
            long at = position;
            while (bytes.hasRemaining()) {
                final int read = channel.read(bytes, at);
                if (read < 0) {
                    throw new EOFException("Log segment " + path + " ends at " + at + ", before " + bytes.remaining()
                        + " more bytes");
                }
                at += read;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read log segment " + path + " at " + position, e);
        }
    }

    private UnsafeBuffer staging(final int length) {
        if (staging == null || staging.capacity() < length) {
            staging = ByteBuffer.allocateDirect(Math.max(MIN_STAGING, Integer.highestOneBit(length - 1) << 1));
            stagingBuffer = new UnsafeBuffer(staging);
        }
        return stagingBuffer;
    }

    private ByteBuffer srcViewOf(final ByteBuffer owner) {
        if (owner != srcOwner) {
            srcOwner = owner;
            srcView = owner.duplicate();
        }
        return srcView;
    }

    private ByteBuffer dstViewOf(final ByteBuffer owner) {
        if (owner != dstOwner) {
            dstOwner = owner;
            dstView = owner.duplicate();
        }
        return dstView;
    }
}
