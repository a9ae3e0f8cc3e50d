package io.ackbench.load;

/**
 * Decides when a warm-up has reached a steady state from successive windows' figures (throughput and p50 latency,
 * one pair per window): settled when, for each figure, its mean over the last {@code span} windows is within
 * {@code tolerance} of its mean over the {@code span} windows before ({@code larger <= smaller * (1 + tolerance)}).
 * A window with no acknowledgement (a throughput or p50 of 0) settles nothing while it is among the last
 * {@code 2 × span}. At a fixed rate the throughput holds still from the start, so the p50 decides; at an unbounded
 * rate both must stop moving.
 *
 * <p>Why two spans' means and not a few windows agreeing with each other: a cold Kafka cluster climbs in steps, and
 * three 1 s windows within 5% of each other happen on a step. One run was declared steady at 40 s by that rule and
 * went on climbing through 209k, 270k and 330k records/s in the next three 5 s intervals, which it measured as 270k
 * where its next run reached 522k. A climb shows as a difference between two spans' means; single windows' noise,
 * which made ackbench's p50 at the maximum rate take 80 s to agree three times, averages out within a span.
 *
 * <p>Used by one thread; keeps the last {@code 2 × span} figures in two rings, allocating nothing per window.
 */
public final class SteadyStateDetector {
    /** Each span is five 1 s windows... */
    public static final int DEFAULT_SPAN = 5;
    /** ...and the two spans' means are within 5% of each other. */
    public static final double DEFAULT_TOLERANCE = 0.05;
    private static final int SPANS = 2;

    private final int span;
    private final double tolerance;
    private final double[] throughputs;
    private final double[] p50s;
    private long offered;

    public SteadyStateDetector() {
        this(DEFAULT_SPAN, DEFAULT_TOLERANCE);
    }

    /**
     * @param span      how many consecutive windows each of the two compared means takes, at least 1
     * @param tolerance how far apart the two means may be, as a share of the smaller (0.05 for 5%)
     */
    public SteadyStateDetector(final int span, final double tolerance) {
        if (span < 1) {
            throw new IllegalArgumentException("a steady state compares two spans of at least 1 window each, was "
                + span);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be 0 or more, was " + tolerance);
        }
        this.span = span;
        this.tolerance = tolerance;
        this.throughputs = new double[SPANS * span];
        this.p50s = new double[SPANS * span];
    }

    /** Takes one window's figures; returns whether the last two spans, this window included, agree. */
    public boolean offer(final double throughput, final double p50) {
        final int slot = (int) (offered % throughputs.length);
        throughputs[slot] = throughput;
        p50s[slot] = p50;
        offered++;
        return settled();
    }

    /** Whether the last two spans offered agree (false until {@link #windows()} windows have been offered). */
    public boolean settled() {
        return offered >= throughputs.length && agree(throughputs) && agree(p50s);
    }

    /** Windows offered so far. */
    public long windowsOffered() {
        return offered;
    }

    /** How many windows each compared mean takes. */
    public int span() {
        return span;
    }

    /** How many windows a decision looks at: two spans. */
    public int windows() {
        return SPANS * span;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Whether the older span's mean and the newer span's are within the tolerance, with no zero among them. */
    private boolean agree(final double[] ring) {
        double older = 0;
        double newer = 0;
        for (int age = 0; age < ring.length; age++) {
            // The ring's newest figure is at (offered - 1) % length; age 0 is it.
            final double figure = ring[(int) ((offered - 1 - age) % ring.length)];
            if (!(figure > 0)) {
                return false;
            }
            if (age < span) {
                newer += figure;
            } else {
                older += figure;
            }
        }
        final double smaller = Math.min(older, newer);
        return Math.max(older, newer) <= smaller * (1 + tolerance);
    }
}
