package io.ackbench.load;

/**
 * Decides when a warm-up has reached a steady state from successive windows' figures (throughput and p50 latency,
 * one pair per window): settled when, over the last {@code windows} windows, each figure's largest value is within
 * {@code tolerance} of its smallest ({@code max <= min * (1 + tolerance)}). A window with no acknowledgement (a
 * throughput or p50 of 0) settles nothing. At a fixed rate the throughput holds still from the start, so the p50
 * decides; at an unbounded rate both must stop moving.
 *
 * <p>Used by one thread; keeps the last {@code windows} figures in two rings, allocating nothing per window.
 */
public final class SteadyStateDetector {
    /** Three windows in a row... */
    public static final int DEFAULT_WINDOWS = 3;
    /** ...within 5% of each other. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    private final int windows;
    private final double tolerance;
    private final double[] throughputs;
    private final double[] p50s;
    private long offered;

    public SteadyStateDetector() {
        this(DEFAULT_WINDOWS, DEFAULT_TOLERANCE);
    }

    /**
     * @param windows   how many consecutive windows must agree, at least 2
     * @param tolerance how far apart they may be, as a share of the smallest (0.05 for 5%)
     */
    public SteadyStateDetector(final int windows, final double tolerance) {
        if (windows < 2) {
            throw new IllegalArgumentException("a steady state needs at least 2 windows to compare, was " + windows);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be 0 or more, was " + tolerance);
        }
        this.windows = windows;
        this.tolerance = tolerance;
        this.throughputs = new double[windows];
        this.p50s = new double[windows];
    }

    /** Takes one window's figures; returns whether the last {@code windows} windows, this one included, agree. */
    public boolean offer(final double throughput, final double p50) {
        final int slot = (int) (offered % windows);
        throughputs[slot] = throughput;
        p50s[slot] = p50;
        offered++;
        return settled();
    }

    /** Whether the last windows offered agree (false until {@code windows} have been offered). */
    public boolean settled() {
        return offered >= windows && within(throughputs) && within(p50s);
    }

    /** Windows offered so far. */
    public long windowsOffered() {
        return offered;
    }

    public int windows() {
        return windows;
    }

    public double tolerance() {
        return tolerance;
    }

    private boolean within(final double[] figures) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final double figure : figures) {
            min = Math.min(min, figure);
            max = Math.max(max, figure);
        }
        return min > 0 && max <= min * (1 + tolerance);
    }
}
