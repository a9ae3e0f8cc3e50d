package io.ackbench.jmh;

import io.ackbench.producer.Producer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.producer.ReadyBatchHandler;
import io.ackbench.producer.RecordAccumulator;
import io.ackbench.record.RecordBatchLayout;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code Producer.send} costs on its own: the size checks, the partitioner (Kafka's sticky one for keyless
 * records, murmur2 over an 8-byte key for keyed ones) and the append into the accumulator's off-heap batch, with
 * batches taken away as soon as they are ready by a drain thread standing in for a sender whose broker answers at
 * once. No broker, no network and no log: of the producer-path benchmarks this is the one whose score moves only when
 * the send path does, so the nightly gate catches a small slowdown there that the end-to-end benchmarks' noise on
 * 2 cores would hide (results/nightly-gate). {@link ProduceBenchmark} measures the same call with brokers behind it.
 *
 * <p>100-byte values over 6 partitions, batch.size 16384, linger.ms 5, as Kafka's defaults and the produce
 * benchmarks have them. The sending thread drains the accumulator itself every {@value #DRAIN_EVERY} sends, fewer than
 * a 16 KiB batch holds, so a partition never runs out of batch slots: one thread and nothing to schedule, so that on
 * a 2-core machine shared with other work the score moves as little as the send path allows (a drain thread, as
 * {@link AccumulatorBenchmark} has, would compete with the sending thread for the cores). Its A/A ratios in the
 * gate's error-rate runs were 0.98 to 1.02. A drain pass every 32 sends costs a few nanoseconds a send.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProducerSendBenchmark {
    private static final int PARTITIONS = 6;
    private static final int VALUE_BYTES = 100;
    private static final int KEY_BYTES = Long.BYTES;
    private static final long LINGER_MS = 5;
    /** Sends between drains: a power of two below the ~140 records a 16 KiB batch of 100-byte records holds. */
    private static final int DRAIN_EVERY = 32;

    /** Keyless records (the sticky partitioner) or 8-byte keys (murmur2). */
    @Param({"false", "true"})
    public boolean keyed;

    private final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_BYTES));
    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(VALUE_BYTES));
    private Producer producer;
    private RecordAccumulator accumulator;
    private ReadyBatchHandler release;
    /** Benchmark thread only. */
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        producer = new Producer(Map.of(ProducerConfig.BATCH_SIZE, "16384",
            ProducerConfig.LINGER_MS, Long.toString(LINGER_MS)), PARTITIONS);
        final byte[] bytes = new byte[VALUE_BYTES];
        new SplittableRandom(42).nextBytes(bytes);
        value.putBytes(0, bytes);
        accumulator = producer.accumulator();
        release = accumulator::release;
    }

    @Benchmark
    public int send() {
        final long n = sequence++;
        final int partition;
        if (keyed) {
            key.putLong(0, n, ByteOrder.BIG_ENDIAN);
            partition = producer.send(key, 0, KEY_BYTES, value, 0, VALUE_BYTES, null, RecordBatchLayout.NO_TIMESTAMP);
        } else {
            partition = producer.send(null, 0, -1, value, 0, VALUE_BYTES, null, RecordBatchLayout.NO_TIMESTAMP);
        }
        if ((n & (DRAIN_EVERY - 1)) == DRAIN_EVERY - 1) {
            accumulator.drain(System.nanoTime(), release);
        }
        return partition;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        // close() waits until every batch has completed, and only a drain on this thread completes one: first drain
        // what the last sends left, as of a time when linger.ms has passed for all of it.
        final long pastLinger = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS) + 1;
        while (accumulator.drain(pastLinger, release) > 0) {
            // Each pass hands back at most one batch a partition.
        }
        producer.close();
    }
}
