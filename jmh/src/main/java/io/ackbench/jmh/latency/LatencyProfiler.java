package io.ackbench.jmh.latency;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.Collection;
import java.util.List;

/**
 * The percentiles {@link LatencyPercentiles} reported for each iteration, again, as results that JMH aggregates
 * sensibly: {@code latency.p50}, {@code latency.p99}, {@code latency.p99.9}, {@code latency.p99.99} averaged
 * over the iterations (and forks) and {@code latency.max} the largest, in a real unit ({@code us}). Enable with
 * {@code -prof io.ackbench.jmh.latency.LatencyProfiler} (or {@code OptionsBuilder.addProfiler}); JMH 1.37 runs
 * no profiler it was not asked for, and aux counters, always on, can only be summed.
 *
 * <p>The average of the iterations' percentiles is not the percentile of the whole trial; that is in the trial's
 * {@code .hgrm} file. Per iteration the values are those of {@link LatencyPercentiles}, read in the benchmark's
 * JVM after the iteration (JMH calls {@link #afterIteration} once every benchmark thread has returned, teardowns
 * included). A benchmark without {@link LatencyPercentiles} gets no {@code latency.*} results.
 */
public final class LatencyProfiler implements InternalProfiler {
    private static final String UNIT = "us";

    @Override
    public String getDescription() {
        return "Latency percentiles of LatencyPercentiles in us: p50..p99.99 averaged over iterations, max the largest";
    }

    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams) {
        LatencyPercentiles.takeReported(); // none left over from a failed iteration
    }

    @Override
    public Collection<? extends Result> afterIteration(final BenchmarkParams benchmarkParams,
                                                       final IterationParams iterationParams,
                                                       final IterationResult result) {
        final LatencyPercentiles reported = LatencyPercentiles.takeReported();
        if (reported == null) {
            return List.of();
        }
        return List.of(
            new ScalarResult("latency.p50", reported.p50_us, UNIT, AggregationPolicy.AVG),
            new ScalarResult("latency.p99", reported.p99_us, UNIT, AggregationPolicy.AVG),
            new ScalarResult("latency.p99.9", reported.p99_9_us, UNIT, AggregationPolicy.AVG),
            new ScalarResult("latency.p99.99", reported.p99_99_us, UNIT, AggregationPolicy.AVG),
            new ScalarResult("latency.max", reported.max_us, UNIT, AggregationPolicy.MAX));
    }
}
