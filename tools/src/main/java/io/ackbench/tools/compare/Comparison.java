package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A current JMH run set against a baseline: benchmarks matched by {@link BenchmarkResult#key()} (benchmark, mode,
 * params), one row per matched primary score, one per matched allocation figure, and the benchmarks only one side
 * has. Which changes count is in {@link ComparisonSettings}; the statistics in {@link RatioOfMeans}.
 *
 * <p>Rules: a primary score regressed when Welch's test is significant and the ratio moved beyond the benchmark's
 * threshold ({@link ComparisonSettings#thresholdPercentFor}) in the direction worse for its unit ({@link
 * Direction}); improved likewise the other way. Allocation
 * ({@value #ALLOCATION_METRIC}, compared when both sides have it) follows the same rule, with the default threshold
 * and more bytes worse,
 * except on a path whose baseline allocates below {@value #ZERO_ALLOCATION_BYTES} B/op (the hot path's
 * zero-allocation rule): there any growth beyond the allocation tolerance regressed, significant or not, since a
 * few iterations at exactly 0 have no variance to test against.
 */
public final class Comparison {
    /** JMH's {@code -prof gc} bytes allocated per operation (JMH before 1.37: {@code ·gc.alloc.rate.norm}). */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";
    /** Below this a path counts as allocation-free (docs/architecture.md: {@code gc.alloc.rate.norm} below 1 byte per op). */
    public static final double ZERO_ALLOCATION_BYTES = 1.0;

    private final ComparisonSettings settings;
    private final List<ComparisonRow> rows;
    private final List<ComparisonRow> allocationRows;
    private final List<BenchmarkResult> newBenchmarks;
    private final List<BenchmarkResult> vanishedBenchmarks;

    private Comparison(final ComparisonSettings settings, final List<ComparisonRow> rows,
                       final List<ComparisonRow> allocationRows, final List<BenchmarkResult> newBenchmarks,
                       final List<BenchmarkResult> vanishedBenchmarks) {
        this.settings = settings;
        this.rows = Collections.unmodifiableList(rows);
        this.allocationRows = Collections.unmodifiableList(allocationRows);
        this.newBenchmarks = Collections.unmodifiableList(newBenchmarks);
        this.vanishedBenchmarks = Collections.unmodifiableList(vanishedBenchmarks);
    }

    /**
     * @throws IllegalArgumentException when a side has two results with one key, or a matched pair's units differ
     *                                  (e.g. ops/us against ops/ms: run both with the same {@code -tu})
     */
    public static Comparison of(final List<BenchmarkResult> baseline, final List<BenchmarkResult> current,
                                final ComparisonSettings settings) {
        final Map<String, BenchmarkResult> baselineByKey = byKey(baseline, "baseline");
        final Map<String, BenchmarkResult> currentByKey = byKey(current, "current");
        final List<ComparisonRow> rows = new ArrayList<>();
        final List<ComparisonRow> allocationRows = new ArrayList<>();
        final List<BenchmarkResult> vanished = new ArrayList<>();
        for (final BenchmarkResult before : baselineByKey.values()) {
            final BenchmarkResult after = currentByKey.get(before.key());
            if (after == null) {
                vanished.add(before);
                continue;
            }
            rows.add(primaryRow(before, after, settings));
            allocationRow(before, after, settings).ifPresent(allocationRows::add);
        }
        final List<BenchmarkResult> added = new ArrayList<>();
        for (final BenchmarkResult after : currentByKey.values()) {
            if (!baselineByKey.containsKey(after.key())) {
                added.add(after);
            }
        }
        return new Comparison(settings, rows, allocationRows, added, vanished);
    }

    private static Map<String, BenchmarkResult> byKey(final List<BenchmarkResult> results, final String side) {
        final Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        for (final BenchmarkResult result : results) {
            if (byKey.putIfAbsent(result.key(), result) != null) {
                throw new IllegalArgumentException(side + " has two results for " + result.key());
            }
        }
        return byKey;
    }

    private static ComparisonRow primaryRow(final BenchmarkResult before, final BenchmarkResult after,
                                            final ComparisonSettings settings) {
        final Metric baseline = before.primary();
        final Metric current = after.primary();
        requireSameUnit(before, ComparisonRow.PRIMARY, baseline, current);
        final RatioOfMeans ratio = RatioOfMeans.of(baseline.samples(), current.samples(), settings.confidence());
        final Direction direction = Direction.of(before.mode(), baseline.unit());
        final double thresholdPercent = settings.thresholdPercentFor(before.benchmark());
        return new ComparisonRow(before, after, ComparisonRow.PRIMARY, baseline, current, ratio, thresholdPercent,
            significantChange(ratio, direction, thresholdPercent));
    }

    private static Optional<ComparisonRow> allocationRow(final BenchmarkResult before, final BenchmarkResult after,
                                                         final ComparisonSettings settings) {
        final Optional<Metric> baselineAllocation = before.secondary(ALLOCATION_METRIC);
        final Optional<Metric> currentAllocation = after.secondary(ALLOCATION_METRIC);
        if (baselineAllocation.isEmpty() || currentAllocation.isEmpty()) {
            return Optional.empty();
        }
        final Metric baseline = baselineAllocation.get();
        final Metric current = currentAllocation.get();
        requireSameUnit(before, ALLOCATION_METRIC, baseline, current);
        final RatioOfMeans ratio = RatioOfMeans.of(baseline.samples(), current.samples(), settings.confidence());
        final double baselineBytes = level(ratio.baselineMean(), baseline);
        final Verdict verdict = baselineBytes < ZERO_ALLOCATION_BYTES
            ? toleranceChange(baselineBytes, level(ratio.currentMean(), current), settings)
            : significantChange(ratio, Direction.LOWER_IS_BETTER, settings.thresholdPercent());
        return Optional.of(new ComparisonRow(before, after, ALLOCATION_METRIC, baseline, current, ratio,
            settings.thresholdPercent(), verdict));
    }

    private static Verdict significantChange(final RatioOfMeans ratio, final Direction direction,
                                             final double thresholdPercent) {
        if (!ratio.hasInterval()) {
            return Verdict.NO_INTERVAL;
        }
        if (!ratio.isSignificant() || !(Math.abs(ratio.ratio() - 1) > ComparisonSettings.fraction(thresholdPercent))) {
            return Verdict.UNCHANGED;
        }
        return direction.isWorse(ratio.ratio()) ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    }

    private static Verdict toleranceChange(final double baselineBytes, final double currentBytes,
                                           final ComparisonSettings settings) {
        final double growth = currentBytes - baselineBytes;
        if (growth > settings.allocationToleranceBytes()) {
            return Verdict.REGRESSION;
        }
        return -growth > settings.allocationToleranceBytes() ? Verdict.IMPROVEMENT : Verdict.UNCHANGED;
    }

    /** The mean of the iterations, or JMH's score when there are none. */
    private static double level(final double mean, final Metric metric) {
        return Double.isNaN(mean) ? metric.score() : mean;
    }

    private static void requireSameUnit(final BenchmarkResult result, final String metric, final Metric baseline,
                                        final Metric current) {
        if (!baseline.unit().equals(current.unit())) {
            throw new IllegalArgumentException(result.key() + " " + metric + ": baseline is in " + baseline.unit()
                + " but current in " + current.unit() + "; run both with the same time unit (-tu)");
        }
    }

    public ComparisonSettings settings() {
        return settings;
    }

    /** One row per benchmark in both runs, for its primary score, in baseline order. */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /** One row per benchmark in both runs that both measured {@value #ALLOCATION_METRIC} for. */
    public List<ComparisonRow> allocationRows() {
        return allocationRows;
    }

    /** In the current run only, in its order. Listed, never a failure. */
    public List<BenchmarkResult> newBenchmarks() {
        return newBenchmarks;
    }

    /** In the baseline only, in its order. Listed, never a failure. */
    public List<BenchmarkResult> vanishedBenchmarks() {
        return vanishedBenchmarks;
    }

    /** Primary and allocation rows that regressed. */
    public List<ComparisonRow> regressions() {
        final List<ComparisonRow> regressions = new ArrayList<>();
        for (final List<ComparisonRow> table : List.of(rows, allocationRows)) {
            for (final ComparisonRow row : table) {
                if (row.verdict() == Verdict.REGRESSION) {
                    regressions.add(row);
                }
            }
        }
        return regressions;
    }

    public boolean hasRegression() {
        return !regressions().isEmpty();
    }
}
