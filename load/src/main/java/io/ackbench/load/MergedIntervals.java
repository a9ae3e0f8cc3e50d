package io.ackbench.load;

import org.HdrHistogram.Histogram;

/**
 * Takes an interval from each of several {@link LatencyRecorder}s and merges them into one histogram, recycling the
 * intervals so that a long run allocates nothing per interval. Used by one thread, the generator's.
 */
final class MergedIntervals {
    private final LatencyRecorder[] sources;
    private final Histogram[] recycled;
    private final Histogram merged = new Histogram(LatencyRecorder.DEFAULT_LOWEST_DISCERNIBLE_NANOS,
        LatencyRecorder.DEFAULT_HIGHEST_TRACKABLE_NANOS, LatencyRecorder.DEFAULT_SIGNIFICANT_DIGITS);

    MergedIntervals(final LatencyRecorder[] sources) {
        this.sources = sources;
        this.recycled = new Histogram[sources.length];
    }

    /** What every source recorded since the previous take; valid until the next take. */
    Histogram take() {
        merged.reset();
        for (int i = 0; i < sources.length; i++) {
            recycled[i] = sources[i].intervalHistogram(recycled[i]);
            merged.add(recycled[i]);
        }
        return merged;
    }
}
