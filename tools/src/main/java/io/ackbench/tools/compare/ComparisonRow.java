package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;

import java.util.Optional;

/**
 * One metric of one benchmark (matched by benchmark, mode and params) in baseline and current run, the ratio of
 * their means with its interval, and the verdict.
 */
public final class ComparisonRow {
    /** The name {@link #metricName()} has for the benchmark's own score. */
    public static final String PRIMARY = "primary";

    private final BenchmarkResult baseline;
    private final BenchmarkResult current;
    private final String metricName;
    private final Metric baselineMetric;
    private final Metric currentMetric;
    private final RatioOfMeans ratio;
    private final double thresholdPercent;
    private final Verdict verdict;

    ComparisonRow(final BenchmarkResult baseline, final BenchmarkResult current, final String metricName,
                  final Metric baselineMetric, final Metric currentMetric, final RatioOfMeans ratio,
                  final double thresholdPercent, final Verdict verdict) {
        this.baseline = baseline;
        this.current = current;
        this.metricName = metricName;
        this.baselineMetric = baselineMetric;
        this.currentMetric = currentMetric;
        this.ratio = ratio;
        this.thresholdPercent = thresholdPercent;
        this.verdict = verdict;
    }

    public BenchmarkResult baseline() {
        return baseline;
    }

    public BenchmarkResult current() {
        return current;
    }

    /** {@value #PRIMARY} or the secondary metric's name, e.g. {@code gc.alloc.rate.norm}. */
    public String metricName() {
        return metricName;
    }

    public Metric baselineMetric() {
        return baselineMetric;
    }

    public Metric currentMetric() {
        return currentMetric;
    }

    /** The baseline's unit, which is also the current's (results in different units are not compared). */
    public String unit() {
        return baselineMetric.unit();
    }

    /** current/baseline of the per-iteration means; NaN when the baseline mean is 0. */
    public double ratio() {
        return ratio.ratio();
    }

    /** The ratio's interval at the settings' confidence; empty with fewer than two samples on a side. */
    public Optional<RatioInterval> interval() {
        return ratio.interval();
    }

    /** Welch's two-sided p-value; NaN without an interval. */
    public double pValue() {
        return ratio.pValue();
    }

    /** Means, ratio, interval and test behind this row. */
    public RatioOfMeans statistics() {
        return ratio;
    }

    /** The change of the ratio, in percent, beyond which this row's verdict counted a significant change. */
    public double thresholdPercent() {
        return thresholdPercent;
    }

    public Verdict verdict() {
        return verdict;
    }

    @Override
    public String toString() {
        return baseline.key() + " " + metricName + ": " + verdict.label() + " (ratio " + ratio() + ", interval "
            + interval().map(RatioInterval::toString).orElse("none") + ")";
    }
}
