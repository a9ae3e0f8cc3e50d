package io.ackbench.partition;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinPartitionerTest {
    @Test
    void cyclesThroughEveryPartitionInOrderFromTheStartValue() {
        final RoundRobinPartitioner partitioner = new RoundRobinPartitioner(7);

        final int[] partitions = new int[8];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = partitioner.partition(null, 0, -1, 6);
        }

        assertThat(partitions).containsExactly(1, 2, 3, 4, 5, 0, 1, 2);
    }

    @Test
    void ignoresKeys() {
        final RoundRobinPartitioner partitioner = new RoundRobinPartitioner(0);
        final UnsafeBuffer key = KeyBuffers.unalignedOffHeap(KeyBuffers.ascii("same-key"));

        assertThat(partitioner.partition(key, 3, 8, 3)).isEqualTo(0);
        assertThat(partitioner.partition(key, 3, 8, 3)).isEqualTo(1);
        assertThat(partitioner.partition(key, 3, 8, 3)).isEqualTo(2);
    }

    @Test
    void restartsAtPartitionZeroWhenTheCounterWrapsLikeKafka() {
        final RoundRobinPartitioner partitioner = new RoundRobinPartitioner(Integer.MAX_VALUE - 1);

        // toPositive(MAX-1) % 3 = 0, toPositive(MAX) % 3 = 1, toPositive(MIN) = 0, toPositive(MIN+1) = 1.
        assertThat(partitioner.partition(null, 0, -1, 3)).isEqualTo(0);
        assertThat(partitioner.partition(null, 0, -1, 3)).isEqualTo(1);
        assertThat(partitioner.partition(null, 0, -1, 3)).isEqualTo(0);
        assertThat(partitioner.partition(null, 0, -1, 3)).isEqualTo(1);
    }

    @Test
    void spreadsRecordsEvenlyAcrossConcurrentThreads() throws InterruptedException {
        final int partitions = 12;
        final int perThread = 120_000;
        final RoundRobinPartitioner partitioner = new RoundRobinPartitioner(0);
        final AtomicIntegerArray counts = new AtomicIntegerArray(partitions);
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    counts.incrementAndGet(partitioner.partition(null, 0, -1, partitions));
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads) {
            thread.join();
        }

        // Every counter value 0..239,999 was handed out exactly once, so each partition got exactly 20,000.
        for (int p = 0; p < partitions; p++) {
            assertThat(counts.get(p)).as("partition %d", p).isEqualTo(threads.length * perThread / partitions);
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
