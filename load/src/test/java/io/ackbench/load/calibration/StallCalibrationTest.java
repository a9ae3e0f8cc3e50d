package io.ackbench.load.calibration;

import io.ackbench.load.RunResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in that freezes for S = 200 ms every P = 1 s, answering each record T = 2.25 ms after its hand-over otherwise.
 * Open loop at 2,000 records/s, the harness must report {@link StallModel}'s percentiles within 5%; closed loop, the
 * same stand-in shows almost nothing of the stalls (coordinated omission).
 */
@Tag("slow")
class StallCalibrationTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final CalibrationCase STALL = CalibrationMain.STALL;
    private static final StallModel MODEL = STALL.settings().model();

    @TempDir
    Path dir;

    @Test
    void openLoopTheHarnessReportsTheClosedFormsPercentiles() throws Exception {
        assertThat(STALL.settings()).hasToString("service 2250 us, stall 200 ms every 1000 ms");
        // A warm-up of two whole periods starts the measurement at the start of a stall; 10 s are ten periods.
        assertThat(STALL.warmupNanos()).isEqualTo(2_000 * MS);
        assertThat(STALL.durationNanos()).isEqualTo(10_000 * MS);

        final CalibrationCase.Measured measured = STALL.run(dir.resolve("out"),
            new PrintStream(OutputStream.nullOutputStream()));

        final RunResult result = measured.result();
        assertThat(result.sent()).isEqualTo(20_000);
        assertThat(result.acknowledged()).isEqualTo(20_000);
        // 2.25 ms + 1 s x (0.99 - 0.8), written out so that the model is checked too.
        assertThat(MODEL.latencyNanosAt(99)).isEqualTo(192_250_000L);
        Calibrations.assertWithin(CalibrationMain.STALL_TOLERANCE, MODEL, measured, 50, 90, 95, 99, 99.9);
    }

    @Test
    void closedLoopTheSameStallsAllButVanishFromTheTail() {
        // Stalls start at the first send, every second; half a period of warm-up puts five whole stalls inside the
        // 5 s measured, none at either edge.
        final ClosedLoopProbe.Probed probed = new ClosedLoopProbe(STALL.settings())
            .run(CalibrationMain.CLOSED_LOOP_WARMUP_NANOS, CalibrationMain.CLOSED_LOOP_DURATION_NANOS);
        final Histogram closed = probed.latency();
        // Only a stall may keep a record 100 ms: a responder starved that long would add records of its own.
        Assumptions.assumeTrue(probed.responderLateness().getMaxValue() < 50 * MS, () -> "The machine starved the "
            + "closed loop's responder for " + probed.responderLateness().getMaxValue() + " ns at once");

        // Each stall caught the one record out at its start, which waited it out; nothing was sent meanwhile.
        assertThat(closed.getCountBetweenValues(100 * MS, closed.getMaxValue()))
            .as("records that waited out a stall").isEqualTo(5);
        assertThat(closed.getMaxValue()).isGreaterThanOrEqualTo(closed.lowestEquivalentValue(200 * MS - 2 * MS));
        // The stall is hidden: p99 stays near the service time, where the open loop's is 192.25 ms (the test above).
        assertThat(closed.getValueAtPercentile(99))
            .isLessThan(2_250 * MS / 1_000 + 200 * MS / CalibrationMain.HIDDEN_BELOW_STALL_FRACTION);
        assertThat(MODEL.latencyNanosAt(99)).isGreaterThan(9 * closed.getValueAtPercentile(99));
    }
}
