package io.ackbench.jmh.latency;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.infra.ThreadParams;


/**
 * Latency percentiles as JMH secondary results: {@code p50_us}, {@code p99_us}, {@code p99_9_us},
 * {@code p99_99_us} and {@code max_us}, in microseconds, of the latencies recorded into the trial's
 * {@link LatencyRecording}. A benchmark gets them by taking this state as a parameter of its {@code @Benchmark}
 * method. The summary table and the JSON score hold the percentiles of every record of the trial's measurement
 * iterations; each warm-up iteration shows its own.
 *
 * <p>Why it reports that way, from the code JMH 1.37's annotation processor generates
 * ({@code jmh/target/generated-sources/annotations/.../*_jmhTest.java}):
 * <ul>
 * <li>Each public field of an {@code @AuxCounters(EVENTS)} state becomes
 *     {@code new ScalarResult(name, value, "#", AggregationPolicy.SUM)}: the raw value, not divided by time, and
 *     a {@code double} keeps the fraction. The unit is always "#", so the field name carries it.</li>
 * <li>JMH sums such results over threads, over iterations and over forks. A sum of percentiles means nothing, so
 *     only one thread (thread 0; the recorder has one writer whatever the thread count) fills the fields, only in
 *     the last measurement iteration, with the percentiles of all the measurement iterations' records divided by
 *     the fork count: the summary is then the trial's percentile (the mean over forks with several). The earlier
 *     measurement iterations report 0; the trial's {@code .hgrm} file has the whole distribution.</li>
 * <li>JMH zeroes the fields after the {@code @Setup(Level.Iteration)} methods and reads them after the
 *     {@code @TearDown(Level.Iteration)} methods, so they are filled in this state's iteration teardown, which JMH
 *     runs once every benchmark thread has stopped calling the benchmark. Records still in flight at the end of
 *     an iteration count in the next one, and after the last one only in the {@code .hgrm} file.</li>
 * </ul>
 *
 * <p>Reporting allocates nothing during warm-up (the interval histogram is recycled); the last iteration copies
 * the total once.
 *
 * <p>Not a final class, and public fields named like results: JMH requires both.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class LatencyPercentiles {
    private static final double NANOS_PER_MICRO = 1_000.0;

    // Written by this state's own benchmark thread in its iteration teardown and read by the same thread in JMH's
    // generated code right after it.
    public double p50_us;
    public double p99_us;
    public double p99_9_us;
    public double p99_99_us;
    public double max_us;

    /** Whether this thread reports; set in each iteration's setup by the same thread that reads it. */
    private boolean reporting;
    private IterationType iterationType;
    private boolean lastMeasurement;
    private int measurementIterations;
    private int forks;

    @Setup(Level.Iteration)
    public void beginIteration(final LatencyRecording recording, final ThreadParams thread,
                               final BenchmarkParams benchmark, final IterationParams iteration) {
        reporting = thread.getThreadIndex() == 0;
        iterationType = iteration.getType();
        forks = Math.max(1, benchmark.getForks());
        lastMeasurement = iterationType == IterationType.MEASUREMENT
            && ++measurementIterations == iteration.getCount();
        if (reporting) {
            recording.beginIteration(iteration);
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration(final LatencyRecording recording) {
        if (!reporting) {
            return;
        }
        final Histogram interval = recording.endIteration();
        if (iterationType == IterationType.WARMUP) {
            report(interval, 1);
        } else if (lastMeasurement) {
            report(recording.recorder().totalHistogram(), forks);
        }
    }

    private void report(final Histogram histogram, final int share) {
        p50_us = micros(histogram.getValueAtPercentile(50.0)) / share;
        p99_us = micros(histogram.getValueAtPercentile(99.0)) / share;
        p99_9_us = micros(histogram.getValueAtPercentile(99.9)) / share;
        p99_99_us = micros(histogram.getValueAtPercentile(99.99)) / share;
        max_us = micros(histogram.getMaxValue()) / share;
    }

    private static double micros(final long nanos) {
        return nanos / NANOS_PER_MICRO;
    }
}
