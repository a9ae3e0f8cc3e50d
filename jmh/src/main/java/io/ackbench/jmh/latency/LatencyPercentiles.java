package io.ackbench.jmh.latency;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Latency percentiles of each iteration as JMH secondary results: {@code p50_us}, {@code p99_us},
 * {@code p99_9_us}, {@code p99_99_us} and {@code max_us}, in microseconds, of the latencies recorded into the
 * trial's {@link LatencyRecording} during the iteration. A benchmark gets them by taking this state as a
 * parameter of its {@code @Benchmark} method.
 *
 * <p>How JMH 1.37 treats these fields, read in the code its annotation processor generates
 * ({@code jmh/target/generated-sources/annotations/.../*_jmhTest.java}):
 * <ul>
 * <li>Each public field of an {@code @AuxCounters(EVENTS)} state becomes
 *     {@code new ScalarResult(name, value, "#", AggregationPolicy.SUM)}: the raw value, not divided by time, and
 *     a {@code double} keeps the fraction. The unit is always "#", so the field name carries it.</li>
 * <li>JMH zeroes the fields after the {@code @Setup(Level.Iteration)} methods, so a value set there (or left
 *     from the previous iteration) is lost; it reads them after the {@code @TearDown(Level.Iteration)} methods.
 *     So the percentiles are filled in this state's iteration teardown, which JMH runs once every benchmark
 *     thread has stopped calling the benchmark (its pre-teardown latch).</li>
 * <li>JMH runs the teardowns in the reverse of the order it created the states in, which puts each state after
 *     those it depends on: this teardown runs before {@link LatencyRecording}'s. Against the benchmark's own
 *     states the order is not specified (in the generated code we read it ran before the benchmark class's
 *     iteration teardown, and after that of a state taken by the {@code @Benchmark} method). So records that
 *     complete after the iteration (in flight at its end, or awaited by a benchmark's own iteration teardown)
 *     count in the next iteration, and in the trial's total.</li>
 * <li>Aux counters must be {@code Scope.Thread}, and JMH sums them over threads. In a benchmark with several
 *     threads only thread 0 fills the fields; the others report 0, so the sum is the percentiles of every
 *     record of the iteration (one recorder per trial, fed by one writer thread), not a sum of percentiles.</li>
 * <li>JMH also sums them over iterations and forks: the score on the "Result" line (marked {@code [Sum]}), in
 *     the final table, and in the JSON ({@code secondaryMetrics.p99_us.score}) is the sum of the iterations'
 *     percentiles, which means nothing. Read the values of each iteration instead (the "Iteration N:" lines,
 *     {@code secondaryMetrics.*.rawData} in the JSON, where {@code scorePercentiles} also gives their min,
 *     median and max), the trial's {@code .hgrm} file, or add {@link LatencyProfiler}
 *     ({@code -prof io.ackbench.jmh.latency.LatencyProfiler}), whose {@code latency.*} results are averaged.</li>
 * </ul>
 *
 * <p>Reporting allocates nothing after the first iteration (the interval histogram is recycled).
 *
 * <p>Not a final class, and public fields named like results: JMH requires both.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class LatencyPercentiles {
    private static final double NANOS_PER_MICRO = 1_000.0;

    // Written by this state's own benchmark thread in its iteration teardown and read by the same thread in JMH's
    // generated code right after it; LatencyProfiler reads them in another thread through REPORTED.
    public double p50_us;
    public double p99_us;
    public double p99_9_us;
    public double p99_99_us;
    public double max_us;

    /**
     * The state that filled its fields in the last iteration, for {@link LatencyProfiler}: set by the reporting
     * thread after it filled them (a volatile write, so the profiler's volatile read sees the values), taken and
     * cleared by the profiler in JMH's runner thread after the iteration, before JMH zeroes the fields again.
     */
    private static final AtomicReference<LatencyPercentiles> REPORTED = new AtomicReference<>();

    /** Whether this thread reports; set in each iteration's setup by the same thread that reads it. */
    private boolean reporting;

    @Setup(Level.Iteration)
    public void beginIteration(final LatencyRecording recording, final ThreadParams thread,
                               final IterationParams iteration) {
        reporting = thread.getThreadIndex() == 0;
        if (reporting) {
            recording.beginIteration(iteration);
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration(final LatencyRecording recording) {
        if (reporting) {
            final Histogram interval = recording.endIteration();
            p50_us = micros(interval.getValueAtPercentile(50.0));
            p99_us = micros(interval.getValueAtPercentile(99.0));
            p99_9_us = micros(interval.getValueAtPercentile(99.9));
            p99_99_us = micros(interval.getValueAtPercentile(99.99));
            max_us = micros(interval.getMaxValue());
            REPORTED.set(this);
        }
    }

    /** The state that reported the last iteration's percentiles, if any since the last call. */
    static LatencyPercentiles takeReported() {
        return REPORTED.getAndSet(null);
    }

    private static double micros(final long nanos) {
        return nanos / NANOS_PER_MICRO;
    }
}
