package io.ackbench.load.calibration;

import io.ackbench.load.RunResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in that freezes for S = 200 ms every P = 1 s, answering each record T = 1 ms after its hand-over otherwise.
 * Open loop at 2,000 records/s, the harness must report {@link StallModel}'s percentiles within 5%; closed loop, the
 * same stand-in shows almost nothing of the stalls (coordinated omission).
 */
@Tag("slow")
class StallCalibrationTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final CalibrationSettings STALLING = new CalibrationSettings(MS, 200 * MS, 1_000 * MS);

    @TempDir
    Path dir;

    @Test
    void openLoopTheHarnessReportsTheClosedFormsPercentiles() throws Exception {
        // A warm-up of two whole periods starts the measurement at the start of a stall, and 10 s are ten periods.
        final CalibrationCase stalls = new CalibrationCase("stall", STALLING, 2_000, 2 * 1_000 * MS, 10 * 1_000 * MS);

        final RunResult result = stalls.run(dir.resolve("out"), new PrintStream(OutputStream.nullOutputStream()))
            .result();

        assertThat(result.sent()).isEqualTo(20_000);
        assertThat(result.acknowledged()).isEqualTo(20_000);
        // 1 ms + 1 s x (0.99 - 0.8), written out so that the model is checked too.
        assertThat(STALLING.model().latencyNanosAt(99)).isEqualTo(191_000_000L);
        Calibrations.assertWithin(0.05, STALLING.model(), result, 50, 90, 95, 99, 99.9);
    }

    @Test
    void closedLoopTheSameStallsAllButVanishFromTheTail() {
        // Stalls start at the first send, every second; a warm-up of half a period puts five whole stalls inside the
        // 5 s measured, none at either edge.
        final Histogram closed = new ClosedLoopProbe(STALLING).run(500 * MS, 5 * 1_000 * MS);

        // Each stall caught the one record out at its start, which waited out the stall; nothing was sent meanwhile.
        final long stalled = closed.getCountBetweenValues(100 * MS, closed.getMaxValue());
        assertThat(stalled).as("records that waited out a stall").isEqualTo(5);
        assertThat(closed.getMaxValue()).isGreaterThanOrEqualTo(200 * MS - 2 * MS);
        // The stall is hidden: p99 stays near the service time, where the open loop's is 191 ms (the test above).
        assertThat(closed.getValueAtPercentile(99)).isLessThan(MS + 200 * MS / 10);
        assertThat(STALLING.model().latencyNanosAt(99)).isGreaterThan(9 * closed.getValueAtPercentile(99));
    }
}
