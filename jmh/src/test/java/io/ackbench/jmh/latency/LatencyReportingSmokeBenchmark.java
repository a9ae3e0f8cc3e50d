package io.ackbench.jmh.latency;

import io.ackbench.load.LatencyRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Shows, with a latency distribution known in advance, that {@link LatencyPercentiles} reports each iteration's
 * percentiles exactly. Each invocation records the latencies 1, 2, ..., 10 000 µs once, in a seeded random order,
 * so every iteration holds whole copies of that set and its percentiles do not depend on how many invocations
 * the iteration ran: p50 5001.215, p99 9904.127, p99.9 9994.239, p99.99 and max 10002.431 µs (the highest values
 * of the HdrHistogram buckets holding 5000, 9900, 9990, 9999 and 10 000 µs at 3 significant digits).
 *
 * <p>The primary score is recordLatency calls per second. {@code recordOnThreadZeroOfTwo} runs two threads that
 * both record, but only thread 0 into the reported recorder (one writer, as a producer's sender thread is): its
 * percentiles must equal {@code record}'s, not twice them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LatencyReportingSmokeBenchmark {
    /** Latencies per invocation: 1 to 10 000 µs. */
    static final int LATENCIES = 10_000;
    static final long SEED = 20_261_123L;

    private static final long NANOS_PER_MICRO = 1_000;

    private long[] latencies;

    @Setup(Level.Trial)
    public void shuffleLatencies() {
        latencies = shuffledLatencies();
    }

    /** 1 to {@value #LATENCIES} µs in nanoseconds, shuffled by a generator seeded with {@value #SEED}. */
    static long[] shuffledLatencies() {
        final long[] values = new long[LATENCIES];
        for (int i = 0; i < LATENCIES; i++) {
            values[i] = (i + 1) * NANOS_PER_MICRO;
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = LATENCIES - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    /**
     * Where this benchmark thread records: thread 0 into the trial's reported recorder (its one writer), any other
     * thread into a recorder of its own that nobody reports, so that every thread does the same work.
     */
    @State(Scope.Thread)
    public static class Writer {
        LatencyRecorder unreported;

        @Setup(Level.Trial)
        public void chooseRecorder(final ThreadParams thread) {
            unreported = thread.getThreadIndex() == 0 ? null : new LatencyRecorder();
        }

        LatencyRecorder recorder(final LatencyRecording recording) {
            return unreported == null ? recording.recorder() : unreported;
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(LATENCIES)
    public void record(final LatencyRecording recording, final LatencyPercentiles percentiles) {
        recordAll(recording.recorder());
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(LATENCIES)
    public void recordOnThreadZeroOfTwo(final Writer writer, final LatencyRecording recording,
                                        final LatencyPercentiles percentiles) {
        recordAll(writer.recorder(recording));
    }

    private void recordAll(final LatencyRecorder recorder) {
        final long[] values = latencies;
        for (final long value : values) {
            recorder.recordLatency(value);
        }
    }
}
