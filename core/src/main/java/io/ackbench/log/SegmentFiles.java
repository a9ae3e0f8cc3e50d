package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a segment's {@code .log} file with the configured backend, and the file operations the backends share. */
final class SegmentFiles {
    private SegmentFiles() {
    }

    /**
     * Opens a segment to append to.
     *
     * @param size the segment's preallocated size: segment.bytes, or its valid size if that is larger
     */
    static SegmentFile openActive(final SegmentBackend backend, final Path path, final int size) {
        switch (backend) {
            case MMAP:
                return MappedSegmentFile.openActive(path, size);
            case CHRONICLE:
                return ChronicleSegmentFile.openActive(path, size);
            case CHANNEL:
                return ChannelSegmentFile.openActive(path, size);
            default:
                throw new IllegalArgumentException("Unknown segment backend " + backend);
        }
    }

    /** Opens a rolled segment, trimmed to {@code validSize}, for reading. */
    static SegmentFile openSealed(final SegmentBackend backend, final Path path, final int validSize) {
        switch (backend) {
            case MMAP:
                return MappedSegmentFile.openSealed(path, validSize);
            case CHRONICLE:
                return ChronicleSegmentFile.openSealed(path, validSize);
            case CHANNEL:
                return ChannelSegmentFile.openSealed(path);
            default:
                throw new IllegalArgumentException("Unknown segment backend " + backend);
        }
    }

    /**
     * Grows the file to {@code size} bytes as a sparse file, as Kafka's {@code preallocate} does with
     * {@code setLength}: the blocks are allocated as pages are first written. A longer file is left as it is.
     */
    static void preallocate(final FileChannel channel, final long size) throws IOException {
        if (channel.size() < size) {
            // Writing the last byte extends the file without writing the bytes before it.
            channel.write(java.nio.ByteBuffer.allocate(1), size - 1);
        }
    }

    static void truncate(final FileChannel channel, final Path path, final long size) {
        try {
            channel.truncate(size);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot trim log segment " + path + " to " + size + " bytes", e);
        }
    }

    /**
     * Truncation: cuts the released segment {@code path} to {@code size} bytes and fsyncs it, so that the bytes past
     * it are gone before anything is written there again. Opening it active again preallocates it with zeros.
     */
    static void cut(final Path path, final int size) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot cut log segment " + path + " to " + size + " bytes", e);
        }
    }

    static void force(final FileChannel channel, final Path path) {
        try {
            channel.force(false);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot force log segment " + path, e);
        }
    }

    static void close(final FileChannel channel, final Path path) {
        try {
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot close log segment " + path, e);
        }
    }

    static void closeQuietly(final FileChannel channel, final Exception cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }
    }
}
