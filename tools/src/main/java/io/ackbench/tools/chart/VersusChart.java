package io.ackbench.tools.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A baseline and a current run of one benchmark side by side: every measurement iteration as a dot (spread sideways
 * so equal values stay visible), and JMH's score with its 99.9% error bar as a diamond. The ratio is in the title.
 */
final class VersusChart {
    static final double BASELINE_X = 0;
    static final double CURRENT_X = 1;
    private static final double X_MARGIN = 0.5;
    /** Iterations spread over this width around their run's position; the score sits beside them. */
    private static final double DOT_SPREAD = 0.2;
    private static final double SCORE_OFFSET = 0.22;
    private static final double Y_HEADROOM = 1.1;
    private static final int DOT_SIZE = 9;
    private static final int SCORE_MARKER_SIZE = 14;
    private static final Color SCORE_COLOR = ChartStyle.ERROR_BAR_COLOR;

    private VersusChart() {
    }

    static XYChart render(final VersusPair comparison, final ChartLabel label) {
        final Map<Double, String> ticks = new LinkedHashMap<>();
        ticks.put(BASELINE_X, comparison.baselineName());
        ticks.put(CURRENT_X, comparison.currentName());
        final LabelledTicksChart chart = new LabelledTicksChart(ChartStyle.WIDTH, ChartStyle.HEIGHT, ticks);
        // The params can be long; the x axis has room for them, so the title keeps room for the ratio.
        chart.setXAxisTitle(comparison.configuration().isEmpty() ? "run" : comparison.configuration());
        chart.setYAxisTitle(Units.axisTitle(comparison.baseline().unit()) + "; error bars: 99.9% CI");
        final XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(DOT_SIZE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisMin(BASELINE_X - X_MARGIN);
        styler.setXAxisMax(CURRENT_X + X_MARGIN);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(top(comparison.baseline(), comparison.current()) * Y_HEADROOM);
        styler.setyAxisTickLabelsFormattingFunction(Units::compact);

        addIterations(chart, "baseline iterations", comparison.baseline(), BASELINE_X, ChartStyle.SERIES_COLORS[0]);
        addIterations(chart, "current iterations", comparison.current(), CURRENT_X, ChartStyle.SERIES_COLORS[1]);
        final XYSeries score = chart.addSeries("score \u00b1 99.9% CI",
            new double[] {BASELINE_X + SCORE_OFFSET, CURRENT_X + SCORE_OFFSET},
            new double[] {comparison.baseline().value(), comparison.current().value()},
            new double[] {comparison.baseline().error(), comparison.current().error()});
        score.setMarker(SeriesMarkers.DIAMOND);
        score.setMarkerColor(SCORE_COLOR);
        score.setLineColor(SCORE_COLOR);

        ChartStyle.fitTitle(chart, label.appendTo(comparison.benchmark() + ": " + comparison.ratioSentence()));
        return chart;
    }

    private static void addIterations(final XYChart chart, final String name, final Measured measured,
                                      final double x, final Color color) {
        final double[] ys = measured.samples();
        if (ys.length == 0) {
            return; // JMH wrote no raw data; the score still shows
        }
        final double[] xs = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            // Evenly spread in iteration order; deterministic, unlike random jitter, so reruns draw the same chart.
            xs[i] = ys.length == 1 ? x : x - DOT_SPREAD / 2 + DOT_SPREAD * i / (ys.length - 1);
        }
        final XYSeries series = chart.addSeries(name + " (" + ys.length + ")", xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
    }

    private static double top(final Measured baseline, final Measured current) {
        double top = Math.max(baseline.value() + baseline.error(), current.value() + current.error());
        for (final double sample : baseline.samples()) {
            top = Math.max(top, sample);
        }
        for (final double sample : current.samples()) {
            top = Math.max(top, sample);
        }
        return top;
    }
}
