package io.ackbench.tools.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latency by percentile, one curve per run, on HdrHistogram's usual axis ({@link PercentileAxis}). The max, which that
 * axis cannot place (its position is infinite), is in each curve's legend entry.
 */
final class LatencyChart {
    /** Latencies up to 10 ms read best in microseconds, up to 10 s in milliseconds, beyond in seconds. */
    static final double MILLISECONDS_FROM_NANOS = 10e6;
    static final double SECONDS_FROM_NANOS = 10e9;
    private static final double Y_HEADROOM = 1.05;
    private static final double LOG_Y_HEADROOM = 1.3;
    /** The axis spans at least up to 90%, so one curve that stops early is still drawn to scale. */
    private static final double MIN_X_MAX = 1;
    private static final float LINE_WIDTH = 2f;
    private static final String LOG_AXIS_PATTERN = "#,##0.######";
    private static final int MAX_CURVES_FOR_INSIDE_LEGEND = 6;

    private LatencyChart() {
    }

    /**
     * @param logarithmic a logarithmic latency axis, for runs orders of magnitude apart (acks=0 beside acks=all)
     */
    static XYChart render(final String title, final List<LatencyCurve> curves, final boolean logarithmic) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a latency chart needs at least one distribution");
        }
        double maxPosition = MIN_X_MAX;
        double maxNanos = 0;
        double minPositiveNanos = Double.POSITIVE_INFINITY;
        for (final LatencyCurve curve : curves) {
            for (final PercentileDistribution.Row row : curve.distribution().rows()) {
                if (row.percentile() < 1) {
                    maxPosition = Math.max(maxPosition, PercentileAxis.position(row.percentile()));
                    maxNanos = Math.max(maxNanos, curve.nanos(row.value()));
                    if (row.value() > 0) {
                        minPositiveNanos = Math.min(minPositiveNanos, curve.nanos(row.value()));
                    }
                }
            }
        }
        // A log axis spans decades: its unit suits the middle of them, a linear one the top.
        final TimeUnit yUnit = displayUnit(logarithmic && Double.isFinite(minPositiveNanos)
            ? Math.sqrt(minPositiveNanos * maxNanos) : maxNanos);
        final double nanosPerDisplayUnit = yUnit.toNanos(1);
        final String displayUnit = Units.symbol(yUnit);

        final LabelledTicksChart chart = new LabelledTicksChart(ChartStyle.WIDTH, ChartStyle.HEIGHT,
            PercentileAxis.ticks(maxPosition));
        chart.setXAxisTitle("percentile");
        chart.setYAxisTitle("latency (" + displayUnit + ")");
        final XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(maxPosition);
        final boolean logAxis = logarithmic && Double.isFinite(minPositiveNanos);
        if (logAxis) {
            // A log axis has no zero: it starts at the decade below the smallest latency, and zeros are left out.
            styler.setYAxisLogarithmic(true);
            styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(minPositiveNanos / nanosPerDisplayUnit))));
            styler.setYAxisMax(maxNanos / nanosPerDisplayUnit * LOG_Y_HEADROOM);
            styler.setYAxisDecimalPattern(LOG_AXIS_PATTERN);
        } else {
            styler.setYAxisMin(0.0);
            styler.setYAxisMax(maxNanos / nanosPerDisplayUnit * Y_HEADROOM);
            // XChart's formatting function makes an axis linear, so only the linear axis gets one.
            styler.setyAxisTickLabelsFormattingFunction(Units::compact);
        }

        final List<double[]> plotFractions = new ArrayList<>();
        for (final LatencyCurve curve : curves) {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final PercentileDistribution.Row row : curve.distribution().rows()) {
                if (row.percentile() < 1 && !(logarithmic && row.value() <= 0)) {
                    final double x = PercentileAxis.position(row.percentile());
                    final double y = curve.nanos(row.value()) / nanosPerDisplayUnit;
                    xs.add(x);
                    ys.add(y);
                    final double yFraction = logAxis
                        ? Math.log10(y / styler.getYAxisMin()) / Math.log10(styler.getYAxisMax() / styler.getYAxisMin())
                        : y / styler.getYAxisMax();
                    plotFractions.add(new double[] {x / maxPosition, yFraction});
                }
            }
            if (xs.isEmpty()) {
                throw new IllegalArgumentException(curve.name() + ": no percentile below 100% to draw");
            }
            final String max = Units.duration(curve.nanos(curve.distribution().max()));
            final XYSeries series = chart.addSeries(curve.name() + " (max " + max + ")", xs, ys);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(LINE_WIDTH);
        }
        // A long legend goes beside the plot; a short one in the corner where it hides the fewest points.
        final boolean outsideLegend = curves.size() > MAX_CURVES_FOR_INSIDE_LEGEND;
        if (outsideLegend) {
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        } else {
            final Dimension legend = ChartStyle.legendSize(chart);
            styler.setLegendPosition(LegendCorner.choose(plotFractions,
                legend.getWidth() / ChartStyle.plotWidth(), legend.getHeight() / ChartStyle.plotHeight()));
        }
        ChartStyle.fitTitle(chart, title, outsideLegend);
        return chart;
    }

    /** The unit the y axis would use for this many nanoseconds at most. */
    static TimeUnit displayUnit(final double maxNanos) {
        if (maxNanos >= SECONDS_FROM_NANOS) {
            return TimeUnit.SECONDS;
        }
        return maxNanos >= MILLISECONDS_FROM_NANOS ? TimeUnit.MILLISECONDS : TimeUnit.MICROSECONDS;
    }
}
