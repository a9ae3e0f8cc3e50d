package io.ackbench.load.calibration;

import io.ackbench.load.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in that answers every record 5 ms after it was handed over: the harness must report 5 ms at every
 * percentile, within 2%, through {@code LoadGenerator.run} as produce-perf runs it.
 */
class ConstantServiceCalibrationTest {
    private static final long SERVICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long RATE = 2_000;

    @TempDir
    Path dir;

    @Test
    void theHarnessReportsTheServiceTimeAtTheMedianAndTheNinetyNinthPercentile() throws Exception {
        final CalibrationCase constant = new CalibrationCase("constant", CalibrationSettings.constant(SERVICE_NANOS),
            RATE, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(3));

        final RunResult result = constant.run(dir.resolve("out"), new PrintStream(OutputStream.nullOutputStream()))
            .result();

        // The run's length is the schedule's: 3 s at 2,000 records/s.
        assertThat(result.sent()).isEqualTo(6_000);
        assertThat(result.acknowledged()).isEqualTo(6_000);
        assertThat(result.failed()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(6_000);
        // No record completes before it is due (the histogram keeps 3 significant digits: its bucket's lower end).
        assertThat(result.latency().getMinValue())
            .isGreaterThanOrEqualTo(result.latency().lowestEquivalentValue(SERVICE_NANOS));
        Calibrations.assertWithin(0.02, constant.settings().model(), result, 50, 99);
    }
}
