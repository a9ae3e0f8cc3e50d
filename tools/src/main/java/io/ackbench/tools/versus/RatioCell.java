package io.ackbench.tools.versus;

import io.ackbench.tools.compare.RatioInterval;
import io.ackbench.tools.compare.RatioOfMeans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One ratio subject/reference of one figure as a table shows it, or why there is none: at the max rate a latency
 * ratio only restates the throughput ratio (queueing); at a set rate, throughput is the rate, and a latency ratio
 * holds only where both systems kept it. A ratio has two significant digits and Fieller's interval, its bounds rounded
 * outwards so that the printed interval contains the computed one: {@code 4.6× [4.2, 5.1]}.
 */
final class RatioCell {
    static final String QUEUEING = "queueing: n/a";
    static final String AT_SET_RATE = "n/a (set rate)";
    static final String NO_RUNS = "—";
    static final String TIMES = "×";
    private static final int DIGITS = 2;

    /** What the cell holds. */
    enum Kind {
        /** A ratio (with an interval where both systems had two completed runs or more). */
        RATIO,
        /** No ratio: the rate mode gives this figure no meaning. */
        NOT_MEANINGFUL,
        /** No ratio: a system did not deliver its target rate. */
        MISSED_RATE,
        /** No ratio: a system has no completed run. */
        NO_RUNS
    }

    private final Kind kind;
    private final RatioOfMeans ratio;
    private final String text;

    private RatioCell(final Kind kind, final RatioOfMeans ratio, final String text) {
        this.kind = kind;
        this.ratio = ratio;
        this.text = text;
    }

    static RatioCell of(final Versus versus, final String reference, final Figure figure) {
        final RateMode mode = versus.rateMode();
        if (!mode.compares(figure)) {
            return new RatioCell(Kind.NOT_MEANINGFUL, null, figure.isLatency() ? QUEUEING : AT_SET_RATE);
        }
        if (versus.values(versus.subject(), figure).length == 0 || versus.values(reference, figure).length == 0) {
            return new RatioCell(Kind.NO_RUNS, null, NO_RUNS);
        }
        if (mode != RateMode.MAX) {
            final List<String> missed = new ArrayList<>(2);
            for (final String system : List.of(versus.subject(), reference)) {
                if (!versus.deliveredRate(system)) {
                    missed.add(system);
                }
            }
            if (!missed.isEmpty()) {
                return new RatioCell(Kind.MISSED_RATE, null, String.join(" and ", missed) + " missed the rate");
            }
        }
        final RatioOfMeans ratio = versus.ratio(reference, figure);
        return new RatioCell(Kind.RATIO, ratio, format(ratio));
    }

    /**
     * {@code 4.6× [4.2, 5.1]}; {@code 5.1× [0.0, 19]} where Fieller's interval reaches below zero; {@code 4.6×
     * [unbounded]}; {@code 4.6× (no interval)} with a single run a side.
     */
    static String format(final RatioOfMeans ratio) {
        final String value = significant(ratio.ratio(), RoundingMode.HALF_UP) + TIMES;
        if (!ratio.hasInterval()) {
            return value + " (no interval)";
        }
        final RatioInterval interval = ratio.interval().orElseThrow();
        if (!interval.isBounded()) {
            return value + " [unbounded]";
        }
        // Every figure is positive, so is the ratio: below zero the interval holds no value the ratio can take, and
        // cutting that part off keeps its coverage.
        return value + " [" + significant(Math.max(0, interval.low()), RoundingMode.FLOOR) + ", "
            + significant(interval.high(), RoundingMode.CEILING) + "]";
    }

    /** Two significant digits, trailing zeros kept ({@code 1.0}, {@code 0.50}); {@code —} for no number. */
    static String significant(final double value, final RoundingMode rounding) {
        if (!Double.isFinite(value)) {
            return NO_RUNS;
        }
        if (value == 0) {
            return "0.0";
        }
        final BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(DIGITS, rounding));
        final int missing = DIGITS - rounded.precision();
        return (missing > 0 ? rounded.setScale(rounded.scale() + missing) : rounded).toPlainString();
    }

    Kind kind() {
        return kind;
    }

    /** The ratio, for {@link Kind#RATIO}; else null. */
    RatioOfMeans ratio() {
        return ratio;
    }

    /** What the table prints. */
    String text() {
        return text;
    }
}
