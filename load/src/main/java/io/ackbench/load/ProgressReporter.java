package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Every reporting interval, takes each producer's latency interval (recycling the histograms, so a long run does
 * not allocate one per interval and producer), merges them, prints a progress line and appends the merged interval
 * to the .hlog. Called by one thread, the generator's.
 */
final class ProgressReporter {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final CompletionRecorder[] completions;
    private final Histogram[] recycled;
    private final Histogram merged = new Histogram(LatencyRecorder.DEFAULT_LOWEST_DISCERNIBLE_NANOS,
        LatencyRecorder.DEFAULT_HIGHEST_TRACKABLE_NANOS, LatencyRecorder.DEFAULT_SIGNIFICANT_DIGITS);
    private final PrintStream out;
    private final HistogramLogWriter log;
    private final long logStartNanos;
    private final int recordSize;
    private long intervalStartNanos;

    /**
     * @param logStartNanos the .hlog's time 0 (its StartTime line), on the nanoTime clock
     */
    ProgressReporter(final CompletionRecorder[] completions, final PrintStream out, final HistogramLogWriter log,
                     final long logStartNanos, final int recordSize) {
        this.completions = completions;
        this.recycled = new Histogram[completions.length];
        this.out = out;
        this.log = log;
        this.logStartNanos = logStartNanos;
        this.recordSize = recordSize;
        this.intervalStartNanos = logStartNanos;
    }

    /** Starts the next interval at {@code nanos}, dropping what was recorded before (nothing, before measuring). */
    void startAt(final long nanos) {
        take();
        intervalStartNanos = nanos;
    }

    /** Ends the interval at {@code nowNanos}: logs it, and prints its progress line if {@code print}. */
    void endInterval(final long nowNanos, final boolean print) {
        take();
        final double seconds = (nowNanos - intervalStartNanos) / NANOS_PER_SECOND;
        log.outputIntervalHistogram((intervalStartNanos - logStartNanos) / NANOS_PER_SECOND,
            (nowNanos - logStartNanos) / NANOS_PER_SECOND, merged, NANOS_PER_MICRO);
        if (print) {
            final long count = merged.getTotalCount();
            final double rate = seconds <= 0 ? 0 : count / seconds;
            out.println(String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %d us 50th, "
                    + "%d us 99th (last %.1f s).", count, rate, rate * recordSize / BYTES_PER_MB,
                merged.getValueAtPercentile(50) / 1_000, merged.getValueAtPercentile(99) / 1_000, seconds));
        }
        intervalStartNanos = nowNanos;
    }

    private void take() {
        merged.reset();
        for (int i = 0; i < completions.length; i++) {
            recycled[i] = completions[i].latency().intervalHistogram(recycled[i]);
            merged.add(recycled[i]);
        }
    }
}
