package io.ackbench.tools.compare;

import java.util.Locale;

/** Which way a metric gets better, told by its unit and, failing that, by the benchmark mode. */
public enum Direction {
    /** Throughput: operations per unit of time. */
    HIGHER_IS_BETTER,
    /** Time or bytes per operation. */
    LOWER_IS_BETTER;

    private static final String PER_OPERATION = "/op";
    private static final String OPERATIONS_PER = "ops/";
    private static final String THROUGHPUT_MODE = "thrpt";
    private static final String[] TIME_PER_OPERATION_MODES = {"avgt", "sample", "ss"};

    /**
     * {@code .../op} (us/op, B/op) is lower-is-better, {@code ops/...} higher-is-better; any other unit goes by
     * the mode: {@code thrpt} higher, {@code avgt}, {@code sample}, {@code ss} lower.
     *
     * @throws IllegalArgumentException when neither unit nor mode tells
     */
    public static Direction of(final String mode, final String unit) {
        final String lowerUnit = unit.toLowerCase(Locale.ROOT);
        if (lowerUnit.endsWith(PER_OPERATION)) {
            return LOWER_IS_BETTER;
        }
        if (lowerUnit.startsWith(OPERATIONS_PER)) {
            return HIGHER_IS_BETTER;
        }
        if (THROUGHPUT_MODE.equals(mode)) {
            return HIGHER_IS_BETTER;
        }
        for (final String timeMode : TIME_PER_OPERATION_MODES) {
            if (timeMode.equals(mode)) {
                return LOWER_IS_BETTER;
            }
        }
        throw new IllegalArgumentException("cannot tell whether more is better for unit \"" + unit + "\" in mode \""
            + mode + "\" (expected ops/TIME, .../op, or mode thrpt, avgt, sample or ss)");
    }

    /** Whether a ratio current/baseline means the current run is worse than the baseline. */
    boolean isWorse(final double ratio) {
        return this == HIGHER_IS_BETTER ? ratio < 1 : ratio > 1;
    }
}
