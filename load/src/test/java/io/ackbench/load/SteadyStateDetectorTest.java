package io.ackbench.load;

import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SteadyStateDetectorTest {
    @Test
    void settlesWhenTheLastThreeWindowsAreWithinFivePercentAndNotBefore() {
        final SteadyStateDetector detector = new SteadyStateDetector();

        assertThat(detector.offer(200_000, 9_000)).isFalse();   // 1: cold
        assertThat(detector.offer(350_000, 4_000)).isFalse();   // 2
        assertThat(detector.offer(440_000, 2_100)).isFalse();   // 3: three windows, far apart
        assertThat(detector.offer(450_000, 2_000)).isFalse();   // 4: p50 2000..4000 over windows 2 to 4
        // 5: windows 3 to 5 have throughput 440k..455k (3.4%) and p50 2000..2100, exactly 5%.
        assertThat(detector.offer(455_000, 2_050)).isTrue();
        assertThat(detector.settled()).isTrue();
        assertThat(detector.windowsOffered()).isEqualTo(5);
    }

    @Test
    void settlesAtTheFirstWindowWhoseLastThreeAgree() {
        final SteadyStateDetector detector = new SteadyStateDetector();
        final double[][] windows = {{100, 5_000}, {200, 3_000}, {300, 2_000}, {310, 2_000}, {305, 2_090},
            {300, 2_050}};
        int settledAt = -1;
        for (int k = 0; k < windows.length && settledAt < 0; k++) {
            if (detector.offer(windows[k][0], windows[k][1])) {
                settledAt = k + 1;
            }
        }
        // Windows 3 to 5: throughput 300..310 (3.3%), p50 2000..2090 (4.5%).
        assertThat(settledAt).isEqualTo(5);
    }

    @Test
    void aFigureJustOverTheToleranceKeepsItMoving() {
        final SteadyStateDetector detector = new SteadyStateDetector(3, 0.05);
        detector.offer(1_000, 100);
        detector.offer(1_000, 100);
        assertThat(detector.offer(1_000, 105)).as("105 = 100 * 1.05").isTrue();
        assertThat(detector.offer(1_000, 105.1)).as("105.1 > 100 * 1.05").isFalse();
    }

    @Test
    void aFixedRateSettlesOnItsP50AndAWindowWithoutAcknowledgementsNever() {
        final SteadyStateDetector detector = new SteadyStateDetector();
        for (int k = 0; k < 10; k++) {
            assertThat(detector.offer(20_000, 4_000 + 1_000 * (k % 2))).as("window %d", k).isFalse();
        }
        final SteadyStateDetector idle = new SteadyStateDetector();
        for (int k = 0; k < 10; k++) {
            assertThat(idle.offer(0, 0)).isFalse();
        }
    }

    @Test
    void aWarmUpWithNoRoomForAWindowEndsUnsettledAtItsMaximum() throws Exception {
        final long start = System.nanoTime();
        final long latest = start + SteadyWarmup.WINDOW_NANOS / 2;
        final CompletionRecorder[] none = {new CompletionRecorder(new LatencyRecorder(), latest)
            .watchWarmup(new LatencyRecorder())};
        final BooleanSupplier sending = () -> true;

        final WarmupOutcome outcome = new SteadyWarmup(none).await(start, latest, sending);

        assertThat(outcome.settled()).isFalse();
        assertThat(outcome.nanos()).isEqualTo(SteadyWarmup.WINDOW_NANOS / 2);
        assertThat(outcome.windows()).isZero();
    }

    @Test
    void theOutcomeSaysHowLongItTookOrThatItDidNotSettle() {
        final SteadyStateDetector detector = new SteadyStateDetector();
        assertThat(WarmupOutcome.steady(true, 23_000_000_000L, detector).line())
            .isEqualTo("Warmed up in 23.0 s: throughput and p50 within 5% over 3 windows.");
        assertThat(WarmupOutcome.steady(false, 120_000_000_000L, detector).line())
            .isEqualTo("The warm-up did not settle within 120 s (throughput and p50 within 5% over 3 windows); "
                + "measuring from there.");
        assertThat(WarmupOutcome.steady(true, 23_000_000_000L, detector).toJson())
            .isEqualTo("{\"mode\": \"steady\", \"seconds\": 23.000, \"settled\": true, \"windows\": 0}");
        assertThat(WarmupOutcome.fixed(5_000_000_000L).toJson()).isEqualTo("{\"mode\": \"fixed\", \"seconds\": 5.000}");
        assertThat(WarmupOutcome.fixed(5_000_000_000L).line()).isNull();
    }

    @Test
    void fewerThanTwoWindowsOrANegativeToleranceIsRefused() {
        assertThatThrownBy(() -> new SteadyStateDetector(1, 0.05)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a steady state needs at least 2 windows to compare, was 1");
        assertThatThrownBy(() -> new SteadyStateDetector(3, -0.1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("tolerance must be 0 or more, was -0.1");
    }
}
