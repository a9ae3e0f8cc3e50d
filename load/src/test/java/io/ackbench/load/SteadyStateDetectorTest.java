package io.ackbench.load;

import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SteadyStateDetectorTest {
    /** Offers the windows in turn; returns the 1-based window that settled it, or -1. */
    private static int settledAt(final SteadyStateDetector detector, final double[][] windows) {
        for (int k = 0; k < windows.length; k++) {
            if (detector.offer(windows[k][0], windows[k][1])) {
                return k + 1;
            }
        }
        return -1;
    }

    @Test
    void settlesWhenTheLastFiveWindowsMeanIsWithinFivePercentOfTheFiveBefore() {
        final SteadyStateDetector detector = new SteadyStateDetector();
        // Cold, then flat at 450k with a p50 of 2000 from window 4 on.
        final double[][] windows = {{200_000, 9_000}, {350_000, 4_000}, {440_000, 2_100}, {450_000, 2_000},
            {450_000, 2_000}, {450_000, 2_000}, {450_000, 2_000}, {450_000, 2_000}, {450_000, 2_000},
            {450_000, 2_000}, {450_000, 2_000}, {450_000, 2_000}, {450_000, 2_000}};

        // Window 10: spans 1-5 (mean 378k) and 6-10 (450k) are 19% apart. Window 11: spans 2-6 (428k, p50 2420)
        // and 7-11 (450k, 2000): 5.1% and 21% apart. Window 12: spans 3-7 (448k, 2020) and 8-12 (450k, 2000): 0.4%, 1%.
        assertThat(settledAt(detector, windows)).isEqualTo(12);
        assertThat(detector.settled()).isTrue();
        assertThat(detector.windowsOffered()).isEqualTo(12);
    }

    @Test
    void threeWindowsAgreeingOnAStepOfAClimbDoNotSettleIt() {
        // A cold Kafka cluster's climb in steps: flat for 4 s at a time, each step 20% above the one before. The
        // rule this detector replaced (three windows within 5%) settled it at window 3.
        final SteadyStateDetector detector = new SteadyStateDetector();
        final double[][] windows = new double[24][];
        for (int k = 0; k < windows.length; k++) {
            windows[k] = new double[] {200_000 * Math.pow(1.2, k / 4), 2_000};
        }
        assertThat(settledAt(detector, windows)).isEqualTo(-1);
    }

    @Test
    void noisyWindowsWhoseSpansAgreeSettle() {
        // Alternating 400k and 500k: no two neighbours within 5%, but every span of five averages 440k or 460k.
        final SteadyStateDetector detector = new SteadyStateDetector(5, 0.05);
        final double[][] windows = new double[10][];
        for (int k = 0; k < windows.length; k++) {
            windows[k] = new double[] {k % 2 == 0 ? 400_000 : 500_000, 2_000};
        }
        // Spans 1-5 (400k, 500k, 400k, 500k, 400k: 440k) and 6-10 (460k): 460 <= 440 * 1.05 = 462.
        assertThat(settledAt(detector, windows)).isEqualTo(10);
    }

    @Test
    void aMeanJustOverTheToleranceKeepsItMoving() {
        final SteadyStateDetector detector = new SteadyStateDetector(1, 0.05);
        detector.offer(1_000, 100);
        assertThat(detector.offer(1_000, 105)).as("105 = 100 * 1.05").isTrue();
        assertThat(detector.offer(1_000, 110.26)).as("110.26 > 105 * 1.05").isFalse();
    }

    @Test
    void aWindowWithoutAcknowledgementsSettlesNothingWhileItIsCompared() {
        final SteadyStateDetector idle = new SteadyStateDetector();
        for (int k = 0; k < 20; k++) {
            assertThat(idle.offer(0, 0)).isFalse();
        }
        final SteadyStateDetector gap = new SteadyStateDetector(2, 0.05);
        gap.offer(20_000, 4_000);
        gap.offer(20_000, 4_000);
        gap.offer(20_000, 4_000);
        assertThat(gap.offer(20_000, 4_000)).isTrue();
        assertThat(gap.offer(0, 0)).isFalse();
        gap.offer(20_000, 4_000);
        gap.offer(20_000, 4_000);
        assertThat(gap.offer(20_000, 4_000)).as("the empty window is still among the last four").isFalse();
        assertThat(gap.offer(20_000, 4_000)).isTrue();
    }

    @Test
    void aWarmUpWithNoRoomForAWindowEndsUnsettledAtItsMaximum() throws Exception {
        final long start = System.nanoTime();
        final long latest = start + SteadyWarmup.WINDOW_NANOS / 2;
        final CompletionRecorder[] none = {new CompletionRecorder(new LatencyRecorder(), latest)
            .watchWarmup(new LatencyRecorder())};
        final BooleanSupplier sending = () -> true;

        final WarmupOutcome outcome = new SteadyWarmup(none).await(start, start, latest, sending);

        assertThat(outcome.settled()).isFalse();
        assertThat(outcome.nanos()).isEqualTo(SteadyWarmup.WINDOW_NANOS / 2);
        assertThat(outcome.windows()).isZero();
    }

    @Test
    void theOutcomeSaysHowLongItTookOrThatItDidNotSettle() {
        final SteadyStateDetector detector = new SteadyStateDetector();
        assertThat(WarmupOutcome.steady(true, 23_000_000_000L, detector).line())
            .isEqualTo("Warmed up in 23.0 s: throughput and p50 over the last 5 windows within 5% of the 5 before.");
        assertThat(WarmupOutcome.steady(false, 120_000_000_000L, detector).line())
            .isEqualTo("The warm-up did not settle within 120 s (throughput and p50 over 5 windows within 5% of the "
                + "5 before); measuring from there.");
        assertThat(WarmupOutcome.steady(true, 23_000_000_000L, detector).toJson())
            .isEqualTo("{\"mode\": \"steady\", \"seconds\": 23.000, \"settled\": true, \"windows\": 0}");
        assertThat(WarmupOutcome.fixed(5_000_000_000L).toJson()).isEqualTo("{\"mode\": \"fixed\", \"seconds\": 5.000}");
        assertThat(WarmupOutcome.fixed(5_000_000_000L).line()).isNull();
    }

    @Test
    void anEmptySpanOrANegativeToleranceIsRefused() {
        assertThatThrownBy(() -> new SteadyStateDetector(0, 0.05)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a steady state compares two spans of at least 1 window each, was 0");
        assertThatThrownBy(() -> new SteadyStateDetector(3, -0.1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("tolerance must be 0 or more, was -0.1");
    }
}
