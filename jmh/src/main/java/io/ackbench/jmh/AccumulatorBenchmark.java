package io.ackbench.jmh;

import io.ackbench.jmh.peer.KafkaAccumulatorPeer;
import io.ackbench.producer.BatchSequencer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.producer.ReadyBatchHandler;
import io.ackbench.producer.RecordAccumulator;
import org.agrona.concurrent.SystemNanoClock;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Append throughput of the accumulator, ours against kafka-clients' own {@code RecordAccumulator}, with a drain
 * thread handing batches back to the pool as a sender would after an instant broker. 100-byte values, 8-byte
 * keys, records spread round-robin over the partitions by each thread.
 *
 * <p>Both drain threads spin 16 times and then park 50 µs when nothing is ready, because the machines have 2
 * cores: at 2 appending threads the drain thread shares them. Kafka's peer is also woken by appenders when a
 * batch fills, as KafkaProducer wakes its Sender; ours is not and relies on the pool's depth instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AccumulatorBenchmark {
    private static final int VALUE_BYTES = 100;
    private static final int KEY_BYTES = 8;
    private static final long LINGER_MS = 5;
    private static final int IDLE_SPINS = 16;
    private static final long IDLE_PARK_NANOS = 50_000;

    @Param({"ackbench", "kafka"})
    public String impl;

    @Param({"16384", "65536"})
    public int batchSize;

    @Param({"1", "6"})
    public int partitions;

    private RecordAccumulator accumulator;
    private Thread drainer;
    /**
     * Set by the trial's setup before the drain thread starts, cleared by its teardown; volatile, since the drain
     * thread reads it every pass.
     */
    private volatile boolean draining;
    private KafkaAccumulatorPeer kafka;

    @Setup(Level.Trial)
    public void setUp() {
        if ("ackbench".equals(impl)) {
            accumulator = new RecordAccumulator(ProducerConfig.of(Map.of(
                ProducerConfig.BATCH_SIZE, Integer.toString(batchSize),
                ProducerConfig.LINGER_MS, Long.toString(LINGER_MS))), partitions, BatchSequencer.NONE,
                SystemNanoClock.INSTANCE);
            draining = true;
            drainer = new Thread(this::drainLoop, "ackbench-drainer");
            drainer.setDaemon(true);
            drainer.start();
        } else if ("kafka".equals(impl)) {
            kafka = new KafkaAccumulatorPeer(batchSize, (int) LINGER_MS, 32L * 1024 * 1024, partitions);
            kafka.start();
        } else {
            throw new IllegalArgumentException("impl must be ackbench or kafka, was " + impl);
        }
    }

    private void drainLoop() {
        final RecordAccumulator source = accumulator;
        final ReadyBatchHandler release = source::release;
        int idle = 0;
        while (draining) {
            if (source.drain(System.nanoTime(), release) > 0) {
                idle = 0;
            } else if (idle++ < IDLE_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (accumulator != null) {
            accumulator.close();
            draining = false;
            drainer.join();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Each benchmark thread's own record and partition cursor. */
    @State(Scope.Thread)
    public static class Writer {
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_BYTES));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(VALUE_BYTES));
        final byte[] keyBytes = new byte[KEY_BYTES];
        final byte[] valueBytes = new byte[VALUE_BYTES];
        int partition;
        long sequence;

        @Setup(Level.Trial)
        public void setUp() {
            final SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < VALUE_BYTES; i++) {
                valueBytes[i] = (byte) random.nextInt();
            }
            value.putBytes(0, valueBytes);
        }

        int nextPartition(final int partitions) {
            final int current = partition;
            partition = current + 1 == partitions ? 0 : current + 1;
            return current;
        }
    }

    @Benchmark
    @Threads(1)
    public void append1Thread(final Writer writer, final Blackhole blackhole) {
        append(writer, blackhole);
    }

    @Benchmark
    @Threads(2)
    public void append2Threads(final Writer writer, final Blackhole blackhole) {
        append(writer, blackhole);
    }

    private void append(final Writer writer, final Blackhole blackhole) {
        final int partition = writer.nextPartition(partitions);
        final long sequence = writer.sequence++;
        final long now = System.currentTimeMillis();
        if (accumulator != null) {
            writer.key.putLong(0, sequence);
            blackhole.consume(accumulator.append(partition, now, writer.key, 0, KEY_BYTES, writer.value, 0,
                VALUE_BYTES, null, System.nanoTime()));
        } else {
            longToBytes(sequence, writer.keyBytes);
            blackhole.consume(kafka.append(partition, writer.keyBytes, writer.valueBytes, now));
        }
    }

    private static void longToBytes(final long value, final byte[] into) {
        for (int i = 0; i < KEY_BYTES; i++) {
            into[i] = (byte) (value >>> (8 * i));
        }
    }
}
