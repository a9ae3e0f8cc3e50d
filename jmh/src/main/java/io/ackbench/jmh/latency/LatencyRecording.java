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
import java.util.concurrent.TimeUnit;

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
 *         // Runs on the producer's sender thread; appendNanos is the intended send time given to send.
 *         DeliveryListener listener = (partition, offset, errorCode, appendNanos) ->
 *             recorder.recordLatency(System.nanoTime() - appendNanos);
 *         producer = ...(listener);
 *     }
 * }
 *
 * @Benchmark
 * public void send(Load load, LatencyPercentiles percentiles) {
 *     long intended = load.schedule.awaitSendTime(load.next++); // an OpenLoopSchedule
 *     load.producer.send(key, 0, keyLength, value, 0, valueLength, null, -1, intended);
 * }
 * }</pre>
 *
 * <p>JMH creates one per trial and tears it down after the states that depend on it, so a producer closed in the
 * benchmark's own trial teardown has delivered its last completions before the file is written.
 *
 * <p>Not a final class: JMH generates subclasses of state classes.
 */
@State(Scope.Benchmark)
public class LatencyRecording {
    /**
     * How long the trial teardown waits for the last iteration's percentiles to be taken. JMH lets whichever
     * thread is first done with its own iteration teardowns run this state's trial teardown, which could
     * otherwise empty the recorder before thread 0's {@link LatencyPercentiles} reads the last iteration.
     */
    private static final long LAST_REPORT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LatencyRecorder recorder = new LatencyRecorder();

    // The reader's side, guarded by this: used by thread 0's LatencyPercentiles and by the trial teardown, which
    // JMH may run on another thread at the same time.
    /** The last interval taken for an iteration; the next one recycles it. */
    private Histogram interval;
    /** Whether a measurement iteration has begun, so warm-up has been dropped from the total. */
    private boolean measuring;
    /** Iterations begun with a reporting {@link LatencyPercentiles}, and how many of them it has read. */
    private long iterationsBegun;
    private long iterationsRead;

    /** The recorder the benchmark's writer thread records into. */
    public LatencyRecorder recorder() {
        return recorder;
    }

    /**
     * Called by the reporting thread as an iteration begins. At the first measurement iteration, drops what
     * warm-up recorded (records completed since the last warm-up snapshot included) so that the total and the
     * file hold measurement only.
     */
    synchronized void beginIteration(final IterationParams iteration) {
        iterationsBegun++;
        if (!measuring && iteration.getType() == IterationType.MEASUREMENT) {
            measuring = true;
            interval = recorder.intervalHistogram(interval);
            recorder.resetTotal();
        }
    }

    /**
     * Called by the reporting thread as an iteration ends: what was recorded since the previous take. The caller
     * may read it until its next call (the trial teardown never recycles it).
     */
    synchronized Histogram endIteration() {
        interval = recorder.intervalHistogram(interval);
        iterationsRead = iterationsBegun;
        notifyAll();
        return interval;
    }

    /**
     * Writes the total, once the last iteration has been read, with the tail recorded since: records completed
     * while the trial wound down. The states that depend on this one (a benchmark's producer) are torn down
     * before it.
     */
    @TearDown(Level.Trial)
    public synchronized void writeTotal(final BenchmarkParams params) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + LAST_REPORT_WAIT_NANOS;
        long remaining = LAST_REPORT_WAIT_NANOS;
        while (iterationsRead < iterationsBegun && remaining > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        recorder.intervalHistogram(null); // not the recycled one, which the reporter may still be reading
        recorder.writeHgrm(HgrmFile.forTrial(params, Instant.now()));
    }
}
