package io.ackbench.tools.compare;

/**
 * What counts as a change: the confidence of the significance test, the smallest relative change worth reporting
 * (one default, and a benchmark's own where its noise is wider: {@link BenchmarkThresholds}), and how much
 * allocation may grow on a path that allocates (almost) nothing.
 */
public final class ComparisonSettings {
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final double DEFAULT_THRESHOLD_PERCENT = 5;
    public static final double DEFAULT_ALLOCATION_TOLERANCE_BYTES = 0.5;

    private static final double PERCENT = 100;

    private final double confidence;
    private final double thresholdPercent;
    private final double allocationToleranceBytes;
    private final BenchmarkThresholds benchmarkThresholds;

    private ComparisonSettings(final double confidence, final double thresholdPercent,
                               final double allocationToleranceBytes, final BenchmarkThresholds benchmarkThresholds) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
            throw new IllegalArgumentException("threshold must be a percentage of 0 or more, was " + thresholdPercent);
        }
        if (!(allocationToleranceBytes >= 0) || Double.isInfinite(allocationToleranceBytes)) {
            throw new IllegalArgumentException(
                "allocation tolerance must be 0 or more bytes per operation, was " + allocationToleranceBytes);
        }
        this.confidence = confidence;
        this.thresholdPercent = thresholdPercent;
        this.allocationToleranceBytes = allocationToleranceBytes;
        this.benchmarkThresholds = benchmarkThresholds;
    }

    /** 99% confidence, 5% threshold, 0.5 B/op allocation tolerance. */
    public static ComparisonSettings defaults() {
        return of(DEFAULT_CONFIDENCE, DEFAULT_THRESHOLD_PERCENT, DEFAULT_ALLOCATION_TOLERANCE_BYTES);
    }

    /**
     * @param confidence               two-sided confidence level of test and interval, in (0, 1)
     * @param thresholdPercent         smallest change of the ratio from 1, in percent, that counts
     * @param allocationToleranceBytes growth in B/op allowed on a path that allocated below 1 B/op
     * @throws IllegalArgumentException naming the setting out of range
     */
    public static ComparisonSettings of(final double confidence, final double thresholdPercent,
                                        final double allocationToleranceBytes) {
        return new ComparisonSettings(confidence, thresholdPercent, allocationToleranceBytes,
            BenchmarkThresholds.none());
    }

    /** These settings with {@code thresholds} overriding the default threshold for the benchmarks they name. */
    public ComparisonSettings withBenchmarkThresholds(final BenchmarkThresholds thresholds) {
        return new ComparisonSettings(confidence, thresholdPercent, allocationToleranceBytes, thresholds);
    }

    public double confidence() {
        return confidence;
    }

    public double thresholdPercent() {
        return thresholdPercent;
    }

    /** The default threshold as a fraction: 5% is 0.05. */
    public double threshold() {
        return fraction(thresholdPercent);
    }

    /** A percentage as a fraction: 5 is 0.05. */
    static double fraction(final double percent) {
        return percent / PERCENT;
    }

    /** The score threshold in percent for JMH's full benchmark name: its own, else the default. */
    public double thresholdPercentFor(final String benchmark) {
        return benchmarkThresholds.percentFor(benchmark).orElse(thresholdPercent);
    }

    public BenchmarkThresholds benchmarkThresholds() {
        return benchmarkThresholds;
    }

    public double allocationToleranceBytes() {
        return allocationToleranceBytes;
    }

    @Override
    public String toString() {
        return "confidence " + confidence + ", threshold " + thresholdPercent + "%, allocation tolerance "
            + allocationToleranceBytes + " B/op" + (benchmarkThresholds.isEmpty() ? ""
            : ", benchmark thresholds " + benchmarkThresholds);
    }
}
