package io.ackbench.tools.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Expected figures computed independently (SciPy: Welch's {@code ttest_ind}, t quantiles, Fieller's roots). */
class RatioOfMeansTest {
    private static final double[] TEN = {10, 10.2, 9.8, 10.1, 9.9};
    private static final double[] EIGHT = {8, 8.2, 7.8, 8.1, 7.9};
    private static final double CLOSE = 1e-9;

    @Test
    void twentyPercentLowerGivesFiellersIntervalAndWelchsPValue() {
        final RatioOfMeans ratio = RatioOfMeans.of(TEN, EIGHT, 0.99);

        assertThat(ratio.baselineMean()).isCloseTo(10, within(CLOSE));
        assertThat(ratio.currentMean()).isCloseTo(8, within(CLOSE));
        assertThat(ratio.ratio()).isCloseTo(0.8, within(CLOSE));
        assertThat(ratio.interval().orElseThrow().low()).isCloseTo(0.7700543782363252, within(CLOSE));
        assertThat(ratio.interval().orElseThrow().high()).isCloseTo(0.8308468190071888, within(CLOSE));
        assertThat(ratio.pValue()).isCloseTo(4.073918328674834e-08, within(1e-15));
        assertThat(ratio.isSignificant()).isTrue();
    }

    @Test
    void lowerConfidenceNarrowsTheInterval() {
        final RatioInterval interval = RatioOfMeans.of(TEN, EIGHT, 0.95).interval().orElseThrow();

        assertThat(interval.low()).isCloseTo(0.7793271468549563, within(CLOSE));
        assertThat(interval.high()).isCloseTo(0.8210983786906738, within(CLOSE));
    }

    @Test
    void unequalVariancesAndSizesUseWelchSatterthwaiteDegreesOfFreedom() {
        final RatioOfMeans ratio = RatioOfMeans.of(
            new double[] {100, 104, 96, 101, 99, 98, 102}, new double[] {103, 109, 95, 111, 99}, 0.99);

        assertThat(ratio.ratio()).isCloseTo(1.034, within(CLOSE));
        assertThat(ratio.interval().orElseThrow().low()).isCloseTo(0.9065828026856935, within(CLOSE));
        assertThat(ratio.interval().orElseThrow().high()).isCloseTo(1.1648551916242966, within(CLOSE));
        assertThat(ratio.pValue()).isCloseTo(0.33146951517466483, within(CLOSE));
        assertThat(ratio.isSignificant()).isFalse();
    }

    @Test
    void intervalExcludesOneExactlyWhenTheTestIsSignificant() {
        for (long seed = 0; seed < 500; seed++) {
            final RatioOfMeans ratio = RatioOfMeans.of(
                SyntheticJmh.normal(seed, 100, 5, 4), SyntheticJmh.normal(seed + 500, 104, 5, 6), 0.99);

            assertThat(ratio.interval().orElseThrow().contains(1)).isEqualTo(!ratio.isSignificant());
        }
    }

    @Test
    void oneSampleOnEitherSideHasNoInterval() {
        final RatioOfMeans ratio = RatioOfMeans.of(new double[] {4}, EIGHT, 0.99);

        assertThat(ratio.ratio()).isEqualTo(2);
        assertThat(ratio.hasInterval()).isFalse();
        assertThat(ratio.interval()).isEmpty();
        assertThat(ratio.pValue()).isNaN();
        assertThat(ratio.isSignificant()).isFalse();
        assertThat(RatioOfMeans.of(TEN, new double[] {12}, 0.99).hasInterval()).isFalse();
    }

    @Test
    void zeroBaselineMeanLeavesTheRatioUndefined() {
        final RatioOfMeans ratio = RatioOfMeans.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}, 0.99);

        assertThat(ratio.ratio()).isNaN();
        assertThat(ratio.hasInterval()).isFalse();
    }

    @Test
    void identicalIterationsOnBothSidesAreCertain() {
        final RatioOfMeans differ = RatioOfMeans.of(new double[] {2, 2, 2}, new double[] {3, 3}, 0.99);
        final RatioOfMeans same = RatioOfMeans.of(new double[] {2, 2, 2}, new double[] {2, 2}, 0.99);

        assertThat(differ.isSignificant()).isTrue();
        assertThat(differ.pValue()).isZero();
        assertThat(differ.interval().orElseThrow().low()).isEqualTo(1.5);
        assertThat(differ.interval().orElseThrow().high()).isEqualTo(1.5);
        assertThat(same.isSignificant()).isFalse();
        assertThat(same.pValue()).isEqualTo(1);
    }

    @Test
    void baselineIndistinguishableFromZeroGivesAnUnboundedInterval() {
        final RatioOfMeans ratio = RatioOfMeans.of(new double[] {-1, 1, 0.5}, new double[] {10, 10.5, 9.5}, 0.99);

        assertThat(ratio.interval().orElseThrow().isBounded()).isFalse();
        assertThat(ratio.interval().orElseThrow().contains(1e9)).isTrue();
    }
}
