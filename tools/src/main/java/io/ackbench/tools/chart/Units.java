package io.ackbench.tools.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** JMH's unit strings ({@code ops/us}, {@code ns/op}) as a reader wants them, and numbers short enough for ticks. */
final class Units {
    static final String OPS_PREFIX = "ops/";
    static final String PER_OP_SUFFIX = "/op";
    static final String NANOS_PER_OP = "ns" + PER_OP_SUFFIX;

    /** JMH's time unit labels (TimeUnit short labels) in nanoseconds. */
    private static final Map<String, Double> NANOS = Map.of(
        "ns", 1d, "us", 1e3, "ms", 1e6, "s", 1e9, "min", 60e9, "hr", 3600e9, "day", 86_400e9);

    private static final Pattern MICRO = Pattern.compile("\\bus\\b");
    private static final String MICRO_SIGN = "\u00b5s";

    private static final double THOUSAND = 1e3;
    private static final double TEN_THOUSAND = 1e4;
    private static final double MILLION = 1e6;
    private static final double BILLION = 1e9;
    /** Enough to tell bars apart, few enough to fit on one. */
    private static final MathContext SIGNIFICANT_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

    private Units() {
    }

    /** {@code 850 ns}, {@code 12.6 ms}, {@code 28.3 s}: a duration in the unit that keeps its number below 1,000. */
    static String duration(final double nanos) {
        final TimeUnit unit = nanos < THOUSAND ? TimeUnit.NANOSECONDS
            : nanos < MILLION ? TimeUnit.MICROSECONDS
            : nanos < BILLION ? TimeUnit.MILLISECONDS
            : TimeUnit.SECONDS;
        return compact(nanos / unit.toNanos(1)) + " " + symbol(unit);
    }

    /** {@code µs}, {@code ms}, {@code s}, {@code ns}. */
    static String symbol(final TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> MICRO_SIGN;
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> unit.name().toLowerCase(Locale.ROOT);
        };
    }

    /** {@code ops/us} becomes {@code ops/µs}; other units stay as JMH wrote them. */
    static String display(final String jmhUnit) {
        return MICRO.matcher(jmhUnit).replaceAll(MICRO_SIGN);
    }

    static boolean isThroughput(final String jmhUnit) {
        return jmhUnit.startsWith(OPS_PREFIX);
    }

    static boolean isTimePerOperation(final String jmhUnit) {
        return jmhUnit.endsWith(PER_OP_SUFFIX) && NANOS.containsKey(timeUnitOf(jmhUnit));
    }

    /** {@code throughput (ops/s)}, {@code time per operation (ns/op)}, or the unit alone. */
    static String axisTitle(final String jmhUnit) {
        if (isThroughput(jmhUnit)) {
            return "throughput (" + display(jmhUnit) + ")";
        }
        if (isTimePerOperation(jmhUnit)) {
            return "time per operation (" + display(jmhUnit) + ")";
        }
        return display(jmhUnit);
    }

    /**
     * Nanoseconds in the time unit of {@code ops/U} or {@code U/op}.
     *
     * @throws IllegalArgumentException when the unit has no time unit JMH writes
     */
    static double nanosIn(final String jmhUnit) {
        final Double nanos = NANOS.get(timeUnitOf(jmhUnit));
        if (nanos == null) {
            throw new IllegalArgumentException("the unit " + jmhUnit + " is not ops/TIME nor TIME/op with TIME one of "
                + NANOS.keySet());
        }
        return nanos;
    }

    private static String timeUnitOf(final String jmhUnit) {
        if (jmhUnit.startsWith(OPS_PREFIX)) {
            return jmhUnit.substring(OPS_PREFIX.length());
        }
        if (jmhUnit.endsWith(PER_OP_SUFFIX)) {
            return jmhUnit.substring(0, jmhUnit.length() - PER_OP_SUFFIX.length());
        }
        return jmhUnit;
    }

    /**
     * Three significant digits, with an SI suffix from ten thousand up: {@code 1.11M}, {@code 950k}, {@code 12.5k},
     * {@code 1,100}, {@code 72.4}, {@code 0.0351}; a label that stays short at any magnitude.
     */
    static String compact(final double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= BILLION) {
            return significant(value / BILLION) + "G";
        }
        if (magnitude >= MILLION) {
            return significant(value / MILLION) + "M";
        }
        if (magnitude >= TEN_THOUSAND) {
            return significant(value / THOUSAND) + "k";
        }
        return significant(value);
    }

    private static String significant(final double value) {
        final BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT_DIGITS).stripTrailingZeros();
        return rounded.scale() <= 0 ? String.format(Locale.ROOT, "%,d", rounded.longValueExact()) : rounded.toPlainString();
    }
}
