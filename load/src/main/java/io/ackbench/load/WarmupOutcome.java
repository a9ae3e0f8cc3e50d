package io.ackbench.load;

import java.util.Locale;

/**
 * How a run's warm-up ended: after a fixed time, or (steady-state) when the figures settled or at the maximum.
 * Immutable.
 */
public final class WarmupOutcome {
    private final boolean steady;
    private final boolean settled;
    private final long nanos;
    private final long windows;
    private final SteadyStateDetector detector;

    private WarmupOutcome(final boolean steady, final boolean settled, final long nanos, final long windows,
                          final SteadyStateDetector detector) {
        this.steady = steady;
        this.settled = settled;
        this.nanos = nanos;
        this.windows = windows;
        this.detector = detector;
    }

    /** A warm-up of a fixed {@code nanos} (0 for none). */
    public static WarmupOutcome fixed(final long nanos) {
        return new WarmupOutcome(false, false, nanos, 0, null);
    }

    /**
     * A steady-state warm-up that lasted {@code nanos} over {@code detector}'s windows, and settled or (at its
     * maximum) did not.
     */
    public static WarmupOutcome steady(final boolean settled, final long nanos, final SteadyStateDetector detector) {
        return new WarmupOutcome(true, settled, nanos, detector.windowsOffered(), detector);
    }

    /** Whether the warm-up lasted until the figures settled (or its maximum) rather than a fixed time. */
    public boolean isSteady() {
        return steady;
    }

    /** Whether a steady-state warm-up settled before its maximum. */
    public boolean settled() {
        return settled;
    }

    /** From the first intended send to the measurement start. */
    public long nanos() {
        return nanos;
    }

    /** The windows a steady-state warm-up compared; 0 for a fixed one. */
    public long windows() {
        return windows;
    }

    /** What the run prints when the measurement starts, or null for a fixed warm-up (announced beforehand). */
    public String line() {
        if (!steady) {
            return null;
        }
        if (settled) {
            return String.format(Locale.ROOT, "Warmed up in %.1f s: throughput and p50 over the last %d windows within "
                + "%.0f%% of the %d before.", nanos / 1e9, detector.span(), detector.tolerance() * 100, detector.span());
        }
        return String.format(Locale.ROOT, "The warm-up did not settle within %.0f s (throughput and p50 over %d windows "
            + "within %.0f%% of the %d before); measuring from there.", nanos / 1e9, detector.span(),
            detector.tolerance() * 100, detector.span());
    }

    /** The outcome as a JSON object. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"mode\": \"%s\", \"seconds\": %.3f%s}", steady ? "steady" : "fixed",
            nanos / 1e9, steady ? ", \"settled\": " + settled + ", \"windows\": " + windows : "");
    }
}
