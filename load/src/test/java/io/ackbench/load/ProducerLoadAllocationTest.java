package io.ackbench.load;

import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's own hot path: once warm, a keyed open-loop send (schedule, Zipf key draw, send, send-delay
 * recording) allocates nothing on the producing thread, and the completions (latency recording, counters) nothing
 * on the other threads.
 */
class ProducerLoadAllocationTest {
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 500_000;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dataDir;

    @Test
    void sendingAndCompletingKeyedRecordsAllocatesNothingOnceWarm() throws Exception {
        final Workload workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1)
            .partitions(3).numRecords(MEASURED).producerSetting("acks", "1").producerSetting("linger.ms", "1").build();
        final CompletionRecorder completions = new CompletionRecorder(new LatencyRecorder(), 0);
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
        try (LoadCluster cluster = new AckbenchTarget(ClusterLauncher.IN_PROCESS).start(workload, dataDir)) {
            final LoadProducer producer = cluster.connect(workload, completions);
            // A 1 GHz schedule is always behind: each record goes at once, but through the paced path.
            final long start = System.nanoTime();
            completions.measureFrom(start);
            final ProducerLoad load = new ProducerLoad(producer, 0, new OpenLoopSchedule(1_000_000_000L, start),
                new KeySource(KeyDistribution.zipf(1000, 1.0), 5), value, 100, new LatencyRecorder(), start, false,
                0, ProducerLoad.NO_QUOTA);
            send(load, WARM_UP);
            awaitAcknowledged(completions, WARM_UP);

            final long[] threads = THREADS.getAllThreadIds();
            final long[] before = THREADS.getThreadAllocatedBytes(threads);
            final long sendingBefore = AllocationMeter.currentThreadAllocatedBytes();
            send(load, MEASURED);
            final long sending = AllocationMeter.currentThreadAllocatedBytes() - sendingBefore;
            awaitAcknowledged(completions, WARM_UP + MEASURED);
            final long others = AllocationMeter.allocatedByOthers(threads, before, THREADS.getThreadAllocatedBytes(threads));

            System.out.printf("ProducerLoad: %d bytes on the producing thread, %d on the others, over %d records%n",
                sending, others, MEASURED);
            assertThat(completions.failed()).isZero();
            assertThat(load.sent()).isEqualTo(WARM_UP + MEASURED);
            // DESIGN's rule, < 1 byte per record: a per-record allocation would be at least 16 bytes per record. The
            // few kilobytes seen on some runs (0.01 B/record) come and go with JIT activity, not with the records.
            assertThat(sending).as("bytes allocated by the producing thread over %d sends", MEASURED)
                .isLessThan(MEASURED);
            assertThat(others).as("bytes allocated by the other threads over %d completions", MEASURED)
                .isLessThan(MEASURED);
            producer.close();
        }
    }

    private static void send(final ProducerLoad load, final int count) {
        for (int i = 0; i < count; i++) {
            load.sendNext();
        }
    }

    private static void awaitAcknowledged(final CompletionRecorder completions, final long count)
        throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completions.acknowledged() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Only " + completions.acknowledged() + " of " + count + " acknowledged");
            }
            Thread.sleep(1);
        }
    }
}
