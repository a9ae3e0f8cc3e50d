package io.ackbench.broker;

import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.ErrorCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path rule, end to end: once warm, send through the accumulator, sender, frames, brokers, log appends,
 * replication and acknowledgement allocates nothing, on any thread of the JVM (the application's, the sender's and
 * the brokers'), for every acks setting.
 */
@Tag("slow")
class EndToEndAllocationTest {
    private static final int WARM_UP = 1_000_000;
    private static final int MEASURED = 1_000_000;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds()); // the first call sets itself up
    }

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "acks={0}, enable.idempotence={1}")
    @CsvSource({"0, false", "1, false", "all, false", "all, true"})
    void aMillionSendsAllocateLessThanOneBytePerRecordOnAllThreads(final String acks, final boolean idempotence)
        throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.MIN_INSYNC_REPLICAS, "2",
            BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final Map<String, String> producerSettings = Map.of("acks", acks, "linger.ms", "1",
            "enable.idempotence", Boolean.toString(idempotence));
        final CountingListener listener = new CountingListener();
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir);
             Producer producer = Producer.connect(producerSettings, cluster.layout(), cluster.connectClient(),
                 listener)) {
            send(producer, key, value, 0, WARM_UP);
            awaitCompleted(listener, WARM_UP);

            final long[] threads = THREADS.getAllThreadIds();
            final long[] before = THREADS.getThreadAllocatedBytes(threads);
            final long sendingThreadBefore = THREADS.getCurrentThreadAllocatedBytes();
            send(producer, key, value, WARM_UP, MEASURED);
            awaitCompleted(listener, WARM_UP + MEASURED);
            final long sendingThread = THREADS.getCurrentThreadAllocatedBytes() - sendingThreadBefore;
            final long allocated = sendingThread
                + allocatedByOthers(threads, before, THREADS.getThreadAllocatedBytes(threads), Thread.currentThread().getId());


            System.out.printf("acks=%s, enable.idempotence=%s: %d bytes allocated on all threads over %d sends%n",
                acks, idempotence, allocated, MEASURED);
            assertThat(listener.failed.get()).isZero();
            assertThat(allocated).as("bytes allocated by all threads over %d sends", MEASURED)
                .isLessThan(MEASURED);
        }
    }

    private static void send(final Producer producer, final UnsafeBuffer key, final UnsafeBuffer value,
                             final long from, final int count) {
        for (long n = from; n < from + count; n++) {
            key.putLong(0, n, ByteOrder.BIG_ENDIAN);
            producer.send(key, 0, Long.BYTES, value, 0, value.capacity(), null, RecordBatchLayout.NO_TIMESTAMP);
        }
    }

    /** Polls without allocating (no assertion objects in the loop): the waiting thread is measured too. */
    private static void awaitCompleted(final CountingListener listener, final long count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (listener.completed.get() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Only " + listener.completed.get() + " of " + count + " records completed");
            }
            Thread.sleep(1);
        }
    }

    /**
     * Bytes each other thread allocated between the two snapshots, summed over the threads alive in both. The
     * calling thread is measured on its own: taking a snapshot allocates on it.
     */
    private static long allocatedByOthers(final long[] threads, final long[] before, final long[] after,
                                          final long self) {
        long total = 0;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] != self && before[i] >= 0 && after[i] >= 0) {
                total += after[i] - before[i];
            }
        }
        return total;
    }

    private static final class CountingListener implements DeliveryListener {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        @Override
        public void onComplete(final int partition, final long offset, final short errorCode, final long appendNanos) {
            if (errorCode != ErrorCode.NONE) {
                failed.incrementAndGet();
            }
            completed.lazySet(completed.get() + 1);
        }
    }
}
