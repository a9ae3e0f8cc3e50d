package io.ackbench.tools.versus;

/**
 * One figure of one system over its runs: the mean, and the spread, half the range relative to the mean, so that
 * for two runs {@code mean × (1 ± spread)} are exactly the two runs.
 */
final class MeanSpread {
    static final MeanSpread NONE = new MeanSpread(0, Double.NaN, Double.NaN);

    private final int runs;
    private final double mean;
    private final double spread;

    private MeanSpread(final int runs, final double mean, final double spread) {
        this.runs = runs;
        this.mean = mean;
        this.spread = spread;
    }

    /** Of the runs' values; {@link #NONE} for no run. */
    static MeanSpread of(final double... values) {
        if (values.length == 0) {
            return NONE;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double value : values) {
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        final double mean = sum / values.length;
        // Equal runs have no spread, even at zero (a latency below a microsecond reads as 0).
        final double spread = max == min ? 0 : (max - min) / 2 / mean;
        return new MeanSpread(values.length, mean, spread);
    }

    /** How many runs it is the mean of. */
    int runs() {
        return runs;
    }

    /** NaN for no run. */
    double mean() {
        return mean;
    }

    /** Half the range over the mean, 0 for one run, NaN for none. */
    double spread() {
        return spread;
    }
}
