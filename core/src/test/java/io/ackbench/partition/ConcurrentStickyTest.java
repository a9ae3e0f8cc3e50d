package io.ackbench.partition;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two threads choosing partitions and reporting appends at once: every answer stays in range and the partitioner
 * keeps switching.
 */
class ConcurrentStickyTest {
    private static final int PARTITIONS = 12;
    private static final int RECORDS_PER_THREAD = 500_000;

    @ParameterizedTest
    @EnumSource(value = PartitionStrategy.class, names = {"STICKY", "UNIFORM_STICKY"})
    void staysInRangeAndKeepsSwitchingUnderConcurrentUse(final PartitionStrategy strategy) throws InterruptedException {
        final Partitioner partitioner = strategy.create(99L, PartitionStrategy.UNIFORM_STICKY);
        partitioner.configure(Map.of("batch.size", "16384"));
        final AtomicIntegerArray counts = new AtomicIntegerArray(PARTITIONS);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);

        final Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                        final int partition = partitioner.partition(null, 0, -1, PARTITIONS);
                        counts.incrementAndGet(partition); // throws if out of range
                        // a new batch every 164th record, as 100-byte records fill 16 KiB batches
                        partitioner.onAppend(partition, 100, i % 164 == 0);
                    }
                } catch (final Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads) {
            thread.join();
        }

        assertThat(failure.get()).isNull();
        int total = 0;
        int used = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            total += counts.get(p);
            used += counts.get(p) > 0 ? 1 : 0;
        }
        assertThat(total).isEqualTo(2 * RECORDS_PER_THREAD);
        assertThat(used).isEqualTo(PARTITIONS); // thousands of switches reach every partition
    }
}
