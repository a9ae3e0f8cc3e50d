package io.ackbench.tools.chart;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** The look every ackbench chart shares: size, fonts large enough to read in a report, white plot, one palette. */
final class ChartStyle {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    static final String TITLE_SEPARATOR = " \u2014 ";

    /** Okabe and Ito's palette, told apart also with the common colour-vision deficiencies; black moved last. */
    static final Color[] SERIES_COLORS = {
        new Color(0, 114, 178),   // blue
        new Color(230, 159, 0),   // orange
        new Color(0, 158, 115),   // bluish green
        new Color(204, 121, 167), // reddish purple
        new Color(86, 180, 233),  // sky blue
        new Color(213, 94, 0),    // vermillion
        new Color(240, 228, 66),  // yellow
        new Color(0, 0, 0),
    };

    static final Color GRID_COLOR = new Color(225, 225, 225);
    static final Color TEXT_COLOR = new Color(30, 30, 30);
    static final Color ERROR_BAR_COLOR = new Color(40, 40, 40);

    private static final String FONT_FAMILY = Font.SANS_SERIF;
    static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 17);
    static final Font AXIS_TITLE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);
    static final Font LEGEND_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);

    /** A long title is set smaller, down to this size, before it is cut short with an ellipsis. */
    private static final int MIN_TITLE_FONT_SIZE = 12;
    private static final String ELLIPSIS = "\u2026";

    private static final int CHART_PADDING = 12;
    /** The y axis' title and tick labels, roughly, which put the plot's centre right of the chart's. */
    private static final int Y_AXIS_ALLOWANCE = 90;
    /** The title above the plot and the x axis' tick labels and title below it, roughly. */
    private static final int TITLE_AND_X_AXIS_ALLOWANCE = 100;
    /** Space between legend rows, roughly as XChart leaves it. */
    private static final int LEGEND_ROW_GAP = 4;
    /** A legend's border, padding and gaps around its entries' text and line, roughly. */
    private static final int LEGEND_DECORATION_WIDTH = 60;
    private static final int PLOT_MARGIN = 0;
    private static final float GRID_LINE_WIDTH = 1f;

    private ChartStyle() {
    }

    /**
     * Sets the title in the largest font from {@link #TITLE_FONT} down to {@value #MIN_TITLE_FONT_SIZE} points that
     * fits the chart's width; cut short with an ellipsis if even that does not. XChart draws titles on one line.
     */
    static void fitTitle(final Chart<?, ?> chart, final String title) {
        fitTitle(chart, title, false);
    }

    /**
     * {@link #fitTitle(Chart, String)} for a chart whose legend may stand beside the plot, taking the legend's width
     * (series added already) off the room instead of the y axis'.
     */
    static void fitTitle(final Chart<?, ?> chart, final String title, final boolean legendBeside) {
        final Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            final int legendWidth = legendBeside ? legendSize(chart).width : 0;
            // XChart centres the title over the plot, which starts right of the y axis: the room is the distance
            // from that centre to the nearer edge of the chart, twice.
            final int available = chart.getWidth() - 2 * CHART_PADDING - (legendBeside ? legendWidth : Y_AXIS_ALLOWANCE);
            Font font = TITLE_FONT;
            while (font.getSize() > MIN_TITLE_FONT_SIZE && scratch.getFontMetrics(font).stringWidth(title) > available) {
                font = font.deriveFont((float) font.getSize() - 1);
            }
            // Cut the description, not the machine and commit after the last separator.
            final int separator = title.lastIndexOf(TITLE_SEPARATOR);
            final String tail = separator < 0 ? "" : title.substring(separator);
            String head = separator < 0 ? title : title.substring(0, separator);
            final FontMetrics metrics = scratch.getFontMetrics(font);
            while (head.length() > 1 && metrics.stringWidth(head + tail) > available) {
                head = head.substring(0, head.length() - 2) + ELLIPSIS;
            }
            final String fitted = head + tail;
            chart.getStyler().setChartTitleFont(font);
            chart.setTitle(fitted);
        } finally {
            scratch.dispose();
        }
    }

    /** The legend's size as XChart will draw it in a vertical layout, roughly: the longest name, one row per series. */
    static Dimension legendSize(final Chart<?, ?> chart) {
        final Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            final FontMetrics metrics = scratch.getFontMetrics(chart.getStyler().getLegendFont());
            int width = 0;
            for (final Object series : chart.getSeriesMap().values()) {
                width = Math.max(width, metrics.stringWidth(((Series) series).getName()));
            }
            width += chart.getStyler().getLegendSeriesLineLength() + LEGEND_DECORATION_WIDTH;
            final int rows = chart.getSeriesMap().size();
            final int height = rows * (metrics.getHeight() + LEGEND_ROW_GAP) + 2 * chart.getStyler().getLegendPadding();
            return new Dimension(width, height);
        } finally {
            scratch.dispose();
        }
    }

    /** The plot's width in a chart of {@link #WIDTH} with the legend inside, roughly: the y axis takes the rest. */
    static double plotWidth() {
        return WIDTH - 2 * CHART_PADDING - Y_AXIS_ALLOWANCE;
    }

    /** The plot's height in a chart of {@link #HEIGHT}, roughly: title and x axis take the rest. */
    static double plotHeight() {
        return HEIGHT - 2 * CHART_PADDING - TITLE_AND_X_AXIS_ALLOWANCE;
    }

    static void apply(final AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartPadding(CHART_PADDING);
        styler.setPlotMargin(PLOT_MARGIN);
        styler.setChartFontColor(TEXT_COLOR);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setAxisTickLabelsColor(TEXT_COLOR);
        styler.setLegendFont(LEGEND_FONT);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setSeriesColors(SERIES_COLORS);
        styler.setPlotGridLinesColor(GRID_COLOR);
        styler.setPlotGridLinesStroke(new BasicStroke(GRID_LINE_WIDTH));
        styler.setErrorBarsColor(ERROR_BAR_COLOR);
        styler.setErrorBarsColorSeriesColor(false);
        styler.setAntiAlias(true);
    }
}
