package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LegendCornerTest {
    private static List<double[]> line(final double fromX, final double fromY, final double toX, final double toY) {
        final List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            points.add(new double[] {fromX + (toX - fromX) * i / 100, fromY + (toY - fromY) * i / 100});
        }
        return points;
    }

    @Test
    void aRisingCurveLeavesTheBottomRightFree() {
        assertThat(LegendCorner.choose(line(0, 0, 1, 1), 0.3, 0.3)).isEqualTo(Styler.LegendPosition.InsideSE);
    }

    @Test
    void aCurveAlongTheBottomSendsTheLegendUp() {
        assertThat(LegendCorner.choose(line(0, 0.05, 1, 0.1), 0.3, 0.3)).isEqualTo(Styler.LegendPosition.InsideNW);
    }

    @Test
    void aCurveThroughTheBottomRightAndTopLeftLeavesTheTopRight() {
        final List<double[]> points = new ArrayList<>(line(0, 0.9, 0.3, 0.95));
        points.addAll(line(0.7, 0.05, 1, 0.1));
        assertThat(LegendCorner.choose(points, 0.3, 0.3)).isEqualTo(Styler.LegendPosition.InsideNE);
    }
}
