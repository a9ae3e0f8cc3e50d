package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Every reporting interval, takes each producer's latency interval (recycling the histograms, so a long run does
 * not allocate one per interval and producer), merges them, prints a progress line and appends the merged interval
 * to the .hlog; with consumers, does the same for their end-to-end latencies into an .hlog of their own and adds
 * their p99 to the progress line. Called by one thread, the generator's.
 */
final class ProgressReporter {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final MergedIntervals produce;
    private final PrintStream out;
    private final HistogramLogWriter log;
    private final long logStartNanos;
    private final int recordSize;
    /** The consumers' intervals and their log, or null without consumers. */
    private MergedIntervals endToEnd;
    private HistogramLogWriter endToEndLog;
    private long intervalStartNanos;
    private long endToEndIntervalStartNanos;

    /**
     * @param logStartNanos the .hlog's time 0 (its StartTime line), on the nanoTime clock
     */
    ProgressReporter(final CompletionRecorder[] completions, final PrintStream out, final HistogramLogWriter log,
                     final long logStartNanos, final int recordSize) {
        final LatencyRecorder[] latencies = new LatencyRecorder[completions.length];
        for (int i = 0; i < completions.length; i++) {
            latencies[i] = completions[i].latency();
        }
        this.produce = new MergedIntervals(latencies);
        this.out = out;
        this.log = log;
        this.logStartNanos = logStartNanos;
        this.recordSize = recordSize;
        this.intervalStartNanos = logStartNanos;
        this.endToEndIntervalStartNanos = logStartNanos;
    }

    /** Also reports the consumers' end-to-end latencies, logging them to {@code endToEndLog} (same time 0). */
    ProgressReporter withEndToEnd(final ConsumptionRecorder[] consumers, final HistogramLogWriter endToEndLog) {
        final LatencyRecorder[] latencies = new LatencyRecorder[consumers.length];
        for (int i = 0; i < consumers.length; i++) {
            latencies[i] = consumers[i].latency();
        }
        this.endToEnd = new MergedIntervals(latencies);
        this.endToEndLog = endToEndLog;
        return this;
    }

    /**
     * Starts the first interval at {@code nanos}, the measurement start. Nothing is taken: the recorders hold only
     * measured records, and the first of them may have been recorded before this thread woke to call this.
     */
    void startAt(final long nanos) {
        intervalStartNanos = nanos;
        endToEndIntervalStartNanos = nanos;
    }

    /**
     * Ends the interval at {@code nowNanos}: logs it (and the end-to-end one), and prints its progress line if
     * {@code print}.
     */
    void endInterval(final long nowNanos, final boolean print) {
        final Histogram merged = produce.take();
        final double seconds = (nowNanos - intervalStartNanos) / NANOS_PER_SECOND;
        log.outputIntervalHistogram((intervalStartNanos - logStartNanos) / NANOS_PER_SECOND,
            (nowNanos - logStartNanos) / NANOS_PER_SECOND, merged, NANOS_PER_MICRO);
        final Histogram consumed = endToEnd == null ? null : endEndToEndInterval(nowNanos);
        if (print) {
            final long count = merged.getTotalCount();
            final double rate = seconds <= 0 ? 0 : count / seconds;
            // The end-to-end column sits before the interval's length, so the line still ends as before.
            out.println(String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %d us 50th, "
                    + "%d us 99th%s (last %.1f s).", count, rate, rate * recordSize / BYTES_PER_MB,
                merged.getValueAtPercentile(50) / 1_000, merged.getValueAtPercentile(99) / 1_000,
                consumed == null ? "" : ", " + consumed.getValueAtPercentile(99) / 1_000 + " us end-to-end 99th",
                seconds));
        }
        intervalStartNanos = nowNanos;
    }

    /**
     * Ends the consumers' interval alone at {@code nowNanos} (they read on after the producers' last interval) and
     * logs it; returns it, valid until the next take.
     */
    Histogram endEndToEndInterval(final long nowNanos) {
        final Histogram consumed = endToEnd.take();
        endToEndLog.outputIntervalHistogram((endToEndIntervalStartNanos - logStartNanos) / NANOS_PER_SECOND,
            (nowNanos - logStartNanos) / NANOS_PER_SECOND, consumed, NANOS_PER_MICRO);
        endToEndIntervalStartNanos = nowNanos;
        return consumed;
    }
}
