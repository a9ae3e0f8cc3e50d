package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.SyncMode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The Chronicle backend: Chronicle Bytes' {@link MappedBytes} with one chunk per segment, so a write never crosses
 * chunks. Chronicle grows the file to the chunk plus an overlap page when the chunk is first touched and knows
 * nothing of the valid size; the log keeps that, and trims the file when the segment rolls or closes. A sealed
 * segment is mapped read-only, which does not grow the file.
 *
 * <p>Chronicle's random-access reads and writes use the platform's byte order, so the big-endian fields are
 * swapped here on little-endian machines. A force is {@code msync(MS_SYNC)} of the range not yet synced (Chronicle's
 * own {@code sync()} syncs only up to its write position, which random-access writes leave at 0).
 */
final class ChronicleSegmentFile implements SegmentFile {
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Chronicle maps in whole pages; a chunk is the segment rounded up to them. */
    private static final int PAGE_SIZE = 4096;

    private final Path path;
    private MappedBytes bytes;
    // Heap sources and destinations go through this direct buffer: Chronicle's heap-array reads stop at its read limit.
    private ByteBuffer staging;
    private UnsafeBuffer stagingBuffer;

    private ChronicleSegmentFile(final Path path, final MappedBytes bytes) {
        this.path = path;
        this.bytes = bytes;
        // The broker may open the log on one thread and run it on another; single-threaded use is the log's contract.
        bytes.singleThreadedCheckDisabled(true);
    }

    static ChronicleSegmentFile openActive(final Path path, final int size) {
        final long chunk = ((long) size + PAGE_SIZE - 1) & -PAGE_SIZE;
        try {
            return new ChronicleSegmentFile(path, MappedBytes.mappedBytes(path.toFile(), chunk));
        } catch (final FileNotFoundException e) {
            throw new UncheckedIOException("Cannot map log segment " + path, e);
        }
    }

    static ChronicleSegmentFile openSealed(final Path path, final int validSize) {
        return new ChronicleSegmentFile(path, mapReadOnly(path, validSize));
    }

    private static MappedBytes mapReadOnly(final Path path, final int validSize) {
        final long chunk = Math.max(PAGE_SIZE, ((long) validSize + PAGE_SIZE - 1) & -PAGE_SIZE);
        try {
            return MappedBytes.mappedBytes(path.toFile(), chunk, 0, true);
        } catch (final FileNotFoundException e) {
            throw new UncheckedIOException("Cannot map log segment " + path, e);
        }
    }

    @Override
    public void write(final int position, final DirectBuffer src, final int offset, final int length) {
        final byte[] array = src.byteArray();
        if (array != null) {
            bytes.write(position, array, src.wrapAdjustment() + offset, length);
        } else {
            src.boundsCheck(offset, length);
            bytes.nativeWrite(src.addressOffset() + offset, position, length);
        }
    }

    @Override
    public void writeStamped(final int position, final DirectBuffer src, final int offset, final int length,
        final long baseOffset, final int leaderEpoch) {
        write(position, src, offset, length);
        bytes.writeLong(position + BASE_OFFSET_OFFSET, SWAP ? Long.reverseBytes(baseOffset) : baseOffset);
        bytes.writeInt(position + PARTITION_LEADER_EPOCH_OFFSET, SWAP ? Integer.reverseBytes(leaderEpoch) : leaderEpoch);
    }

    @Override
    public void read(final int position, final MutableDirectBuffer dst, final int dstOffset, final int length) {
        dst.boundsCheck(dstOffset, length);
        if (dst.byteArray() == null) {
            bytes.nativeRead(position, dst.addressOffset() + dstOffset, length);
        } else {
            final UnsafeBuffer staging = staging(length);
            bytes.nativeRead(position, staging.addressOffset(), length);
            dst.putBytes(dstOffset, staging, 0, length);
        }
    }

    @Override
    public long getLong(final int position) {
        final long value = bytes.readLong(position);
        return SWAP ? Long.reverseBytes(value) : value;
    }

    @Override
    public int getInt(final int position) {
        final int value = bytes.readInt(position);
        return SWAP ? Integer.reverseBytes(value) : value;
    }

    @Override
    public void force(final int from, final int to) {
        if (to <= from) {
            return;
        }
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (store instanceof MappedBytesStore && !bytes.isBackingFileReadOnly()) {
            // Syncs from the end of the last sync (page-aligned) to `to`: the same range as [from, to) here.
            ((MappedBytesStore) store).syncUpTo(to, SyncMode.SYNC);
        } else {
            forceFile();
        }
    }

    @Override
    public void seal(final int validSize) {
        release();
        trim(validSize);
        bytes = mapReadOnly(path, validSize);
        bytes.singleThreadedCheckDisabled(true);
    }

    @Override
    public void close(final int validSize) {
        release();
        trim(validSize);
    }

    @Override
    public void release() {
        if (bytes != null) {
            bytes.releaseLast();
            bytes = null;
        }
    }

    private void trim(final int validSize) {
        // Chronicle may unmap in its background releaser after releaseLast; Linux lets the file shrink under a mapping.
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(validSize);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot trim log segment " + path + " to " + validSize + " bytes", e);
        }
    }

    private void forceFile() {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot force log segment " + path, e);
        }
    }

    private UnsafeBuffer staging(final int length) {
        if (staging == null || staging.capacity() < length) {
            staging = ByteBuffer.allocateDirect(Math.max(4096, Integer.highestOneBit(length - 1) << 1));
            stagingBuffer = new UnsafeBuffer(staging);
        }
        return stagingBuffer;
    }
}
