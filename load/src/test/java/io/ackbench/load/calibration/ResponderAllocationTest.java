package io.ackbench.load.calibration;

import io.ackbench.load.CompletionRecorder;
import io.ackbench.load.LatencyRecorder;
import io.ackbench.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calibration instrument's per-record path: once warm, handing records over allocates nothing on the producing
 * thread, and completing them (lateness and latency recording included) nothing on the responder's.
 */
class ResponderAllocationTest {
    private static final int BATCH = 1_000;
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 300_000;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void handingOverAndCompletingRecordsAllocatesNothingOnceWarm() {
        final CompletionRecorder completions = new CompletionRecorder(new LatencyRecorder(), System.nanoTime());
        // No service time: the responder answers as soon as it sees each record.
        final Responder responder = new Responder(CalibrationTarget.MIN_RING_CAPACITY,
            new StallSchedule(0, 1_000_000_000L), 0, completions).start("test-responder");
        try {
            handOver(responder, WARM_UP);

            final long[] threads = THREADS.getAllThreadIds();
            final long[] before = THREADS.getThreadAllocatedBytes(threads);
            final long producingBefore = AllocationMeter.currentThreadAllocatedBytes();
            handOver(responder, MEASURED);
            final long producing = AllocationMeter.currentThreadAllocatedBytes() - producingBefore;
            final long others = AllocationMeter.allocatedByOthers(threads, before, THREADS.getThreadAllocatedBytes(threads));

            System.out.printf("Responder: %d bytes on the producing thread, %d on the others, over %d records%n",
                producing, others, MEASURED);
            assertThat(completions.acknowledged()).isEqualTo(WARM_UP + MEASURED);
            // Under 1 byte per record: an allocation per record would be at least 16.
            assertThat(producing).as("bytes allocated handing over %d records", MEASURED).isLessThan(MEASURED);
            assertThat(others).as("bytes allocated by the other threads over %d completions", MEASURED)
                .isLessThan(MEASURED);
        } finally {
            responder.close();
        }
    }

    /** In batches the ring holds, each awaited; intended now, after the measurement start, so every record counts. */
    private static void handOver(final Responder responder, final int count) {
        for (int sent = 0; sent < count; sent += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                responder.handOver(System.nanoTime());
            }
            responder.awaitCompleted();
        }
    }
}
