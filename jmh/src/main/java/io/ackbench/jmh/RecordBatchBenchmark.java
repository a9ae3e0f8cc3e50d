package io.ackbench.jmh;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.ackbench.record.RecordBatchWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds and seals one uncompressed RecordBatch v2 of {@code recordsPerBatch} records with
 * 8-16 byte keys and 100 byte values: ackbench's {@link RecordBatchWriter} into a reused
 * off-heap buffer against kafka-clients' {@link MemoryRecordsBuilder} into a reused heap
 * {@link ByteBuffer} (what Kafka's producer buffer pool hands out). One op is one whole batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Agrona 2.x reaches jdk.internal.misc.Unsafe, which java.base does not export by default.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecordBatchBenchmark {
    private static final int VALUE_SIZE = 100;
    private static final int MIN_KEY_SIZE = 8;
    private static final int MAX_KEY_SIZE = 16;
    /** Room for 1000 records with the largest key, record overhead included. */
    private static final int BATCH_CAPACITY = 256 * 1024;

    @Param({"10", "100", "1000"})
    public int recordsPerBatch;

    @Param({"ackbench", "kafka"})
    public String impl;

    private boolean ackbench;
    private long baseTimestamp;

    // Kafka takes a byte[] per key and value; ackbench gets views of the same bytes laid end to end.
    private byte[][] keys;
    private byte[][] values;
    private UnsafeBuffer keyBytes;
    private int[] keyOffsets;
    private int[] keyLengths;
    private UnsafeBuffer valueBytes;

    private final RecordBatchWriter writer = new RecordBatchWriter();
    private UnsafeBuffer batchBuffer;
    private ByteBuffer kafkaBuffer;

    @Setup
    public void setUp() {
        if (!"ackbench".equals(impl) && !"kafka".equals(impl)) {
            throw new IllegalArgumentException("impl must be ackbench or kafka, was " + impl);
        }
        ackbench = "ackbench".equals(impl);
        final Random random = new Random(0x5EEDL);
        baseTimestamp = 1_700_000_000_000L + random.nextInt(1_000_000);
        keys = new byte[recordsPerBatch][];
        values = new byte[recordsPerBatch][];
        keyOffsets = new int[recordsPerBatch];
        keyLengths = new int[recordsPerBatch];
        keyBytes = new UnsafeBuffer(new byte[recordsPerBatch * MAX_KEY_SIZE]);
        valueBytes = new UnsafeBuffer(new byte[recordsPerBatch * VALUE_SIZE]);
        int keyEnd = 0;
        for (int i = 0; i < recordsPerBatch; i++) {
            keys[i] = new byte[MIN_KEY_SIZE + random.nextInt(MAX_KEY_SIZE - MIN_KEY_SIZE + 1)];
            random.nextBytes(keys[i]);
            values[i] = new byte[VALUE_SIZE];
            random.nextBytes(values[i]);
            keyOffsets[i] = keyEnd;
            keyLengths[i] = keys[i].length;
            keyBytes.putBytes(keyEnd, keys[i]);
            keyEnd += keys[i].length;
            valueBytes.putBytes(i * VALUE_SIZE, values[i]);
        }
        batchBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(BATCH_CAPACITY));
        kafkaBuffer = ByteBuffer.allocate(BATCH_CAPACITY);
    }

    /** @return the sealed batch's size in bytes */
    @Benchmark
    public int buildAndSeal() {
        return ackbench ? ackbench() : kafka();
    }

    // Both paths copy @State fields into locals first, so neither reloads them after every call.
    private int ackbench() {
        final RecordBatchWriter writer = this.writer.wrap(batchBuffer, 0, BATCH_CAPACITY);
        final UnsafeBuffer keyBytes = this.keyBytes;
        final int[] keyOffsets = this.keyOffsets;
        final int[] keyLengths = this.keyLengths;
        final UnsafeBuffer valueBytes = this.valueBytes;
        final long timestamp = baseTimestamp;
        final int records = recordsPerBatch;
        for (int i = 0; i < records; i++) {
            if (!writer.append(timestamp + i, keyBytes, keyOffsets[i], keyLengths[i],
                valueBytes, i * VALUE_SIZE, VALUE_SIZE, null)) {
                throw new IllegalStateException("batch buffer too small");
            }
        }
        return writer.seal();
    }

    private int kafka() {
        final ByteBuffer buffer = kafkaBuffer;
        buffer.clear();
        final MemoryRecordsBuilder builder = MemoryRecords.builder(
            buffer, RecordBatch.MAGIC_VALUE_V2, Compression.NONE, TimestampType.CREATE_TIME, 0L);
        final byte[][] keys = this.keys;
        final byte[][] values = this.values;
        final long timestamp = baseTimestamp;
        final int records = recordsPerBatch;
        for (int i = 0; i < records; i++) {
            builder.append(timestamp + i, keys[i], values[i]);
        }
        return builder.build().sizeInBytes();
    }
}
