package io.ackbench.load.machine;

/**
 * A stop-the-world pause of one JVM of the run ({@code process}: {@code load}, {@code broker-2}, {@code controller}),
 * from {@code startNanos} on the {@link System#nanoTime()} clock for {@code durationNanos}: a GC pause ({@code what}
 * is the collector's name for it, e.g. {@code Pause Young (Normal) (G1 Evacuation Pause)}) or a safepoint
 * ({@code what} is its VM operation; its duration includes the time to reach it).
 */
public record JvmPause(String process, long startNanos, long durationNanos, Kind kind, String what) {

    public enum Kind { GC, SAFEPOINT }

    public long endNanos() {
        return startNanos + durationNanos;
    }

    /** Whether the pause and the interval [{@code fromNanos}, {@code toNanos}] share a moment. */
    public boolean overlaps(final long fromNanos, final long toNanos) {
        return endNanos() - fromNanos >= 0 && toNanos - startNanos >= 0;
    }
}
