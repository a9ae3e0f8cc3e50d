package io.ackbench.load;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * What a run's consumers measured: the end-to-end latency histogram (nanoseconds from each measured record's
 * intended send time to its consumption, merged over the consumers), how many measured records they read, and how
 * many the producers had acknowledged, with whether the consumers caught up before the drain bound passed.
 * Immutable; the histogram is this object's own copy.
 */
public final class EndToEndLatency {
    private static final double NANOS_PER_SECOND = 1e9;

    private final Histogram latency;
    private final long consumed;
    private final long acknowledged;
    private final boolean caughtUp;
    private final long drainBoundNanos;

    /**
     * @param consumed        measured records read by the consumers
     * @param acknowledged    measured records the producers had acknowledged
     * @param caughtUp        whether every consumer reached its partitions' ends with every acknowledged record
     *                        read before the drain bound passed
     * @param drainBoundNanos how long the consumers were given to catch up after the producers' end
     */
    public EndToEndLatency(final Histogram latency, final long consumed, final long acknowledged,
                           final boolean caughtUp, final long drainBoundNanos) {
        this.latency = latency.copy();
        this.consumed = consumed;
        this.acknowledged = acknowledged;
        this.caughtUp = caughtUp;
        this.drainBoundNanos = drainBoundNanos;
    }

    /** A copy of the histogram, in nanoseconds. */
    public Histogram latency() {
        return latency.copy();
    }

    /** Measured records read by the consumers (duplicates counted each time read). */
    public long consumed() {
        return consumed;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the end-to-end figures may be incomplete, or null when the consumers caught up. */
    public String warning() {
        if (caughtUp) {
            return null;
        }
        return String.format(Locale.ROOT, "WARNING: the consumers did not catch up within %.1f s of the producers'"
                + " end: they read %d of the %d measured records acknowledged. The end-to-end latencies are those of the"
                + " %d records read.", drainBoundNanos / NANOS_PER_SECOND, consumed, acknowledged,
            consumed);
    }

    Histogram histogram() {
        return latency;
    }
}
