package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PercentileAxisTest {
    @Test
    void eachNineIsOneUnitFurther() {
        assertThat(PercentileAxis.position(0)).isEqualTo(0);
        assertThat(PercentileAxis.position(0.5)).isEqualTo(Math.log10(2));
        assertThat(PercentileAxis.position(0.9)).isCloseTo(1, within(1e-12));
        assertThat(PercentileAxis.position(0.999)).isCloseTo(3, within(1e-12));
    }

    @Test
    void ticksReachTheLastNineTheDataReaches() {
        final Map<Double, String> ticks = PercentileAxis.ticks(4.2);

        assertThat(ticks.values()).containsExactly("0%", "50%", "90%", "99%", "99.9%", "99.99%");
        assertThat(ticks.keySet()).containsExactly(0.0, Math.log10(2), 1.0, 2.0, 3.0, 4.0);
        // A file's 0.999990000000 is 5 nines, give or take its rounding.
        assertThat(PercentileAxis.ticks(PercentileAxis.position(0.99999) - 1e-9).values()).contains("99.999%");
    }

    @Test
    void ninesAreLabelledAsPercentages() {
        assertThat(PercentileAxis.ninesLabel(1)).isEqualTo("90%");
        assertThat(PercentileAxis.ninesLabel(2)).isEqualTo("99%");
        assertThat(PercentileAxis.ninesLabel(3)).isEqualTo("99.9%");
        assertThat(PercentileAxis.ninesLabel(6)).isEqualTo("99.9999%");
    }
}
