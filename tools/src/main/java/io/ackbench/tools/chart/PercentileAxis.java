package io.ackbench.tools.chart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The x axis of a latency-by-percentile chart, HdrHistogram's usual one: the position of percentile p is
 * {@code log10(1 / (1 - p))}, so 90%, 99%, 99.9% ... lie one unit apart and the tail gets as much room as the body.
 */
final class PercentileAxis {
    static final double MEDIAN = 0.5;
    /** A tick is drawn for every nine the data reaches, up to this many. */
    private static final int MAX_NINES = 9;
    /** Rounding in the file (percentiles to 12 digits) must not cost the last tick. */
    private static final double REACH_TOLERANCE = 1e-6;

    private PercentileAxis() {
    }

    /** @param percentile a fraction below 1 */
    static double position(final double percentile) {
        return Math.log10(1 / (1 - percentile));
    }

    /** Labels at 0%, 50%, 90%, 99%, ... up to the last nine at or below {@code maxPosition}. */
    static Map<Double, String> ticks(final double maxPosition) {
        final Map<Double, String> ticks = new LinkedHashMap<>();
        ticks.put(0.0, "0%");
        ticks.put(position(MEDIAN), "50%");
        for (int nines = 1; nines <= MAX_NINES && nines <= maxPosition + REACH_TOLERANCE; nines++) {
            ticks.put((double) nines, ninesLabel(nines));
        }
        return ticks;
    }

    /** 1 → {@code 90%}, 2 → {@code 99%}, 3 → {@code 99.9%}. */
    static String ninesLabel(final int nines) {
        final StringBuilder label = new StringBuilder("9".repeat(Math.min(nines, 2)));
        if (nines == 1) {
            label.append('0');
        }
        if (nines > 2) {
            label.append('.').append("9".repeat(nines - 2));
        }
        return label.append('%').toString();
    }
}
