package io.ackbench.tools.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.util.Map;
import java.util.TreeMap;

/**
 * An XY chart whose x axis is labelled at chosen positions ({@code 50%} at 2, {@code 99%} at 100, ...) instead of
 * XChart's evenly spaced ticks, which its API cannot place. XChart still lays out room for its own tick labels, drawn
 * transparent; the chosen labels, tick marks and vertical grid lines are painted over the finished chart.
 *
 * <p>The y axis range must be set on the styler (both ends): the grid lines span it.
 */
final class LabelledTicksChart extends XYChart {
    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    private static final float GRID_LINE_WIDTH = 1f;
    private static final float TICK_MARK_WIDTH = 1f;
    /**
     * The axis ranges reach the plot's edges, so the y axis minimum lies on the bottom edge, where the labels hang.
     * (Exactly 1 would drop XChart's labels at the ends of the y axis.)
     */
    private static final double PLOT_CONTENT_SIZE = 0.999;

    private final Map<Double, String> ticks;

    /** @param ticks label by x value, in chart coordinates */
    LabelledTicksChart(final int width, final int height, final Map<Double, String> ticks) {
        super(width, height);
        this.ticks = new TreeMap<>(ticks);
        final XYStyler styler = getStyler();
        ChartStyle.apply(styler);
        styler.setXAxisTickLabelsColor(TRANSPARENT);
        styler.setXAxisTickMarksColor(TRANSPARENT);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotContentSize(PLOT_CONTENT_SIZE);
    }

    @Override
    public void paint(final Graphics2D g, final int width, final int height) {
        super.paint(g, width, height);
        final XYStyler styler = getStyler();
        if (styler.getYAxisMin() == null || styler.getYAxisMax() == null) {
            throw new IllegalStateException("LabelledTicksChart needs the y axis range set");
        }
        final double top = getScreenYFromChart(styler.getYAxisMax());
        final double bottom = getScreenYFromChart(styler.getYAxisMin());
        final Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setFont(styler.getAxisTickLabelsFont());
            final FontMetrics metrics = g2.getFontMetrics();
            final double labelBaseline = bottom + styler.getAxisTickMarkLength() + styler.getAxisTickPadding()
                + metrics.getAscent();
            for (final Map.Entry<Double, String> tick : ticks.entrySet()) {
                final double x = getScreenXFromChart(tick.getKey());
                g2.setColor(ChartStyle.GRID_COLOR);
                g2.setStroke(new BasicStroke(GRID_LINE_WIDTH));
                g2.draw(new Line2D.Double(x, top, x, bottom));
                g2.setColor(styler.getAxisTickMarksColor());
                g2.setStroke(new BasicStroke(TICK_MARK_WIDTH));
                g2.draw(new Line2D.Double(x, bottom, x, bottom + styler.getAxisTickMarkLength()));
                g2.setColor(ChartStyle.TEXT_COLOR);
                final String label = tick.getValue();
                g2.drawString(label, (float) (x - metrics.stringWidth(label) / 2.0), (float) labelBaseline);
            }
        } finally {
            g2.dispose();
        }
    }
}
