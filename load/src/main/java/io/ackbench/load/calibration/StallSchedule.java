package io.ackbench.load.calibration;

/**
 * When the calibration responders stall: for {@code S} nanoseconds at the start of every period {@code P}, stall k
 * covering {@code [epoch + k*P, epoch + k*P + S)} for every integer k. The epoch is the intended send time of the first
 * record handed over to any responder of the cluster, so a warm-up of a whole number of periods starts the
 * measurement at the start of a stall (the closed form only needs the measurement to last a whole number of periods).
 * Shared by the producers and responders of one cluster; allocation-free.
 */
final class StallSchedule {
    private final long stallNanos;
    private final long periodNanos;
    /**
     * Written once, under this object's lock, before the volatile store that sets {@link #anchored}; read plainly by
     * a producer after it has read {@code anchored} true, and by a responder after it has acquired a record that such a
     * producer published (release-acquire on the ring's tail), so every reader sees the one value written.
     */
    private long epochNanos;
    /** Whether the epoch is set; volatile. */
    private volatile boolean anchored;

    StallSchedule(final long stallNanos, final long periodNanos) {
        this.stallNanos = stallNanos;
        this.periodNanos = periodNanos;
    }

    /** Sets the epoch to {@code intendedNanos} unless a record was handed over before; any thread. */
    void anchor(final long intendedNanos) {
        if (anchored) {
            return;
        }
        synchronized (this) {
            if (!anchored) {
                epochNanos = intendedNanos;
                anchored = true;
            }
        }
    }

    /**
     * When a record due at {@code dueNanos} completes: then, or at the end of the stall it falls due in. Call only for
     * records handed over after {@link #anchor}.
     */
    long releaseNanos(final long dueNanos) {
        if (stallNanos == 0) {
            return dueNanos;
        }
        final long phase = Math.floorMod(dueNanos - epochNanos, periodNanos);
        return phase < stallNanos ? dueNanos - phase + stallNanos : dueNanos;
    }
}
