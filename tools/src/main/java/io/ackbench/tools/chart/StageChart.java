package io.ackbench.tools.chart;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@link StageBars}: one bar per run, stacked from its stages, the figures beside the stack (the total, a
 * request's round trip) as markers at their own height. XChart 3.8.8 stacks every series of a stacked chart,
 * markers too, so the stack is drawn overlapped: each bar is a stage's top, the sum of it and the stages below,
 * drawn from the top stage down so that each hides all but its own band of the one before.
 */
final class StageChart {
    static final String STEM_PREFIX = "stages-";
    /** The caption every stage chart carries, on its x axis. */
    static final String CAPTION = "stacked stage percentiles are not the total's percentile";
    static final String NOT_REPORTED = " (not reported)";
    /** The palette but its last colour, black, which is the markers'. */
    /**
     * The stacks' fills: the palette's seven colours, then greys, so that ackbench's eight stages (and Kafka's six) each
     * get a colour of their own; black stays the markers'.
     */
    private static final Color[] FILLS = {ChartStyle.SERIES_COLORS[0], ChartStyle.SERIES_COLORS[1],
        ChartStyle.SERIES_COLORS[2], ChartStyle.SERIES_COLORS[3], ChartStyle.SERIES_COLORS[4],
        ChartStyle.SERIES_COLORS[5], ChartStyle.SERIES_COLORS[6], new Color(150, 150, 150), new Color(90, 90, 90)};
    private static final Marker[] MARKERS = {SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE,
        SeriesMarkers.CIRCLE};
    private static final Color MARKER_COLOR = ChartStyle.SERIES_COLORS[ChartStyle.SERIES_COLORS.length - 1];
    private static final int MARKER_SIZE = 12;
    private static final double AXIS_HEADROOM = 1.1;
    private static final double EMPTY_AXIS_MAX = 1.0;

    private StageChart() {
    }

    /** The p50, p99 and p99.9 charts of {@code runs}, each written as PNG and SVG named {@code stages-PERCENTILE}. */
    static List<Path> write(final List<StageSummary> runs, final Path outDir, final String title) {
        final List<Path> written = new ArrayList<>();
        for (final StagePercentile percentile : StagePercentile.values()) {
            written.addAll(ChartFiles.write(render(StageBars.of(runs, percentile), title), outDir,
                STEM_PREFIX + percentile.label()));
        }
        return written;
    }

    static CategoryChart render(final StageBars bars, final String title) {
        final CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
            .xAxisTitle("run; " + CAPTION).yAxisTitle(bars.percentile().label() + " by stage, ms").build();
        final CategoryStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setOverlapped(true);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setMarkerSize(MARKER_SIZE);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(axisMax(bars));
        styler.setyAxisTickLabelsFormattingFunction(Units::compact);
        final List<StageBars.Series> stacked = bars.stacked();
        for (int s = stacked.size() - 1; s >= 0; s--) {
            final StageBars.Series series = stacked.get(s);
            final CategorySeries bar = chart.addSeries(series.name() + (series.reported() ? "" : NOT_REPORTED),
                bars.runs(), stackTops(bars, s));
            bar.setFillColor(FILLS[s % FILLS.length]);
        }
        for (int m = 0; m < bars.markers().size(); m++) {
            final StageBars.Series series = bars.markers().get(m);
            final CategorySeries marker = chart.addSeries(series.name()
                + (series.reported() ? "" : NOT_REPORTED), bars.runs(), boxed(series.millis()));
            marker.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            marker.setMarker(MARKERS[m % MARKERS.length]);
            marker.setMarkerColor(MARKER_COLOR);
        }
        ChartStyle.fitTitle(chart, (title == null ? "" : title + ChartStyle.TITLE_SEPARATOR) + "Latency by stage, "
            + bars.percentile().label() + " (markers: not stacked)", true);
        return chart;
    }

    /** Run by run, the top of stage {@code s}: its figure and those of the stages below it, unknown ones as 0. */
    static List<Double> stackTops(final StageBars bars, final int s) {
        final List<Double> tops = new ArrayList<>(bars.runs().size());
        for (int r = 0; r < bars.runs().size(); r++) {
            double top = 0;
            for (int below = 0; below <= s; below++) {
                final double value = bars.stacked().get(below).millis()[r];
                top += Double.isNaN(value) ? 0 : value;
            }
            tops.add(top);
        }
        return tops;
    }

    private static double axisMax(final StageBars bars) {
        double max = 0;
        for (int r = 0; r < bars.runs().size(); r++) {
            max = Math.max(max, bars.stackHeight(r));
        }
        for (final StageBars.Series marker : bars.markers()) {
            for (final double value : marker.millis()) {
                max = Double.isNaN(value) ? max : Math.max(max, value);
            }
        }
        return max > 0 ? max * AXIS_HEADROOM : EMPTY_AXIS_MAX;
    }

    /** A marker with no figure is left out: XChart skips a null value. */
    private static List<Double> boxed(final double[] values) {
        final List<Double> boxed = new ArrayList<>(values.length);
        for (final double value : values) {
            boxed.add(Double.isNaN(value) ? null : value);
        }
        return boxed;
    }
}
