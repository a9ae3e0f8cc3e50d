package io.ackbench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.sun.nio.file.ExtendedOpenOption;
import io.ackbench.load.Directories;
import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leader appends of one sealed RecordBatch v2 (100-byte records, about {@code batchKiB} KiB) to a
 * {@link PartitionLog}, for every segment backend and flush policy, beside raw baselines that write the same bytes
 * to files in the same run. One op is one batch; the {@code megabytes} line is MB/s (10^6 bytes; JMH prints its unit
 * as ops/s).
 *
 * <ul>
 *   <li>{@code log}: {@code backend} mmap | chronicle | channel; {@code flush} none (page cache only, Kafka's
 *       default), every-batch ({@code flush.messages=1}: forced before the append returns), every-1000-records
 *       ({@code flush.messages=1000}: about every 2 batches of 64 KiB), every-10ms ({@code flush.ms=10}). 256 MiB
 *       segments; a fresh log per iteration, deleted after it.</li>
 *   <li>{@code rawChannelWrite}: positional {@code FileChannel.write} of the batch into the page cache, wrapping at the
 *       end of a 256 MiB file written full of zeros in setup.</li>
 *   <li>{@code rawDirectWrite}: the same through {@code O_DIRECT} ({@code ExtendedOpenOption.DIRECT}) from a
 *       block-aligned direct buffer, the batch rounded up to whole blocks.</li>
 *   <li>{@code rawChannelAppend}: positional {@code FileChannel.write} to fresh sparse 256 MiB files, a new one when
 *       one is full, deleted after each iteration: the log's file pattern with none of its work.</li>
 * </ul>
 *
 * <p>Why two page-cache baselines: {@code rawChannelWrite} wraps within 256 MiB, so after its first pass it copies
 * into pages already in the page cache, a plain memory copy. A log never rewrites: every append lands on pages the
 * kernel must first allocate (and, for a mapping, zero and fault in), whatever the backend. {@code rawChannelAppend}
 * pays that too and is the like-for-like ceiling for the log.
 *
 * <p>Files go under {@code dir} (default {@code target/logbench} below the working directory: the working disk, not
 * tmpfs); setup prints its file system type and block size. An iteration of 1 s can write a few GB: logs are closed
 * without a flush (a clean close would force gigabytes between iterations) and deleted.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE,
    ForkedJvm.CHRONICLE_OPEN_LANG, ForkedJvm.CHRONICLE_OPEN_REFLECT, ForkedJvm.CHRONICLE_OPEN_NIO,
    ForkedJvm.CHRONICLE_OPEN_NIO_CH, ForkedJvm.CHRONICLE_OPEN_MISC, ForkedJvm.CHRONICLE_EXPORT_REF,
    ForkedJvm.CHRONICLE_EXPORT_NIO_CH, ForkedJvm.CHRONICLE_EXPORT_SUN_MISC, ForkedJvm.CHRONICLE_OPEN_IO,
    ForkedJvm.CHRONICLE_OPEN_UTIL, ForkedJvm.CHRONICLE_NO_ANALYTICS})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LogAppendBenchmark {
    private static final int LEADER_EPOCH = 1;
    private static final int SEGMENT_BYTES = 256 * 1024 * 1024;
    private static final long RAW_FILE_BYTES = SEGMENT_BYTES;

    /** The batch and the directory: the only parameters the raw baselines vary over. */
    @State(Scope.Thread)
    public static class Batch {
        private static final int VALUE_BYTES = 100;
        private static final long TIMESTAMP = 1_700_000_000_000L;

        @Param({"16", "64", "256"})
        public int batchKiB;

        @Param({"target/logbench"})
        public String dir;

        Path root;
        /** The sealed batch, alone in a direct buffer so that the raw channel write can pass its ByteBuffer. */
        UnsafeBuffer bytes;
        int length;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            root = Paths.get(dir).toAbsolutePath();
            Files.createDirectories(root);
            final FileStore store = Files.getFileStore(root);
            System.out.println("# LogAppendBenchmark dir " + root + ": file system " + store.type() + " ("
                + store.name() + "), block size " + store.getBlockSize() + " bytes");
            if ("tmpfs".equals(store.type()) || "ramfs".equals(store.type())) {
                System.out.println("# WARNING: " + root + " is in memory; these are not disk figures");
            }

            final int capacity = batchKiB * 1024;
            final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
            final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_BYTES]);
            final SplittableRandom random = new SplittableRandom(0x10CL);
            final RecordBatchWriter writer = new RecordBatchWriter().wrap(scratch, 0, capacity);
            for (int r = 0; ; r++) {
                for (int i = 0; i < VALUE_BYTES; i++) {
                    value.putByte(i, (byte) random.nextInt());
                }
                if (!writer.append(TIMESTAMP + r, null, 0, -1, value, 0, VALUE_BYTES, null)) {
                    break;
                }
            }
            length = writer.seal();
            bytes = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
            bytes.putBytes(0, scratch, 0, length);
        }
    }

    /** The log under test, fresh for each iteration. */
    @State(Scope.Thread)
    public static class Log {
        @Param({"mmap", "chronicle", "channel"})
        public String backend;

        @Param({"none", "every-batch", "every-1000-records", "every-10ms"})
        public String flush;

        PartitionLog log;
        private Path logDir;

        @Setup(Level.Iteration)
        public void open(final Batch batch) throws IOException {
            logDir = batch.root.resolve("log-" + backend + "-" + flush + "-" + batch.batchKiB);
            Directories.deleteRecursively(logDir);
            log = PartitionLog.open(logDir, LogConfig.of(Map.of(
                LogConfig.BACKEND, backend,
                LogConfig.SEGMENT_BYTES, Integer.toString(SEGMENT_BYTES),
                flushKey(), flushValue())));
        }

        private String flushKey() {
            return "every-10ms".equals(flush) ? LogConfig.FLUSH_MS : LogConfig.FLUSH_MESSAGES;
        }

        private String flushValue() {
            switch (flush) {
                case "none":
                    return Long.toString(Long.MAX_VALUE);
                case "every-batch":
                    return "1";
                case "every-1000-records":
                    return "1000";
                case "every-10ms":
                    return "10";
                default:
                    throw new IllegalArgumentException(
                        "flush must be none, every-batch, every-1000-records or every-10ms, was " + flush);
            }
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            log.closeUnclean();
            Directories.deleteRecursively(logDir);
        }
    }

    /** A preallocated file written through the page cache. */
    @State(Scope.Thread)
    public static class RawChannel {
        FileChannel channel;
        ByteBuffer batch;
        long position;
        private Path file;

        @Setup(Level.Trial)
        public void open(final Batch batch) throws IOException {
            file = batch.root.resolve("raw-channel-" + batch.batchKiB);
            channel = preallocated(file);
            this.batch = batch.bytes.byteBuffer().duplicate();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }
    }

    /** Fresh sparse files of a segment's size, one after another, as the log's segments are; none of the log's work. */
    @State(Scope.Thread)
    public static class RawAppend {
        FileChannel channel;
        ByteBuffer batch;
        long position;
        private Path dir;
        private int files;

        @Setup(Level.Iteration)
        public void open(final Batch batch) throws IOException {
            dir = batch.root.resolve("raw-append-" + batch.batchKiB);
            Directories.deleteRecursively(dir);
            Files.createDirectories(dir);
            this.batch = batch.bytes.byteBuffer().duplicate();
            files = 0;
            next();
        }

        void next() throws IOException {
            if (channel != null) {
                channel.close();
            }
            channel = FileChannel.open(dir.resolve(Integer.toString(files++)), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            // Sparse, as the log preallocates a segment: blocks and page-cache pages come with the first write.
            channel.write(ByteBuffer.allocate(1), SEGMENT_BYTES - 1);
            position = 0;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            channel = null;
            Directories.deleteRecursively(dir);
        }
    }

    /** A preallocated file written with O_DIRECT from a block-aligned buffer. */
    @State(Scope.Thread)
    public static class RawDirect {
        FileChannel channel;
        ByteBuffer aligned;
        long position;
        private Path file;

        @Setup(Level.Trial)
        public void open(final Batch batch) throws IOException {
            file = batch.root.resolve("raw-direct-" + batch.batchKiB);
            preallocated(file).close();
            channel = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            final int block = (int) Files.getFileStore(file).getBlockSize();
            final int blocks = (batch.length + block - 1) / block;
            aligned = ByteBuffer.allocateDirect((blocks + 1) * block).alignedSlice(block);
            aligned.limit(blocks * block);
            new UnsafeBuffer(aligned).putBytes(0, batch.bytes, 0, batch.length);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }
    }

    /** Bytes appended in the iteration; JMH divides the counter by the time, so {@code megabytes} is MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }

        public double megabytes() {
            return bytes / 1e6;
        }
    }

    /** @return the batch's base offset */
    @Benchmark
    public long log(final Batch batch, final Log log, final Written written) {
        written.bytes += batch.length;
        return log.log.appendAsLeader(batch.bytes, 0, batch.length, LEADER_EPOCH);
    }

    /** @return the bytes written */
    @Benchmark
    public int rawChannelWrite(final Batch batch, final RawChannel raw, final Written written) throws IOException {
        final ByteBuffer bytes = raw.batch;
        bytes.clear();
        final int length = bytes.remaining();
        final long position = raw.position + length > RAW_FILE_BYTES ? 0 : raw.position;
        final int done = writeFully(raw.channel, bytes, position);
        raw.position = position + length;
        written.bytes += batch.length;
        return done;
    }

    /** @return the bytes written */
    @Benchmark
    public int rawChannelAppend(final Batch batch, final RawAppend raw, final Written written) throws IOException {
        final ByteBuffer bytes = raw.batch;
        bytes.clear();
        final int length = bytes.remaining();
        if (raw.position + length > SEGMENT_BYTES) {
            raw.next();
        }
        final long position = raw.position;
        final int done = writeFully(raw.channel, bytes, position);
        raw.position = position + length;
        written.bytes += batch.length;
        return done;
    }

    /** @return the bytes written, the batch rounded up to whole blocks */
    @Benchmark
    public int rawDirectWrite(final Batch batch, final RawDirect raw, final Written written) throws IOException {
        final ByteBuffer bytes = raw.aligned;
        bytes.position(0);
        final int length = bytes.remaining();
        final long position = raw.position + length > RAW_FILE_BYTES ? 0 : raw.position;
        final int done = writeFully(raw.channel, bytes, position);
        raw.position = position + length;
        written.bytes += batch.length;
        return done;
    }

    /** Creates {@code file} full of zeros, so its blocks exist before the measurement writes over them. */
    static FileChannel preallocated(final Path file) throws IOException {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < RAW_FILE_BYTES; position += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, position + zeros.position());
            }
        }
        channel.force(true);
        return channel;
    }

    /** Positional writes until the buffer's remaining bytes are all written; returns how many that was. */
    private static int writeFully(final FileChannel channel, final ByteBuffer bytes, final long position)
        throws IOException {
        int done = 0;
        while (bytes.hasRemaining()) {
            done += channel.write(bytes, position + done);
        }
        return done;
    }
}
