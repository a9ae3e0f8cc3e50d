package io.ackbench.tools.nightly;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several runs of the same benchmarks as one: for A B B A, each commit's two runs become one result per benchmark
 * whose samples are the iterations of both, so the comparison sees all of them. The score is the mean of the pooled
 * samples and the error JMH's 99.9% half-width over them (Student's t), recomputed since the runs' own no longer
 * apply. A benchmark in only some of the runs keeps the samples it has.
 */
public final class PooledResults {
    /** JMH's score error is the half-width of this confidence interval. */
    private static final double JMH_CONFIDENCE = 0.999;

    private PooledResults() {
    }

    public static List<BenchmarkResult> pool(final List<List<BenchmarkResult>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        final Map<String, List<BenchmarkResult>> byKey = new LinkedHashMap<>();
        for (final List<BenchmarkResult> run : runs) {
            for (final BenchmarkResult result : run) {
                byKey.computeIfAbsent(result.key(), k -> new ArrayList<>()).add(result);
            }
        }
        final List<BenchmarkResult> pooled = new ArrayList<>(byKey.size());
        for (final List<BenchmarkResult> same : byKey.values()) {
            pooled.add(poolOne(same));
        }
        return pooled;
    }

    private static BenchmarkResult poolOne(final List<BenchmarkResult> same) {
        final BenchmarkResult first = same.get(0);
        if (same.size() == 1) {
            return first;
        }
        final List<Metric> primaries = new ArrayList<>(same.size());
        for (final BenchmarkResult result : same) {
            primaries.add(result.primary());
        }
        final Map<String, Metric> secondaries = new LinkedHashMap<>();
        for (final String name : first.secondaryNames()) {
            final List<Metric> metrics = new ArrayList<>(same.size());
            for (final BenchmarkResult result : same) {
                result.secondary(name).ifPresent(metrics::add);
            }
            secondaries.put(name, poolMetric(metrics, first.key() + " " + name));
        }
        return BenchmarkResult.of(first.benchmark(), first.mode(), first.params(),
            poolMetric(primaries, first.key()), secondaries);
    }

    static Metric poolMetric(final List<Metric> metrics, final String what) {
        final String unit = metrics.get(0).unit();
        int count = 0;
        for (final Metric metric : metrics) {
            if (!metric.unit().equals(unit)) {
                throw new IllegalArgumentException(what + ": runs disagree on the unit (" + unit + " and "
                    + metric.unit() + ")");
            }
            count += metric.sampleCount();
        }
        final double[] samples = new double[count];
        int at = 0;
        for (final Metric metric : metrics) {
            final double[] own = metric.samples();
            System.arraycopy(own, 0, samples, at, own.length);
            at += own.length;
        }
        return Metric.of(mean(samples), halfWidth(samples), unit, samples);
    }

    private static double mean(final double[] samples) {
        double sum = 0;
        for (final double sample : samples) {
            sum += sample;
        }
        return samples.length == 0 ? Double.NaN : sum / samples.length;
    }

    /** JMH's score error: t(0.9995, n-1) times the standard error; NaN below two samples. */
    private static double halfWidth(final double[] samples) {
        if (samples.length < 2) {
            return Double.NaN;
        }
        final double mean = mean(samples);
        double squares = 0;
        for (final double sample : samples) {
            squares += (sample - mean) * (sample - mean);
        }
        final double standardError = Math.sqrt(squares / (samples.length - 1) / samples.length);
        final double t = new TDistribution(samples.length - 1)
            .inverseCumulativeProbability(1 - (1 - JMH_CONFIDENCE) / 2);
        return t * standardError;
    }
}
