package io.ackbench.load;

import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Throughput counts only what was acknowledged inside the measured window; the rest drained after it. */
class MeasuredWindowTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void acknowledgementsAfterTheWindowsEndAreDrainedNotCountedInside() {
        final long start = System.nanoTime() - HOUR;
        final CompletionRecorder completions = new CompletionRecorder(new LatencyRecorder(), start);

        completions.measureUntil(System.nanoTime() + HOUR);
        for (int i = 0; i < 7; i++) {
            completions.onComplete(0, i, ErrorCode.NONE, start + i);
        }
        completions.measureUntil(System.nanoTime() - 1);
        final long beforeDrain = System.nanoTime();
        for (int i = 7; i < 10; i++) {
            completions.onComplete(0, i, ErrorCode.NONE, start + i);
        }
        completions.onComplete(0, 10, ErrorCode.NONE, start - 1); // warm-up: neither
        completions.onComplete(0, 11, ErrorCode.NOT_ENOUGH_REPLICAS, start + 11); // failed: neither

        assertThat(completions.acknowledged()).isEqualTo(10);
        assertThat(completions.acknowledgedInWindow()).isEqualTo(7);
        assertThat(completions.drained()).isEqualTo(3);
        assertThat(completions.lastDrainedNanos()).isGreaterThanOrEqualTo(beforeDrain);
        assertThat(completions.failed()).isEqualTo(1);
    }

    @Test
    void withoutAnEndEveryMeasuredAcknowledgementIsInside() {
        final CompletionRecorder completions = new CompletionRecorder(new LatencyRecorder(), 0);
        completions.measureFrom(System.nanoTime() - HOUR);
        for (int i = 0; i < 4; i++) {
            completions.onComplete(0, i, ErrorCode.NONE, System.nanoTime());
        }
        assertThat(completions.acknowledgedInWindow()).isEqualTo(4);
        assertThat(completions.drained()).isZero();
    }

    @Test
    void theWatchedWarmUpGetsTheLatenciesTheMeasurementDoesNot() {
        final long start = System.nanoTime() + HOUR;
        final CompletionRecorder completions = new CompletionRecorder(new LatencyRecorder(), start)
            .watchWarmup(new LatencyRecorder());
        completions.onComplete(0, 0, ErrorCode.NONE, System.nanoTime());
        completions.onComplete(0, 1, ErrorCode.NONE, System.nanoTime());
        completions.onComplete(0, 2, ErrorCode.NOT_ENOUGH_REPLICAS, System.nanoTime());

        assertThat(completions.warmupLatency().intervalHistogram(null).getTotalCount()).isEqualTo(2);
        assertThat(completions.latency().intervalHistogram(null).getTotalCount()).isZero();
        assertThat(completions.acknowledged()).isZero();
    }

    @Test
    void throughputIsTheAcknowledgementsInsideOverTheWindowAndTheLineSaysWhatDrained() {
        final MeasuredWindow window = new MeasuredWindow(TimeUnit.SECONDS.toNanos(15), 1_499_922, 78, 1_700_000);

        assertThat(window.recordsPerSecond()).isEqualTo(1_499_922 / 15.0);
        assertThat(window.line()).isEqualTo("Measured window 15.0 s: 1499922 records acknowledged inside it "
            + "(99994.8 records/sec); drained after the window: 78 records in 1.7 ms.");
        assertThat(window.jsonFields()).isEqualTo("\n    \"windowSeconds\": 15.000,\n"
            + "    \"recordsAcknowledgedInWindow\": 1499922,\n"
            + "    \"drainedAfterWindow\": {\"records\": 78, \"millis\": 1.700}");
    }
}
