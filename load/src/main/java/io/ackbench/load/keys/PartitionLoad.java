package io.ackbench.load.keys;

/**
 * How evenly records landed on partitions: the max/min load ratio and Pearson's chi-square statistic against a
 * uniform expectation, with its degrees of freedom and p-value.
 */
public final class PartitionLoad {
    private final long[] counts;
    private final long total;
    private final long min;
    private final long max;
    private final double chiSquare;

    /**
     * @param counts records per partition; at least two partitions. Copied.
     */
    public PartitionLoad(final long[] counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("need at least 2 partitions, got " + counts.length);
        }
        this.counts = counts.clone();

        long sum = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (final long count : counts) {
            sum += count;
            lo = Math.min(lo, count);
            hi = Math.max(hi, count);
        }
        total = sum;
        min = lo;
        max = hi;

        final double expected = (double)sum / counts.length;
        double statistic = 0;
        for (final long count : counts) {
            final double deviation = count - expected;
            statistic += deviation * deviation / expected;
        }
        chiSquare = statistic;
    }

    /** @return a copy of the records per partition. */
    public long[] counts() {
        return counts.clone();
    }

    /** @return records in all partitions. */
    public long total() {
        return total;
    }

    /** @return records in the least loaded partition. */
    public long min() {
        return min;
    }

    /** @return records in the most loaded partition. */
    public long max() {
        return max;
    }

    /**
     * @return {@code max / min}; {@link Double#POSITIVE_INFINITY} when some partition got no record (and records
     * exist), NaN when there are no records at all.
     */
    public double maxMinRatio() {
        return min == 0 ? (max == 0 ? Double.NaN : Double.POSITIVE_INFINITY) : (double)max / min;
    }

    /**
     * @return Pearson's statistic {@code sum((O - E)^2 / E)} with {@code E = total / partitions}.
     */
    public double chiSquare() {
        return chiSquare;
    }

    /**
     * @return {@code partitions - 1}.
     */
    public int degreesOfFreedom() {
        return counts.length - 1;
    }

    /**
     * @return the probability that a uniform assignment gives a statistic at least this large.
     */
    public double pValue() {
        return ChiSquareDistribution.upperTail(chiSquare, degreesOfFreedom());
    }
}
