package io.ackbench.jmh;

import io.ackbench.partition.KeyHashPartitioner;
import io.ackbench.partition.Murmur2;
import io.ackbench.partition.PartitionStrategy;
import io.ackbench.partition.Partitioner;
import io.ackbench.partition.Partitioners;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.utils.Utils;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What choosing a partition costs per record.
 *
 * <ul>
 *   <li>{@code keyless}: the strategies that ignore the key (round-robin, sticky, uniform sticky), at one key size
 *       ({@code keySize=64}) since they never read it. The sticky ones get no append feedback here, so they measure
 *       the read of the current partition alone.</li>
 *   <li>{@code keyHash}: the key-hash strategies of ackbench (murmur2, murmur3, xxHash, CRC32C) over off-heap keys of
 *       16, 64 and 256 bytes.</li>
 *   <li>{@code murmur2}: Kafka's keyed partitioning, ours over off-heap keys ({@code impl=ackbench}) beside
 *       kafka-clients' {@code Utils.toPositive(Utils.murmur2(key)) % numPartitions} over the same keys as
 *       {@code byte[]} ({@code impl=kafka}).</li>
 * </ul>
 *
 * Keys come from a pool of {@value #KEY_POOL_SIZE} seeded random keys, cycled so that no single key is predicted.
 * The forked JVM gets {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, without which Agrona 2.x cannot
 * reach {@code Unsafe} on JDK 17.
 *
 * <p>The 21 configurations take 7 s each (2 warm-up and 5 measured iterations of 1 s), so the class runs in under
 * 3 minutes on 2 cores including fork start-up; {@code -wi/-i} give more iterations when a difference is small.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class PartitionerBenchmark {
    /** Keys in the pool; a power of two so the cursor wraps with a mask. */
    static final int KEY_POOL_SIZE = 1024;
    private static final int KEY_POOL_MASK = KEY_POOL_SIZE - 1;
    private static final long KEY_SEED = 0x5eed_0f_4b5L;

    /** Off-heap keys laid out back to back, key i at offset {@code i * keySize}. */
    static UnsafeBuffer offHeapKeys(final int keySize) {
        final UnsafeBuffer keys = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_POOL_SIZE * keySize));
        final byte[][] heap = heapKeys(keySize);
        for (int i = 0; i < KEY_POOL_SIZE; i++) {
            keys.putBytes(i * keySize, heap[i]);
        }
        return keys;
    }

    /** The same keys as {@link #offHeapKeys}, one {@code byte[]} each. */
    static byte[][] heapKeys(final int keySize) {
        final SplittableRandom random = new SplittableRandom(KEY_SEED);
        final byte[][] keys = new byte[KEY_POOL_SIZE][keySize];
        for (final byte[] key : keys) {
            for (int j = 0; j < keySize; j++) {
                key[j] = (byte)random.nextInt();
            }
        }
        return keys;
    }

    /** A built-in strategy of ackbench that ignores the key; the key is passed all the same, as a producer would. */
    @State(Scope.Thread)
    public static class KeylessState {
        @Param({"round-robin", "sticky", "uniform-sticky"})
        String strategy;

        @Param({"64"})
        int keySize;

        @Param({"12"})
        int numPartitions;

        Partitioner partitioner;
        UnsafeBuffer keys;
        int cursor;

        @Setup
        public void setUp() {
            final PartitionStrategy known = PartitionStrategy.forAlias(strategy);
            if (known == null || known.usesKeys()) {
                throw new IllegalArgumentException("keyless takes a strategy that ignores keys, got " + strategy);
            }
            partitioner = Partitioners.create(strategy, Map.of());
            keys = offHeapKeys(keySize);
        }

        @TearDown
        public void tearDown() {
            partitioner.close();
        }
    }

    /** A key-hash strategy of ackbench; {@code impl} has no peer here. */
    @State(Scope.Thread)
    public static class KeyHashState {
        @Param({"murmur2", "murmur3", "xxhash", "crc32c"})
        String strategy;

        @Param({"16", "64", "256"})
        int keySize;

        @Param({"12"})
        int numPartitions;

        Partitioner partitioner;
        UnsafeBuffer keys;
        int cursor;

        @Setup
        public void setUp() {
            final PartitionStrategy known = PartitionStrategy.forAlias(strategy);
            if (known == null || !known.usesKeys()) {
                throw new IllegalArgumentException("keyHash takes a strategy that hashes keys, got " + strategy);
            }
            partitioner = Partitioners.create(strategy, Map.of());
            keys = offHeapKeys(keySize);
        }

        @TearDown
        public void tearDown() {
            partitioner.close();
        }
    }

    /** Kafka's murmur2 partitioning, ours against kafka-clients'. */
    @State(Scope.Thread)
    public static class Murmur2State {
        @Param({"ackbench", "kafka"})
        String impl;

        @Param({"16", "64", "256"})
        int keySize;

        @Param({"12"})
        int numPartitions;

        boolean kafka;
        Partitioner partitioner;
        UnsafeBuffer offHeapKeys;
        byte[][] heapKeys;
        int cursor;

        @Setup
        public void setUp() {
            kafka = switch (impl) {
                case "ackbench" -> false;
                case "kafka" -> true;
                default -> throw new IllegalArgumentException("impl must be ackbench or kafka, got " + impl);
            };
            partitioner = new KeyHashPartitioner(Murmur2.INSTANCE);
            offHeapKeys = offHeapKeys(keySize);
            heapKeys = heapKeys(keySize);
        }
    }

    @Benchmark
    public int keyless(final KeylessState s) {
        final int key = s.cursor++ & KEY_POOL_MASK;
        return s.partitioner.partition(s.keys, key * s.keySize, s.keySize, s.numPartitions);
    }

    @Benchmark
    public int keyHash(final KeyHashState s) {
        final int key = s.cursor++ & KEY_POOL_MASK;
        return s.partitioner.partition(s.keys, key * s.keySize, s.keySize, s.numPartitions);
    }

    @Benchmark
    public int murmur2(final Murmur2State s) {
        final int key = s.cursor++ & KEY_POOL_MASK;
        if (s.kafka) {
            return Utils.toPositive(Utils.murmur2(s.heapKeys[key])) % s.numPartitions;
        }
        return s.partitioner.partition(s.offHeapKeys, key * s.keySize, s.keySize, s.numPartitions);
    }
}
