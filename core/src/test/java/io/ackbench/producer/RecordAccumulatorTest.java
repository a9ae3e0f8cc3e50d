package io.ackbench.producer;

import io.ackbench.testing.AllocationMeter;
import io.ackbench.testing.Await;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordAccumulatorTest {
    private static final long TIMESTAMP = 1_700_000_000_000L;
    private static final int NULL = -1;

    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
    private final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
    private final ManualClock clock = new ManualClock();

    private static ProducerConfig config(final String... keyValues) {
        final Map<String, String> settings = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return ProducerConfig.of(settings);
    }

    private int appendValue(final RecordAccumulator accumulator, final int partition, final int valueLength) {
        return accumulator.append(partition, TIMESTAMP, null, 0, NULL, value, 0, valueLength, null, clock.nanoTime());
    }

    private static List<ProducerBatch> drainAll(final RecordAccumulator accumulator, final long nowNanos) {
        final List<ProducerBatch> batches = new ArrayList<>();
        while (accumulator.drain(nowNanos, batches::add) > 0) {
            // keep draining until every partition has nothing ready
        }
        return batches;
    }

    private static MemoryRecords kafkaView(final ProducerBatch batch) {
        final ByteBuffer bytes = ByteBuffer.allocate(batch.sizeInBytes());
        batch.buffer().getBytes(0, bytes, batch.sizeInBytes());
        bytes.flip();
        return MemoryRecords.readableRecords(bytes);
    }

    @Test
    void batchIsNotReadyBeforeLingerAndIsAfter() {
        final RecordAccumulator accumulator = new RecordAccumulator(config("linger.ms", "5"), 1, BatchSequencer.NONE, clock);
        final int result = appendValue(accumulator, 0, 100);
        assertThat(AppendResult.openedNewBatch(result)).isTrue();
        assertThat(AppendResult.openedNewBatch(appendValue(accumulator, 0, 100))).isFalse();

        assertThat(drainAll(accumulator, clock.nanoTime() + 4_999_999)).isEmpty();
        final List<ProducerBatch> ready = drainAll(accumulator, clock.nanoTime() + 5_000_000);
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).recordCount()).isEqualTo(2);
    }

    @Test
    void fullBatchIsReadyAtOnceAndNextRecordOpensANewBatch() {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "1000", "batch.size", "1024"), 1, BatchSequencer.NONE, clock);
        int records = 0;
        int newBatches = 0;
        while (newBatches < 2) {
            if (AppendResult.openedNewBatch(appendValue(accumulator, 0, 100))) {
                newBatches++;
            }
            records++;
        }
        final List<ProducerBatch> ready = drainAll(accumulator, clock.nanoTime());
        assertThat(ready).hasSize(1);
        final ProducerBatch first = ready.get(0);
        assertThat(first.recordCount()).isEqualTo(records - 1);
        assertThat(first.sizeInBytes()).isLessThanOrEqualTo(1024);
        final RecordBatch parsed = kafkaView(first).batches().iterator().next();
        parsed.ensureValid();
        assertThat(parsed.countOrNull()).isEqualTo(records - 1);
        assertThat(parsed.producerId()).isEqualTo(-1L);
    }

    @Test
    void batchExpiresExactlyAtDeliveryTimeoutEvenWhileOpenAndTheNextRecordOpensANewBatch() {
        // linger.ms far beyond the deadline: the batch is still open, undrained, when it expires.
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "10000", "request.timeout.ms", "1000", "delivery.timeout.ms", "20000"),
            2, BatchSequencer.NONE, clock);
        final long createdAt = clock.nanoTime();
        appendValue(accumulator, 0, 100);
        appendValue(accumulator, 0, 100);
        clock.advance(1_000_000);
        appendValue(accumulator, 1, 100);
        final List<ProducerBatch> expired = new ArrayList<>();
        final ExpiredBatchHandler handler = batch -> {
            expired.add(batch);
            accumulator.release(batch);
        };

        assertThat(accumulator.expire(createdAt + 20_000_000_000L - 1, handler)).isZero();
        assertThat(accumulator.expire(createdAt + 20_000_000_000L, handler)).isOne();
        assertThat(expired).singleElement().satisfies(batch -> {
            assertThat(batch.partition()).isZero();
            assertThat(batch.recordCount()).isEqualTo(2);
            assertThat(batch.baseSequence()).as("an expired batch takes no sequence").isEqualTo(-1);
        });
        clock.advance(1_000_000);
        assertThat(AppendResult.openedNewBatch(appendValue(accumulator, 0, 100))).isTrue();
        assertThat(accumulator.expire(createdAt + 20_001_000_000L, handler)).as("partition 1's batch").isOne();
        assertThat(drainAll(accumulator, clock.nanoTime() + 10_000_000_000L)).as("only the new batch is left")
            .singleElement().satisfies(batch -> assertThat(batch.partition()).isZero());
    }

    @Test
    void appendResultCarriesTheRecordSize() {
        final RecordAccumulator accumulator = new RecordAccumulator(config(), 1, BatchSequencer.NONE, clock);
        // body: attributes 1 + timestamp delta 1 + offset delta 1 + key length 1 + value length 2 (zig-zag 200
        // needs two varint bytes) + 100 value bytes + header count 1 = 107; its length varint (214) takes 2 more
        assertThat(AppendResult.bytes(appendValue(accumulator, 0, 100))).isEqualTo(109);
    }

    @Test
    void recordLargerThanBatchSizeGetsABatchOfItsOwn() {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("batch.size", "128", "buffer.memory", "4096"), 1, BatchSequencer.NONE, clock);
        final UnsafeBuffer big = new UnsafeBuffer(new byte[1000]);
        appendValue(accumulator, 0, 10);
        final int result = accumulator.append(0, TIMESTAMP, null, 0, NULL, big, 0, 1000, null, 0);
        assertThat(AppendResult.openedNewBatch(result)).isTrue();
        final List<ProducerBatch> ready = drainAll(accumulator, clock.nanoTime() + 5_000_000);
        assertThat(ready).hasSize(2);
        assertThat(ready.get(1).recordCount()).isEqualTo(1);
        assertThat(ready.get(1).capacity()).isGreaterThanOrEqualTo(1000);
        assertThat(kafkaView(ready.get(1)).records().iterator().next().valueSize()).isEqualTo(1000);
        ready.forEach(accumulator::release);
        assertThat(accumulator.availableMemory()).isEqualTo(4096);
    }

    @Test
    void drainHandsOverBatchesInOrderPerPartitionWithSequencesAndAppendTimes() {
        final BatchSequencer sequencer = new BatchSequencer() {
            private final int[] next = new int[2];

            @Override
            public long producerId() {
                return 1000;
            }

            @Override
            public short producerEpoch() {
                return 3;
            }

            @Override
            public int nextBaseSequence(final int partition, final int recordCount) {
                final int base = next[partition];
                next[partition] += recordCount;
                return base;
            }
        };
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "0", "batch.size", "512"), 2, sequencer, clock);
        for (int i = 0; i < 40; i++) {
            clock.advance(1000);
            accumulator.append(i % 2, TIMESTAMP + i, null, 0, NULL, value, 0, 50, null, clock.nanoTime());
        }
        final List<ProducerBatch> ready = drainAll(accumulator, clock.nanoTime());
        int expectedSequence0 = 0;
        long previousIndex0 = -1;
        int records = 0;
        for (final ProducerBatch batch : ready) {
            final RecordBatch parsed = kafkaView(batch).batches().iterator().next();
            parsed.ensureValid();
            assertThat(parsed.producerId()).isEqualTo(1000);
            assertThat(parsed.producerEpoch()).isEqualTo((short) 3);
            if (batch.partition() == 0) {
                assertThat(parsed.baseSequence()).isEqualTo(expectedSequence0);
                assertThat(batch.index()).isEqualTo(previousIndex0 + 1);
                expectedSequence0 += batch.recordCount();
                previousIndex0 = batch.index();
            }
            for (int i = 0; i < batch.recordCount(); i++) {
                // every record of partition p was appended at clock 1000 * (i + 1) for the i-th overall append
                assertThat(batch.appendNanos(i) % 1000).isZero();
            }
            int offset = 0;
            for (final Record record : parsed) {
                assertThat(record.offset()).isEqualTo(offset++);
                assertThat(record.timestamp()).isBetween(TIMESTAMP, TIMESTAMP + 39);
            }
            records += batch.recordCount();
        }
        assertThat(records).isEqualTo(40);
        assertThat(expectedSequence0).isEqualTo(20);
    }

    @Test
    void poolExhaustionBlocksForMaxBlockMsThenFailsNamingTheSetting() {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("batch.size", "1024", "buffer.memory", "2048", "max.block.ms", "200"), 3,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        appendValue(accumulator, 0, 10);
        appendValue(accumulator, 1, 10);
        final long start = System.nanoTime();
        assertThatThrownBy(() -> appendValue(accumulator, 2, 10))
            .isInstanceOf(BufferExhaustedException.class)
            .hasMessageContaining("max.block.ms=200")
            .hasMessageContaining("buffer.memory=2048");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
        // the failed append left the partition usable: once memory comes back, it opens a batch
        drainAll(accumulator, System.nanoTime() + 1_000_000_000L).forEach(accumulator::release);
        assertThat(AppendResult.openedNewBatch(appendValue(accumulator, 2, 10))).isTrue();
    }

    @Test
    void recordLargerThanBufferMemoryFailsAtOnceInsteadOfWaiting() {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("batch.size", "1024", "buffer.memory", "4096", "max.block.ms", "60000"), 1,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        final UnsafeBuffer big = new UnsafeBuffer(new byte[5000]);
        assertThatThrownBy(() -> accumulator.append(0, TIMESTAMP, null, 0, NULL, big, 0, 5000, null, 0))
            .isInstanceOf(RecordTooLargeException.class)
            .hasMessageContaining("buffer.memory=4096");
        assertThat(AppendResult.openedNewBatch(appendValue(accumulator, 0, 10))).isTrue();
    }

    @Test
    void blockedAppendProceedsWhenABatchIsReleased() throws Exception {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("batch.size", "1024", "buffer.memory", "1024", "max.block.ms", "10000", "linger.ms", "0"), 2,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        appendValue(accumulator, 0, 10);
        final AtomicReference<Integer> result = new AtomicReference<>();
        final Thread blocked = new Thread(() -> result.set(appendValue(accumulator, 1, 10)));
        blocked.start();
        // Nothing releases memory until the thread is seen parked in the pool, waiting for buffer.memory.
        Await.until("the append to partition 1 is parked in BatchPool.acquire, waiting for buffer.memory", () -> {
            assertThat(result.get()).as("result of an append that should have blocked").isNull();
            return isParkedIn(blocked, BatchPool.class, "acquire");
        }, () -> blocked.getState() + " at " + java.util.Arrays.toString(blocked.getStackTrace()));
        assertThat(result.get()).isNull();
        drainAll(accumulator, System.nanoTime()).forEach(accumulator::release);
        blocked.join(5000);
        assertThat(result.get()).isNotNull();
        assertThat(AppendResult.openedNewBatch(result.get())).isTrue();
    }

    /** Whether {@code thread} is parked (waiting, with or without a timeout) inside {@code type.method}. */
    private static boolean isParkedIn(final Thread thread, final Class<?> type, final String method) {
        final Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (final StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(type.getName()) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void appendAfterCloseIsRefused() {
        final RecordAccumulator accumulator = new RecordAccumulator(config(), 1, BatchSequencer.NONE, clock);
        accumulator.close();
        assertThatThrownBy(() -> appendValue(accumulator, 0, 10))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new RecordAccumulator(config(), 1, BatchSequencer.NONE, clock)
            .append(1, TIMESTAMP, null, 0, NULL, value, 0, 1, null, 0))
            .hasMessageContaining("partition 1 is outside [0, 1)");
    }

    @Test
    void oneThreadAppendingAndDrainingAMillionRecordsAllocatesNothing() {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "0", "buffer.memory", String.valueOf(64 * 16384)), 4,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        final ReadyBatchHandler release = accumulator::release;
        sendAndDrain(accumulator, release, 200_000);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        sendAndDrain(accumulator, release, 1_000_000);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1,000,000 appends and their drains").isLessThan(1024);
    }

    private void sendAndDrain(final RecordAccumulator accumulator, final ReadyBatchHandler handler, final int records) {
        for (int i = 0; i < records; i++) {
            key.putLong(0, i);
            accumulator.append(i & 3, System.currentTimeMillis(), key, 0, 8, value, 0, 100, null, System.nanoTime());
            if ((i & 127) == 0) {
                accumulator.drain(System.nanoTime(), handler);
            }
        }
    }

    @Test
    @Timeout(60)
    void oneAppenderAllocatesNothingWhileAnotherThreadDrains() throws Exception {
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "1", "buffer.memory", String.valueOf(32 * 16384)), 4,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        // Warm the pool: fill all of buffer.memory once, so no batch object is created while measuring.
        for (int i = 0; accumulator.availableMemory() > 0; i++) {
            accumulator.append(i & 3, TIMESTAMP, null, 0, NULL, value, 0, 100, null, 0);
        }
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread drainer = new Thread(() -> {
            final ReadyBatchHandler release = accumulator::release;
            while (!stop.get()) {
                if (accumulator.drain(System.nanoTime(), release) == 0) {
                    Thread.onSpinWait();
                }
            }
        });
        drainer.start();
        try {
            for (int i = 0; i < 200_000; i++) {
                accumulator.append(i & 3, TIMESTAMP, null, 0, NULL, value, 0, 100, null, System.nanoTime());
            }
            final long before = AllocationMeter.currentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++) {
                key.putLong(0, i);
                accumulator.append(i & 3, System.currentTimeMillis(), key, 0, 8, value, 0, 100, null, System.nanoTime());
            }
            final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated by the appending thread for 1,000,000 records").isLessThan(1024);
            accumulator.close();
        } finally {
            stop.set(true);
            drainer.join();
        }
    }

    @Test
    @Timeout(120)
    void fourThreadsAppendConcurrentlyAndEveryRecordIsDrainedOnceInPerThreadOrder() throws Exception {
        final int threads = 4;
        final int perThread = 1_000_000;
        final int partitions = 6;
        final RecordAccumulator accumulator = new RecordAccumulator(
            config("linger.ms", "1", "buffer.memory", String.valueOf(256 * 16384)), partitions,
            BatchSequencer.NONE, SystemNanoClock.INSTANCE);
        final BitSet[] seen = new BitSet[threads];
        final int[][] lastSeqPerPartition = new int[threads][partitions];
        for (int t = 0; t < threads; t++) {
            seen[t] = new BitSet(perThread);
            java.util.Arrays.fill(lastSeqPerPartition[t], -1);
        }
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean appendersDone = new AtomicBoolean();
        final ReadyBatchHandler verifier = batch -> {
            try {
                verifyBatch(batch, seen, lastSeqPerPartition);
            } catch (final Throwable e) {
                failure.compareAndSet(null, e);
            }
            accumulator.release(batch);
        };
        final Thread drainer = new Thread(() -> {
            while (!appendersDone.get()) {
                if (accumulator.drain(System.nanoTime(), verifier) == 0) {
                    Thread.onSpinWait();
                }
            }
            while (accumulator.drain(System.nanoTime(), verifier) > 0) {
                Thread.onSpinWait();
            }
        });
        drainer.start();

        final Thread[] appenders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            appenders[t] = new Thread(() -> {
                final UnsafeBuffer ownKey = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
                final UnsafeBuffer ownValue = new UnsafeBuffer(new byte[24]);
                for (int seq = 0; seq < perThread; seq++) {
                    ownKey.putInt(0, thread, ByteOrder.BIG_ENDIAN);
                    ownKey.putInt(4, seq, ByteOrder.BIG_ENDIAN);
                    ownValue.putInt(0, seq, ByteOrder.BIG_ENDIAN);
                    final int partition = Math.floorMod(murmurLike(thread, seq), partitions);
                    accumulator.append(partition, TIMESTAMP + seq, ownKey, 0, 8, ownValue, 0, 4 + (seq % 20),
                        null, System.nanoTime());
                }
            });
            appenders[t].start();
        }
        for (final Thread appender : appenders) {
            appender.join();
        }
        accumulator.close();
        appendersDone.set(true);
        drainer.join();

        assertThat(failure.get()).as("first failure seen while verifying drained batches").isNull();
        for (int t = 0; t < threads; t++) {
            assertThat(seen[t].cardinality()).as("records of thread %d drained", t).isEqualTo(perThread);
        }
        assertThat(accumulator.availableMemory()).isEqualTo(accumulator.totalMemory());
    }

    private static int murmurLike(final int thread, final int seq) {
        int h = thread * 0x9E3779B9 + seq * 0x85EBCA6B;
        h ^= h >>> 15;
        return h * 0x2C1B3C6D;
    }

    private static void verifyBatch(final ProducerBatch batch, final BitSet[] seen, final int[][] lastSeq) {
        final ByteBuffer bytes = ByteBuffer.allocate(batch.sizeInBytes());
        batch.buffer().getBytes(0, bytes, batch.sizeInBytes());
        bytes.flip();
        final MemoryRecords records = MemoryRecords.readableRecords(bytes);
        int batches = 0;
        for (final RecordBatch parsed : records.batches()) {
            parsed.ensureValid();
            batches++;
            int expectedOffset = 0;
            for (final Record record : parsed) {
                assertThat(record.offset()).isEqualTo(expectedOffset++);
                final ByteBuffer k = record.key();
                final int thread = k.getInt(0);
                final int seq = k.getInt(4);
                assertThat(record.valueSize()).isEqualTo(4 + (seq % 20));
                assertThat(record.value().getInt(0)).isEqualTo(seq);
                assertThat(record.timestamp()).isEqualTo(TIMESTAMP + seq);
                assertThat(seen[thread].get(seq)).as("record %d of thread %d seen twice", seq, thread).isFalse();
                seen[thread].set(seq);
                assertThat(seq).as("order of thread %d in partition %d", thread, batch.partition())
                    .isGreaterThan(lastSeq[thread][batch.partition()]);
                lastSeq[thread][batch.partition()] = seq;
            }
            assertThat(expectedOffset).isEqualTo(batch.recordCount());
        }
        assertThat(batches).isEqualTo(1);
    }

    /** A clock the test moves by hand. */
    static final class ManualClock implements org.agrona.concurrent.NanoClock {
        private long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advance(final long nanos) {
            now += nanos;
        }
    }
}
