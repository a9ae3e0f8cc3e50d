package io.ackbench.tools.chart;

import org.knowm.xchart.style.Styler;

import java.util.List;

/**
 * The corner of the plot where a legend hides least of the data: the one whose legend-sized box holds the fewest
 * points. Points are in plot fractions, 0 to 1 from the left and from the bottom.
 */
final class LegendCorner {
    /** Tried in this order; the first of equally empty corners wins (latency rises to the right). */
    private static final Styler.LegendPosition[] CORNERS = {
        Styler.LegendPosition.InsideSE, Styler.LegendPosition.InsideNW,
        Styler.LegendPosition.InsideNE, Styler.LegendPosition.InsideSW,
    };

    private LegendCorner() {
    }

    /**
     * @param points         {x, y} pairs as plot fractions
     * @param widthFraction  the legend's width as a fraction of the plot's
     * @param heightFraction the legend's height as a fraction of the plot's
     */
    static Styler.LegendPosition choose(final List<double[]> points, final double widthFraction,
                                        final double heightFraction) {
        Styler.LegendPosition best = CORNERS[0];
        long fewest = Long.MAX_VALUE;
        for (final Styler.LegendPosition corner : CORNERS) {
            final boolean right = corner == Styler.LegendPosition.InsideSE || corner == Styler.LegendPosition.InsideNE;
            final boolean top = corner == Styler.LegendPosition.InsideNW || corner == Styler.LegendPosition.InsideNE;
            long inside = 0;
            for (final double[] point : points) {
                final boolean inX = right ? point[0] >= 1 - widthFraction : point[0] <= widthFraction;
                final boolean inY = top ? point[1] >= 1 - heightFraction : point[1] <= heightFraction;
                if (inX && inY) {
                    inside++;
                }
            }
            if (inside < fewest) {
                fewest = inside;
                best = corner;
            }
        }
        return best;
    }
}
