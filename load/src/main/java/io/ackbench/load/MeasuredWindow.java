package io.ackbench.load;

import java.util.Locale;

/**
 * A run's measured window and what was acknowledged inside it: the run's throughput is the measured records
 * acknowledged inside the window divided by its length, so a system that ends with a larger backlog is not
 * charged for the time it takes to drain it; the records acknowledged after the window are reported apart.
 * Immutable.
 */
public final class MeasuredWindow {
    private final long nanos;
    private final long acknowledgedInside;
    private final long drained;
    private final long drainNanos;

    /**
     * @param nanos              the window's length: the run's duration, or for a run with a record count until
     *                           its last record was acknowledged
     * @param acknowledgedInside measured records acknowledged before the window's end
     * @param drained            measured records acknowledged after it
     * @param drainNanos         from the window's end to the last of those
     */
    public MeasuredWindow(final long nanos, final long acknowledgedInside, final long drained,
                          final long drainNanos) {
        this.nanos = nanos;
        this.acknowledgedInside = acknowledgedInside;
        this.drained = drained;
        this.drainNanos = drainNanos;
    }

    public long nanos() {
        return nanos;
    }

    public long acknowledgedInside() {
        return acknowledgedInside;
    }

    public long drained() {
        return drained;
    }

    public long drainNanos() {
        return drainNanos;
    }

    /** Acknowledged records per second of the window. */
    public double recordsPerSecond() {
        return nanos <= 0 ? 0 : acknowledgedInside * 1e9 / nanos;
    }

    /** {@code Measured window 15.0 s: 299998 records acknowledged inside it; drained after the window: ...}. */
    public String line() {
        return String.format(Locale.ROOT, "Measured window %.1f s: %d records acknowledged inside it (%.1f records/sec);"
                + " drained after the window: %d records in %.1f ms.", nanos / 1e9, acknowledgedInside,
            recordsPerSecond(), drained, drainNanos / 1e6);
    }

    /** The window as JSON fields (no braces), for the summary's results. */
    String jsonFields() {
        return String.format(Locale.ROOT, "\n    \"windowSeconds\": %.3f,\n    \"recordsAcknowledgedInWindow\": %d,"
            + "\n    \"drainedAfterWindow\": {\"records\": %d, \"millis\": %.3f}", nanos / 1e9, acknowledgedInside,
            drained, drainNanos / 1e6);
    }
}
