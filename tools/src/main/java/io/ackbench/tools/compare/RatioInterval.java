package io.ackbench.tools.compare;

/**
 * A confidence interval for a ratio current/baseline. Fieller's interval is unbounded when the baseline mean is
 * not itself significantly different from zero; then {@link #isBounded()} is false and the bounds are infinite.
 */
public final class RatioInterval {
    private static final RatioInterval UNBOUNDED =
        new RatioInterval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final double low;
    private final double high;

    private RatioInterval(final double low, final double high) {
        this.low = low;
        this.high = high;
    }

    static RatioInterval of(final double low, final double high) {
        return new RatioInterval(Math.min(low, high), Math.max(low, high));
    }

    static RatioInterval unbounded() {
        return UNBOUNDED;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public boolean isBounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    public boolean contains(final double ratio) {
        return low <= ratio && ratio <= high;
    }

    @Override
    public String toString() {
        return isBounded() ? "[" + low + ", " + high + "]" : "unbounded";
    }
}
