package io.ackbench.load.calibration;

import io.ackbench.load.RunResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in that answers every record 50.25 ms after it was handed over, at 2,000 records/s: the harness must report
 * 50.25 ms at the median and the 99th percentile within 2%, through {@code LoadGenerator.run} as produce-perf runs it.
 * (Why not 5 ms: {@link CalibrationMain#CONSTANT}.)
 */
@Tag("slow")
class ConstantServiceCalibrationTest {
    @TempDir
    Path dir;

    @Test
    void theHarnessReportsTheServiceTimeAtTheMedianAndTheNinetyNinthPercentile() throws Exception {
        final CalibrationCase constant = CalibrationMain.CONSTANT;
        assertThat(constant.settings().serviceNanos()).isEqualTo(50_250_000L);

        final CalibrationCase.Measured measured = constant.run(dir.resolve("out"),
            new PrintStream(OutputStream.nullOutputStream()));

        // The run's length is the schedule's: 4 s at 2,000 records/s.
        final RunResult result = measured.result();
        assertThat(result.sent()).isEqualTo(8_000);
        assertThat(result.acknowledged()).isEqualTo(8_000);
        assertThat(result.failed()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(8_000);
        // No record completes before it is due (the histogram keeps 3 significant digits: its bucket's lower end).
        assertThat(result.latency().getMinValue())
            .isGreaterThanOrEqualTo(result.latency().lowestEquivalentValue(50_250_000L));
        Calibrations.assertWithin(CalibrationMain.CONSTANT_TOLERANCE, constant.settings().model(), measured, 50, 99);
    }
}
