package io.ackbench.log;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The bytes of one segment's {@code .log} file, written and read through one backend. Positions are file positions.
 * The owning {@link LogSegment} tracks the valid size: a backend only stores bytes and never decides what is valid.
 * Single-threaded, like the log that owns it.
 *
 * <p>An active file is preallocated (at least {@code segment.bytes}, more where the backend maps in larger
 * units); {@link #seal} trims it to the valid size when the segment rolls, and {@link #close} when the log closes.
 */
interface SegmentFile {
    /** Copies {@code src[offset, offset + length)} to the file at {@code position}. */
    void write(int position, DirectBuffer src, int offset, int length);

    /**
     * Copies one batch as {@link #write} does, then writes {@code baseOffset} and {@code leaderEpoch} into the file's
     * copy (both outside the CRC); {@code src} is not modified.
     */
    void writeStamped(int position, DirectBuffer src, int offset, int length, long baseOffset, int leaderEpoch);

    /** Copies {@code length} bytes at {@code position} to {@code dst[dstOffset, dstOffset + length)}. */
    void read(int position, MutableDirectBuffer dst, int dstOffset, int length);

    /** @return the big-endian int64 at {@code position} */
    long getLong(int position);

    /** @return the big-endian int32 at {@code position} */
    int getInt(int position);

    /**
     * Brings the pages holding {@code [from, to)}, which lie past the log's valid size, into the page cache, so that
     * the appends that reach them later do not pay for it (a page-cache allocation, on a disk file system the block
     * reservation of the first write to a page, and for a mapped page the file's read-ahead). Their bytes stay what
     * they were: zero. Only a memory-mapped backend has that cost inside its appends; the others do nothing. Returns
     * the pages touched.
     */
    default int pretouch(final int from, final int to) {
        return 0;
    }

    /** Forces bytes {@code [from, to)} to the storage device. */
    void force(int from, int to);

    /** No more writes: trims the file to {@code validSize} and keeps it readable. */
    void seal(int validSize);

    /** Clean close: trims the file to {@code validSize} and releases it. Call {@link #force} first to make it durable. */
    void close(int validSize);

    /** Releases the file with no force and no trim, as a crash leaves it. */
    void release();
}
