package io.ackbench.load;

import io.ackbench.testing.AllocationMeter;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path rule for latency recording: after warm-up, the writer's {@code recordLatency} allocates nothing,
 * and neither does the reader that takes intervals with a recycled histogram.
 */
class ZeroAllocationTest {
    private static final int RECORDS = 1_000_000;
    private static final int INTERVALS = 1_000;

    @Test
    void recordingLatenciesAllocatesNothingAfterWarmUp() {
        final LatencyRecorder recorder = new LatencyRecorder();
        record(recorder); // warm-up: interpreter, C1, C2
        record(recorder);

        final long before = AllocationMeter.currentThreadAllocatedBytes();
        record(recorder);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

        assertThat(recorder.overflowCount()).isEqualTo(3L * (RECORDS / 1024));
        assertThat(allocated).as("bytes allocated by %,d recordLatency calls", RECORDS).isLessThan(1024);
    }

    @Test
    void takingIntervalsIntoARecycledHistogramAllocatesNothingAfterWarmUp() {
        final LatencyRecorder recorder = new LatencyRecorder();
        Histogram interval = takeIntervals(recorder, null);
        interval = takeIntervals(recorder, interval);

        final long before = AllocationMeter.currentThreadAllocatedBytes();
        interval = takeIntervals(recorder, interval);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

        assertThat(interval.getTotalCount()).isEqualTo(1);
        assertThat(recorder.totalHistogram().getTotalCount()).isEqualTo(3L * INTERVALS);
        assertThat(allocated).as("bytes allocated by taking %,d intervals", INTERVALS).isLessThan(1024);
    }

    /** Latencies from 1 µs to about 17 s, one in 1024 above the recorder's 60 s and clamped. */
    private static void record(final LatencyRecorder recorder) {
        for (int i = 0; i < RECORDS; i++) {
            final long nanos = (i & 1023) == 1023 ? Long.MAX_VALUE : 1_000L << (i & 23);
            recorder.recordLatency(nanos);
        }
    }

    private static Histogram takeIntervals(final LatencyRecorder recorder, final Histogram first) {
        Histogram interval = first;
        for (int i = 0; i < INTERVALS; i++) {
            recorder.recordLatency(1_000 + i);
            interval = recorder.intervalHistogram(interval);
        }
        return interval;
    }
}
