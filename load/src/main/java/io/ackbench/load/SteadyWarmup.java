package io.ackbench.load;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a run's warm-up in 1 s windows until its throughput (acknowledgements per second) and p50 latency settle
 * ({@link SteadyStateDetector}), and decides when the measurement starts: {@link #LEAD_NANOS} after the window that
 * settled it, or at the latest possible start if none did. Reads the warm-up latencies that the producers'
 * {@link CompletionRecorder}s record ({@link CompletionRecorder#watchWarmup}). Used by the generator's thread.
 */
final class SteadyWarmup {
    /** Each window's length. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How far ahead of now the measurement start is set once the warm-up settles: the recorders and load threads
     * read the new start with volatile loads, and no record intended at or after it may have been sent (a paced
     * record is never sent before its intended time) or completed before they see it.
     */
    static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MergedIntervals warmup;
    private final SteadyStateDetector detector = new SteadyStateDetector();

    SteadyWarmup(final CompletionRecorder[] completions) {
        final LatencyRecorder[] latencies = new LatencyRecorder[completions.length];
        for (int i = 0; i < completions.length; i++) {
            latencies[i] = completions[i].warmupLatency();
        }
        this.warmup = new MergedIntervals(latencies);
    }

    /**
     * Watches from {@code startNanos} (the first intended send) until the figures settle at or after
     * {@code earliestSettleNanos}, the senders stop ({@code sending} false) or no settled window could start the
     * measurement before {@code latestStartNanos}. Windows before the earliest settle still feed the detector, so a
     * run steady by then starts measuring at once.
     *
     * @return the outcome; its {@link WarmupOutcome#nanos()} after {@code startNanos} is the measurement start
     */
    WarmupOutcome await(final long startNanos, final long earliestSettleNanos, final long latestStartNanos,
                        final BooleanSupplier sending)
        throws InterruptedException {
        sleepUntil(startNanos);
        warmup.take();
        long windowStart = System.nanoTime();
        while (sending.getAsBoolean() && windowStart + WINDOW_NANOS + LEAD_NANOS - latestStartNanos <= 0) {
            sleepUntil(windowStart + WINDOW_NANOS);
            final Histogram window = warmup.take();
            final long now = System.nanoTime();
            final double throughput = window.getTotalCount() * 1e9 / (now - windowStart);
            if (detector.offer(throughput, window.getValueAtPercentile(50)) && now - earliestSettleNanos >= 0) {
                final long measureStart = now + LEAD_NANOS - latestStartNanos < 0 ? now + LEAD_NANOS : latestStartNanos;
                return WarmupOutcome.steady(true, measureStart - startNanos, detector);
            }
            windowStart = now;
        }
        return WarmupOutcome.steady(false, latestStartNanos - startNanos, detector);
    }

    private static void sleepUntil(final long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
