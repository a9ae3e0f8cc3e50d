package io.ackbench.load.calibration;

/**
 * The latency distribution an open-loop load measures on the calibration stand-in, in closed form.
 *
 * <p>The stand-in: every record is due service time {@code T} after it is handed over (an infinite-server delay line,
 * so records never queue behind one another), and the responder that completes records freezes for a stall {@code S}
 * at the start of every period {@code P} ({@code 0 <= S < P}); a record that falls due during a stall completes at
 * the stall's end.
 *
 * <p>The load: records are handed over at a constant rate {@code R}, each at its intended send time. Sending never
 * blocks, stall or not (the producer only writes the record into the responder's ring), so the open-loop schedule
 * keeps handing records over through every stall and they wait there, each on its own. A record handed over at
 * {@code t} is due at {@code d = t + T}. Over a whole number of periods the due times cover every phase of the period
 * evenly (to within one record interval {@code 1/R}), so:
 * <ul>
 *   <li>a fraction {@code 1 - S/P} falls due outside a stall and completes at {@code d}: latency exactly {@code T};
 *   <li>a fraction {@code S/P} falls due at a phase {@code u} into a stall, {@code u} uniform on {@code [0, S)}, and
 *       completes at the stall's end: latency {@code T + (S - u)}, the extra wait uniform on {@code (0, S]}.
 * </ul>
 * Hence the latency's distribution function
 * <pre>
 *   F(x) = 0                          for x &lt; T
 *   F(x) = (1 - S/P) + (x - T) / P    for T &lt;= x &lt;= T + S   (the stalled fraction S/P spread over S)
 *   F(x) = 1                          for x &gt; T + S
 * </pre>
 * and its inverse, the latency at quantile {@code q}:
 * <pre>
 *   L(q) = T                          for q &lt;= 1 - S/P
 *   L(q) = T + P * (q - (1 - S/P))    for q &gt; 1 - S/P
 * </pre>
 * The rate does not appear: it sets how many records share each stall (R times S), not how long they wait. For
 * example T = 1 ms, S = 200 ms, P = 1 s: 80% of records take 1 ms and p99 is 1 ms + 1 s * (0.99 - 0.8) = 191 ms.
 * Without stalls (S = 0) every percentile is T.
 *
 * <p>What the harness measures adds its own error to this: the send delay (a record handed over after its intended
 * time counts the difference, as it must for a real system) and the responder's lateness in calling back.
 */
public final class StallModel {
    private final long serviceNanos;
    private final long stallNanos;
    private final long periodNanos;

    /**
     * @throws IllegalArgumentException unless {@code serviceNanos >= 0} and {@code 0 <= stallNanos < periodNanos}
     */
    public StallModel(final long serviceNanos, final long stallNanos, final long periodNanos) {
        if (serviceNanos < 0 || stallNanos < 0 || periodNanos <= stallNanos) {
            throw new IllegalArgumentException("need service >= 0 and 0 <= stall < period, was service "
                + serviceNanos + " ns, stall " + stallNanos + " ns, period " + periodNanos + " ns");
        }
        this.serviceNanos = serviceNanos;
        this.stallNanos = stallNanos;
        this.periodNanos = periodNanos;
    }

    /** The fraction of records that fall due during a stall, {@code S/P}. */
    public double stalledFraction() {
        return (double) stallNanos / periodNanos;
    }

    /**
     * The latency at {@code percentile} (in percent, as HdrHistogram's {@code getValueAtPercentile} takes it), in
     * nanoseconds, rounded to the nearest.
     *
     * @throws IllegalArgumentException unless {@code 0 <= percentile <= 100}
     */
    public long latencyNanosAt(final double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be from 0 to 100, was " + percentile);
        }
        final double q = percentile / 100;
        final double unstalled = 1 - stalledFraction();
        if (q <= unstalled) {
            return serviceNanos;
        }
        return serviceNanos + Math.round(periodNanos * (q - unstalled));
    }

    /** The fraction of records whose latency is at most {@code nanos}: F above. */
    public double fractionAtOrBelow(final long nanos) {
        if (nanos < serviceNanos) {
            return 0;
        }
        if (nanos >= serviceNanos + stallNanos) {
            return 1;
        }
        return 1 - stalledFraction() + (double) (nanos - serviceNanos) / periodNanos;
    }
}
