package io.ackbench.load.calibration;

import org.HdrHistogram.Histogram;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Locale;

/** What the calibration tests compare: the harness's percentiles against the closed form's. */
final class Calibrations {
    private Calibrations() {
    }

    /**
     * Asserts that each percentile of {@code measured} is within {@code tolerance} (a fraction) of the model's; a
     * failure shows every percentile, the run's send delay and the responder's lateness, which the measured latency
     * includes: a thread starved of a core makes every record it handles late. Skips, with the same figures, a run
     * outside the tolerance that could not calibrate ({@code notCalibrated} not null: see
     * {@link CalibrationCase.Measured#whyNotCalibrated}).
     */
    static void assertWithin(final double tolerance, final StallModel model, final Histogram measured,
                             final Histogram sendDelay, final Histogram responderLateness,
                             final String notCalibrated, final double... percentiles) {
        final SoftAssertions soft = new SoftAssertions();
        final StringBuilder table = new StringBuilder();
        for (final double percentile : percentiles) {
            final long expected = model.latencyNanosAt(percentile);
            final long value = measured.getValueAtPercentile(percentile);
            table.append(String.format(Locale.ROOT, "p%s expected %d ns measured %d ns (%+.2f%%); ", percentile,
                expected, value, 100.0 * (value - expected) / expected));
        }
        table.append(String.format(Locale.ROOT, "send delay p50 %d ns p99 %d ns max %d ns; responder lateness p50 %d "
                + "ns p99 %d ns max %d ns; latency max %d ns", sendDelay.getValueAtPercentile(50),
            sendDelay.getValueAtPercentile(99), sendDelay.getMaxValue(), responderLateness.getValueAtPercentile(50),
            responderLateness.getValueAtPercentile(99), responderLateness.getMaxValue(), measured.getMaxValue()));
        System.out.println("calibration: " + table);
        boolean allWithin = true;
        for (final double percentile : percentiles) {
            final long expected = model.latencyNanosAt(percentile);
            final long value = measured.getValueAtPercentile(percentile);
            allWithin &= Math.abs(value - expected) <= Math.round(expected * tolerance);
        }
        // Within the tolerance passes however late the threads were; outside it, only a run the machine starved
        // is skipped.
        Assumptions.assumeTrue(allWithin || notCalibrated == null,
            () -> "The machine starved the calibration: " + notCalibrated + "; " + table);
        for (final double percentile : percentiles) {
            final long expected = model.latencyNanosAt(percentile);
            soft.assertThat(measured.getValueAtPercentile(percentile))
                .as("p%s of %s", percentile, table)
                .isBetween(Math.round(expected * (1 - tolerance)), Math.round(expected * (1 + tolerance)));
        }
        soft.assertAll();
    }

    static void assertWithin(final double tolerance, final StallModel model, final CalibrationCase.Measured measured,
                             final double... percentiles) {
        assertWithin(tolerance, model, measured.result().latency(), measured.result().sendDelay(),
            measured.responderLateness(), measured.whyNotCalibrated(tolerance, model, percentiles), percentiles);
    }
}
