package io.ackbench.tools.chart;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An HdrHistogram percentile distribution as {@code outputPercentileDistribution} prints it ({@code .hgrm}): rows of
 * value, percentile (a fraction, 0 to 1) and count at or below, then the summary lines. Values are in the file's
 * unit, which ackbench's writers name in the first comment line.
 */
final class PercentileDistribution {
    private final List<Row> rows;
    private final double mean;
    private final double standardDeviation;
    private final double max;
    private final long totalCount;
    private final Optional<TimeUnit> declaredUnit;

    PercentileDistribution(final List<Row> rows, final double mean, final double standardDeviation,
                           final double max, final long totalCount, final Optional<TimeUnit> declaredUnit) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a percentile distribution needs at least one row");
        }
        this.rows = List.copyOf(rows);
        this.mean = mean;
        this.standardDeviation = standardDeviation;
        this.max = max;
        this.totalCount = totalCount;
        this.declaredUnit = Objects.requireNonNull(declaredUnit, "declaredUnit");
    }

    List<Row> rows() {
        return rows;
    }

    /** The summary's mean, NaN when the file has no summary. */
    double mean() {
        return mean;
    }

    /** The summary's standard deviation, NaN when the file has no summary. */
    double standardDeviation() {
        return standardDeviation;
    }

    /** The summary's max, or the last row's value when the file has no summary. */
    double max() {
        return Double.isNaN(max) ? rows.get(rows.size() - 1).value() : max;
    }

    /** The summary's total count, or the last row's count when the file has no summary. */
    long totalCount() {
        return totalCount < 0 ? rows.get(rows.size() - 1).countAtOrBelow() : totalCount;
    }

    /** The unit a comment line names ({@code in microseconds}), empty when none does. */
    Optional<TimeUnit> declaredUnit() {
        return declaredUnit;
    }

    /** One line of the distribution. */
    static final class Row {
        private final double value;
        private final double percentile;
        private final long countAtOrBelow;

        Row(final double value, final double percentile, final long countAtOrBelow) {
            this.value = value;
            this.percentile = percentile;
            this.countAtOrBelow = countAtOrBelow;
        }

        double value() {
            return value;
        }

        /** A fraction: 0.99 is the 99th percentile, 1 the max. */
        double percentile() {
            return percentile;
        }

        long countAtOrBelow() {
            return countAtOrBelow;
        }

        @Override
        public String toString() {
            return value + " @ " + percentile + " (" + countAtOrBelow + ")";
        }
    }
}
