package io.ackbench.jmh.latency;

import io.ackbench.load.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.time.Instant;

/**
 * One trial's latency recorder, shared by the states of a benchmark. The state that owns the sender takes this
 * state as a parameter of its {@code @Setup(Level.Trial)} and hands {@link #recorder()} to the one thread that
 * records (a completion callback); {@link LatencyPercentiles} reads an interval of it after every iteration; at
 * the end of the trial its total (every record completed from the first measurement iteration on, including the
 * tail completed after the last iteration) is written as an {@code .hgrm} file, see {@link HgrmFile}.
 *
 * <pre>{@code
 * @State(Scope.Benchmark)
 * public static class Load {
 *     @Setup(Level.Trial)
 *     public void setUp(LatencyRecording latency) {
 *         LatencyRecorder recorder = latency.recorder();
 *         // the sender thread's completion callback, appendNanos being the intended send time:
 *         listener = (partition, offset, error, appendNanos) ->
 *             recorder.recordLatency(System.nanoTime() - appendNanos);
 *     }
 * }
 *
 * @Benchmark
 * public void send(Load load, LatencyPercentiles percentiles) { ... }
 * }</pre>
 *
 * <p>JMH creates one per trial and tears it down after the states that depend on it, so a producer closed in the
 * benchmark's own trial teardown has delivered its last completions before the file is written.
 *
 * <p>Not a final class: JMH generates subclasses of state classes.
 */
@State(Scope.Benchmark)
public class LatencyRecording {
    private final LatencyRecorder recorder = new LatencyRecorder();
    /*
     * The reader's side: used only inside JMH fixture methods, by thread 0's LatencyPercentiles and by the trial
     * teardown. JMH orders those calls (a latch before iteration teardowns, CAS-guarded flags around Scope.Benchmark
     * fixtures, thread start and join), so plain fields are safe.
     */
    /** The last interval taken; the next take recycles it. */
    private Histogram interval;
    /** Whether a measurement iteration has begun, so warm-up has been dropped from the total. */
    private boolean measuring;

    /** The recorder the benchmark's writer thread records into. */
    public LatencyRecorder recorder() {
        return recorder;
    }

    /**
     * At the first measurement iteration, drops what warm-up recorded (records completed since the last warm-up
     * snapshot included) so that the total and the file hold measurement only.
     */
    void beginIteration(final IterationParams iteration) {
        if (!measuring && iteration.getType() == IterationType.MEASUREMENT) {
            measuring = true;
            interval = recorder.intervalHistogram(interval);
            recorder.resetTotal();
        }
    }

    /** What was recorded since the previous take; valid until the next take. */
    Histogram takeInterval() {
        interval = recorder.intervalHistogram(interval);
        return interval;
    }

    @TearDown(Level.Trial)
    public void writeTotal(final BenchmarkParams params) throws IOException {
        takeInterval();
        recorder.writeHgrm(HgrmFile.forTrial(params, Instant.now()));
    }
}
