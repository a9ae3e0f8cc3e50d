package io.ackbench.tools.chart;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

import java.util.ArrayList;
import java.util.List;

/** Draws {@link GroupedBars}: bars from zero with their error bars (JMH's 99.9% CI or another), values on the bars. */
final class GroupedBarChart {
    /**
     * Three or four iterations give JMH error bars many times the score; drawn in full they would flatten every bar.
     * Past this multiple of the tallest bar the value axis stops and says the error bars are cut.
     */
    static final double ERROR_BAR_CUT_FACTOR = 1.6;
    /** Head room above the tallest bar when the axis is cut. */
    private static final double CUT_AXIS_HEADROOM = 1.25;
    /** Head room above the highest error bar otherwise. */
    private static final double AXIS_HEADROOM = 1.08;
    /**
     * The plot uses its full height so that zero lies on its bottom edge: an error bar reaching below zero is cut
     * there, as one reaching past the top is cut at the top.
     */
    private static final double PLOT_CONTENT_SIZE = 0.999;
    /** Labels sit just inside the top of each bar. */
    private static final double LABEL_POSITION = 0.92;
    /**
     * A score printed inside the top of its bar needs the bar to be this share of the axis tall, and every error bar
     * to be shorter than this share, or the label would stick out of the bar or be struck through by the error bar.
     */
    private static final double LABEL_MIN_BAR_SHARE = 0.04;
    private static final double LABEL_MAX_ERROR_SHARE = 0.015;
    private static final String ERROR_NOTE = "; error bars: ";
    private static final String CUT_NOTE = ", cut at the plot's edge";

    private GroupedBarChart() {
    }

    static CategoryChart render(final GroupedBars bars) {
        final boolean cut = bars.maxValuePlusError() > ERROR_BAR_CUT_FACTOR * bars.maxValue();
        final String valueTitle = bars.valueAxisTitle() + ERROR_NOTE + bars.errorBars() + (cut ? CUT_NOTE : "");
        final CategoryChart chart = new CategoryChartBuilder()
            .width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
            .xAxisTitle(bars.categoryAxisTitle()).yAxisTitle(valueTitle)
            .build();
        final CategoryStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        ChartStyle.fitTitle(chart, bars.title());
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotContentSize(PLOT_CONTENT_SIZE);
        styler.setYAxisMin(0.0);
        final double axisMax = cut ? bars.maxValue() * CUT_AXIS_HEADROOM : bars.maxValuePlusError() * AXIS_HEADROOM;
        styler.setYAxisMax(axisMax);
        styler.setyAxisTickLabelsFormattingFunction(Units::compact);
        styler.setLabelsVisible(labelsFit(bars, axisMax));
        styler.setLabelsFont(ChartStyle.TICK_FONT);
        styler.setLabelsFontColor(ChartStyle.TEXT_COLOR);
        styler.setLabelsFontColorAutomaticEnabled(false);
        styler.setLabelsPosition(LABEL_POSITION);
        styler.setLegendVisible(true);
        for (final GroupedBars.Series series : bars.series()) {
            chart.addSeries(series.name(), bars.categories(), boxed(series.values()), boxed(series.errors()));
        }
        return chart;
    }

    static boolean labelsFit(final GroupedBars bars, final double axisMax) {
        for (final GroupedBars.Series series : bars.series()) {
            final double[] values = series.values();
            final double[] errors = series.errors();
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i]) || values[i] < LABEL_MIN_BAR_SHARE * axisMax
                    || errors[i] > LABEL_MAX_ERROR_SHARE * axisMax) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A missing bar (NaN) as zero height: XChart 3.8.8 skips a null value only without error bars, and with them
     * fails with a NullPointerException while it sizes the axis. {@link #labelsFit} turns the labels off, or the
     * missing bar would read 0.
     */
    private static List<Double> boxed(final double[] values) {
        final List<Double> boxed = new ArrayList<>(values.length);
        for (final double value : values) {
            boxed.add(Double.isNaN(value) ? 0.0 : value);
        }
        return boxed;
    }
}
