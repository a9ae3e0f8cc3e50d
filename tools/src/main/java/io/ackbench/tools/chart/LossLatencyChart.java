package io.ackbench.tools.chart;

import io.ackbench.load.audit.AuditFault;
import io.ackbench.load.audit.CellResult;
import io.ackbench.load.audit.DeliveryAudit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A delivery audit on one page: one point per delivery setting per system, its price across (produce p99 without
 * faults, in milliseconds) and what it bought up (acknowledged records lost per million, over every fault cell of
 * that setting). Each system has its own marker; each setting its own colour, the same on both systems.
 */
public final class LossLatencyChart {
    public static final String STEM = "loss-vs-latency";
    private static final Marker[] TARGET_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
        SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP};
    private static final int MARKER_SIZE = 14;
    private static final double HEADROOM = 1.15;
    /** Wider than the shared style's charts: the legend beside the plot names a dozen settings. */
    private static final int WIDTH = 1300;

    /** One setting on one system: its price and what it bought. */
    public record Point(String target, String setting, double priceMillis, double lostPerMillion) {
    }

    private LossLatencyChart() {
    }

    /**
     * The points: each (system, setting) that has a cell without faults (its price) and at least one with a fault
     * (lost per million over all of them), in the order the results first name them.
     */
    public static List<Point> points(final List<CellResult> results) {
        final Map<String, Sums> sums = new LinkedHashMap<>();
        for (final CellResult result : results) {
            if (result.status() != CellResult.Status.DONE) {
                continue;
            }
            final String target = result.cell().target();
            final String setting = result.cell().setting().describe();
            final Sums sum = sums.computeIfAbsent(target + " " + setting, k -> new Sums(target, setting));
            if (result.cell().fault() == AuditFault.NONE) {
                sum.priceMicros = result.produceP99Micros();
            } else {
                sum.lost += result.audit().lost().size();
                sum.acknowledgedUnderFaults += result.audit().acknowledged();
            }
        }
        final List<Point> points = new ArrayList<>();
        for (final Sums sum : sums.values()) {
            if (sum.priceMicros >= 0 && sum.acknowledgedUnderFaults > 0) {
                points.add(new Point(sum.target, sum.setting, sum.priceMicros / 1000.0,
                    DeliveryAudit.perMillion(sum.lost, sum.acknowledgedUnderFaults)));
            }
        }
        return points;
    }

    /** Writes {@code dir/loss-vs-latency.png} and {@code .svg}; returns them, or nothing if there is no point. */
    public static List<Path> write(final List<CellResult> results, final Path dir) {
        final List<Point> points = points(results);
        if (points.isEmpty()) {
            return List.of();
        }
        final List<String> targets = new ArrayList<>();
        final List<String> settings = new ArrayList<>();
        double highestX = 0;
        double highestY = 0;
        for (final Point point : points) {
            if (!targets.contains(point.target())) {
                targets.add(point.target());
            }
            if (!settings.contains(point.setting())) {
                settings.add(point.setting());
            }
            highestX = Math.max(highestX, point.priceMillis());
            highestY = Math.max(highestY, point.lostPerMillion());
        }
        final XYChart chart = new XYChart(WIDTH, ChartStyle.HEIGHT);
        chart.setTitle("What each delivery setting costs and buys");
        chart.setXAxisTitle("produce p99 without faults (ms)");
        chart.setYAxisTitle("acknowledged records lost per million, under faults");
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        // One entry per setting and system: a column beside the plot, not the shared style's row beneath it.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        // Both axes from 0, with room above the highest point; nothing lost anywhere still gets a readable axis.
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMax(highestX * HEADROOM);
        chart.getStyler().setYAxisMax(Math.max(1.0, highestY * HEADROOM));
        for (final Point point : points) {
            final XYSeries series = chart.addSeries(point.target() + ": " + point.setting(),
                new double[] {point.priceMillis()}, new double[] {point.lostPerMillion()});
            series.setMarker(TARGET_MARKERS[targets.indexOf(point.target()) % TARGET_MARKERS.length]);
            series.setMarkerColor(ChartStyle.SERIES_COLORS[settings.indexOf(point.setting())
                % ChartStyle.SERIES_COLORS.length]);
        }
        return ChartFiles.write(chart, dir, STEM);
    }

    /** One setting on one system, summed over its cells. */
    private static final class Sums {
        private final String target;
        private final String setting;
        private long priceMicros = -1;
        private long lost;
        private long acknowledgedUnderFaults;

        Sums(final String target, final String setting) {
            this.target = target;
            this.setting = setting;
        }
    }
}
