package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Per-record latencies in nanoseconds, recorded by one writer thread into HdrHistogram and read by another
 * thread in intervals, without stopping the writer.
 *
 * <p>Threads: {@link #recordLatency} is called by one thread at a time, the writer (the sender thread's
 * completion callback); it takes no lock and allocates nothing. The reader methods ({@link #intervalHistogram},
 * {@link #totalHistogram}, {@link #resetTotal}, {@link #writeHgrm}) synchronize on this recorder, so any thread
 * may call them; the writer never waits for them.
 *
 * <p>Memory ordering between writer and reader is HdrHistogram's {@link SingleWriterRecorder}: the writer wraps
 * each record in a {@code WriterReaderPhaser} critical section (a volatile increment of an epoch counter on entry
 * and on exit); the reader swaps the active and inactive histograms and then flips the phaser, which waits
 * until every writer that entered on the old histogram has left it. The histogram handed to the reader is
 * therefore complete, and no longer written.
 *
 * <p>The range is fixed when the recorder is built, so recording never resizes (allocation) and never throws:
 * a latency above the highest trackable value is recorded as that value and counted in {@link #overflowCount()};
 * a negative latency (an end before its start, a clock misuse) is recorded as 0 and counted in
 * {@link #negativeCount()}.
 */
public final class LatencyRecorder {
    /**
     * 1 ns: full 3-digit precision down to the smallest latencies an in-process transport produces. With a
     * 1 µs lowest discernible value HdrHistogram would group values below about 1 ms into 512 ns buckets,
     * 2.5 % of a 20 µs latency.
     */
    public static final long DEFAULT_LOWEST_DISCERNIBLE_NANOS = 1;
    /** 60 s: far above any latency a healthy run produces; larger values are clamped and counted. */
    public static final long DEFAULT_HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Three significant digits: each reported value is within 0.1 % of the recorded one. */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 3;

    private static final int MAX_SIGNIFICANT_DIGITS = 5;
    /** Percentile rows per halving of the distance to 100 % in an .hgrm file (HdrHistogram's usual 5). */
    private static final int HGRM_TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOS_PER_MICRO = 1_000.0;

    private final SingleWriterRecorder recorder;
    private final long highestTrackableNanos;
    /** Sum of every interval taken since creation or the last {@link #resetTotal()}. Guarded by this. */
    private final Histogram total;

    /**
     * Latencies clamped to the highest trackable value. Written by the writer thread only (a plain read, then a
     * volatile write, correct because there is one writer); read by any thread.
     */
    private volatile long overflowCount;
    /** Negative latencies recorded as 0. Written by the writer thread only, as {@link #overflowCount}. */
    private volatile long negativeCount;

    /** A recorder for 1 ns to 60 s at 3 significant digits. */
    public LatencyRecorder() {
        this(DEFAULT_LOWEST_DISCERNIBLE_NANOS, DEFAULT_HIGHEST_TRACKABLE_NANOS, DEFAULT_SIGNIFICANT_DIGITS);
    }

    public LatencyRecorder(final long lowestDiscernibleNanos, final long highestTrackableNanos,
                           final int significantDigits) {
        if (lowestDiscernibleNanos < 1) {
            throw new IllegalArgumentException(
                "lowestDiscernibleNanos must be at least 1, was " + lowestDiscernibleNanos);
        }
        if (highestTrackableNanos < 2 * lowestDiscernibleNanos) {
            throw new IllegalArgumentException("highestTrackableNanos must be at least twice lowestDiscernibleNanos ("
                + lowestDiscernibleNanos + "), was " + highestTrackableNanos);
        }
        if (significantDigits < 0 || significantDigits > MAX_SIGNIFICANT_DIGITS) {
            throw new IllegalArgumentException(
                "significantDigits must be between 0 and " + MAX_SIGNIFICANT_DIGITS + ", was " + significantDigits);
        }
        this.recorder = new SingleWriterRecorder(lowestDiscernibleNanos, highestTrackableNanos, significantDigits);
        this.highestTrackableNanos = highestTrackableNanos;
        this.total = new Histogram(lowestDiscernibleNanos, highestTrackableNanos, significantDigits);
    }

    /** Records one latency. Writer thread only. */
    public void recordLatency(final long nanos) {
        long value = nanos;
        if (value > highestTrackableNanos) {
            value = highestTrackableNanos;
            overflowCount = overflowCount + 1;
        } else if (value < 0) {
            value = 0;
            negativeCount = negativeCount + 1;
        }
        recorder.recordValue(value);
    }

    /**
     * Everything recorded since the previous interval was taken (or since creation), which is also added to the
     * total. Recording goes on meanwhile into the other of the recorder's two histograms.
     *
     * @param recycle {@code null}, or a histogram returned by an earlier call on this recorder that the caller
     *                no longer reads: it becomes the histogram the writer records into (so it must not be read
     *                again), and repeated calls allocate nothing
     */
    public synchronized Histogram intervalHistogram(final Histogram recycle) {
        final Histogram interval = recorder.getIntervalHistogram(recycle);
        total.add(interval);
        return interval;
    }

    /** A copy of the total: the sum of the intervals taken so far (not what was recorded since the last one). */
    public synchronized Histogram totalHistogram() {
        return total.copy();
    }

    /** Drops the intervals taken so far from the total, for example those of warm-up. */
    public synchronized void resetTotal() {
        total.reset();
    }

    /**
     * Writes the total's percentile distribution (HdrHistogram's {@code outputPercentileDistribution}) to
     * {@code file}, in microseconds, creating missing parent directories. A first comment line says the unit;
     * HdrHistogram's plotters skip lines that start with {@code #}.
     */
    public synchronized void writeHgrm(final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream stream = Files.newOutputStream(file);
             PrintStream out = new PrintStream(stream, false, StandardCharsets.US_ASCII)) {
            out.println("# Latency in microseconds (recorded in nanoseconds, divided by 1000); "
                + overflowCount + " values clamped to " + TimeUnit.NANOSECONDS.toMicros(highestTrackableNanos) + " us, "
                + negativeCount + " negative values recorded as 0");
            total.outputPercentileDistribution(out, HGRM_TICKS_PER_HALF_DISTANCE, NANOS_PER_MICRO);
            if (out.checkError()) {
                throw new IOException("Could not write " + file);
            }
        }
    }

    /** Highest value recorded as such; larger latencies are clamped to it. */
    public long highestTrackableNanos() {
        return highestTrackableNanos;
    }

    /** Latencies above {@link #highestTrackableNanos()} since creation, recorded as that value. */
    public long overflowCount() {
        return overflowCount;
    }

    /** Negative latencies since creation, recorded as 0. */
    public long negativeCount() {
        return negativeCount;
    }
}
