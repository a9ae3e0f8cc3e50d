package io.ackbench.tools.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.agrona.IoUtil;

/**
 * Why {@code LogAppendBenchmark.log} trails {@code rawChannelWrite}: copies 64 KiB chunks into a 256 MiB file through
 * {@code FileChannel.write} and through a mapping, once into a fresh sparse file (every page new to the page cache, as
 * every log append is) and once over pages already cached (as {@code rawChannelWrite} after its first pass), and
 * prints the median MB/s of each over several rounds. Not a JMH benchmark: a diagnostic to run beside one.
 *
 * <pre>{@code
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp tools/target/ackbench-tools.jar \
 *     io.ackbench.tools.disk.PageCacheProbe [dir, default target/logbench] [rounds, default 7]
 * }</pre>
 * (the flag lets Agrona unmap each mapping as soon as a round is done).
 */
public final class PageCacheProbe {
    private static final int FILE_BYTES = 256 * 1024 * 1024;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Path dir;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);

    private PageCacheProbe(final Path dir) {
        this.dir = dir;
        for (int i = 0; i < CHUNK_BYTES; i++) {
            chunk.put(i, (byte) i);
        }
    }

    public static void main(final String[] args) throws IOException {
        final Path dir = Paths.get(args.length > 0 ? args[0] : "target/logbench").toAbsolutePath();
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Files.createDirectories(dir);
        System.out.println("# " + dir + ": " + Files.getFileStore(dir).type() + ", " + rounds + " rounds of "
            + (FILE_BYTES >> 20) + " MiB in " + (CHUNK_BYTES >> 10) + " KiB copies; median MB/s");
        final PageCacheProbe probe = new PageCacheProbe(dir);
        final String[] names = {"write, fresh pages", "write, cached pages", "mmap, fresh pages", "mmap, cached pages"};
        final double[][] rates = new double[names.length][rounds];
        for (int round = 0; round < rounds; round++) {
            rates[0][round] = probe.writeFresh();
            rates[1][round] = probe.writeCached();
            rates[2][round] = probe.mapFresh();
            rates[3][round] = probe.mapCached();
        }
        for (int i = 0; i < names.length; i++) {
            Arrays.sort(rates[i]);
            System.out.printf("%-22s %8.0f  (min %.0f, max %.0f)%n", names[i], rates[i][rounds / 2], rates[i][0],
                rates[i][rounds - 1]);
        }
    }

    private double writeFresh() throws IOException {
        try (FileChannel channel = sparseFile()) {
            final long start = System.nanoTime();
            write(channel);
            return megabytesPerSecond(start, System.nanoTime());
        } finally {
            Files.delete(file());
        }
    }

    private double writeCached() throws IOException {
        try (FileChannel channel = sparseFile()) {
            write(channel);
            final long start = System.nanoTime();
            write(channel);
            return megabytesPerSecond(start, System.nanoTime());
        } finally {
            Files.delete(file());
        }
    }

    private double mapFresh() throws IOException {
        try (FileChannel channel = sparseFile()) {
            final long start = System.nanoTime();
            copyThroughMapping(channel);
            return megabytesPerSecond(start, System.nanoTime());
        } finally {
            Files.delete(file());
        }
    }

    private double mapCached() throws IOException {
        try (FileChannel channel = sparseFile()) {
            write(channel);
            final long start = System.nanoTime();
            copyThroughMapping(channel);
            return megabytesPerSecond(start, System.nanoTime());
        } finally {
            Files.delete(file());
        }
    }

    private void write(final FileChannel channel) throws IOException {
        for (long position = 0; position < FILE_BYTES; position += CHUNK_BYTES) {
            chunk.clear();
            while (chunk.hasRemaining()) {
                channel.write(chunk, position + chunk.position());
            }
        }
    }

    private void copyThroughMapping(final FileChannel channel) throws IOException {
        final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
        for (int position = 0; position < FILE_BYTES; position += CHUNK_BYTES) {
            chunk.clear();
            mapped.put(position, chunk, 0, CHUNK_BYTES);
        }
        // Unmapped now, so that rounds do not pile up mappings (and their pages) until a GC.
        IoUtil.unmap(mapped);
    }

    private FileChannel sparseFile() throws IOException {
        final FileChannel channel = FileChannel.open(file(), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        channel.write(ByteBuffer.allocate(1), FILE_BYTES - 1);
        return channel;
    }

    private Path file() {
        return dir.resolve("page-cache-probe");
    }

    private static double megabytesPerSecond(final long startNanos, final long endNanos) {
        return FILE_BYTES / ((endNanos - startNanos) / 1e3);
    }
}
