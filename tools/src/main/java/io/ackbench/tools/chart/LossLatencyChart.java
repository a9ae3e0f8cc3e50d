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

    private LossLatencyChart() {
    }

    /** Writes {@code dir/loss-vs-latency.png} and {@code .svg}; returns them, or nothing if no cell has both axes. */
    public static List<Path> write(final List<CellResult> results, final Path dir) {
        final Map<String, Point> points = new LinkedHashMap<>();
        final List<String> targets = new ArrayList<>();
        final List<String> settings = new ArrayList<>();
        for (final CellResult result : results) {
            if (result.status() != CellResult.Status.DONE) {
                continue;
            }
            final String target = result.cell().target();
            final String setting = result.cell().setting().describe();
            if (!targets.contains(target)) {
                targets.add(target);
            }
            if (!settings.contains(setting)) {
                settings.add(setting);
            }
            final Point point = points.computeIfAbsent(target + " " + setting, k -> new Point(target, setting));
            final DeliveryAudit audit = result.audit();
            if (result.cell().fault() == AuditFault.NONE) {
                point.priceMicros = result.produceP99Micros();
            } else {
                point.lost += audit.lost().size();
                point.acknowledgedUnderFaults += audit.acknowledged();
            }
        }
        final XYChart chart = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.setTitle("What each delivery setting costs and buys");
        chart.setXAxisTitle("produce p99 without faults (ms)");
        chart.setYAxisTitle("acknowledged records lost per million, under faults");
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        int plotted = 0;
        double highestX = 0;
        double highestY = 0;
        for (final Point point : points.values()) {
            if (point.priceMicros < 0 || point.acknowledgedUnderFaults == 0) {
                continue;
            }
            final double x = point.priceMicros / 1000.0;
            final double y = DeliveryAudit.perMillion(point.lost, point.acknowledgedUnderFaults);
            highestX = Math.max(highestX, x);
            highestY = Math.max(highestY, y);
            final XYSeries series = chart.addSeries(point.target + ": " + point.setting, new double[] {x},
                new double[] {y});
            series.setMarker(TARGET_MARKERS[targets.indexOf(point.target) % TARGET_MARKERS.length]);
            series.setMarkerColor(ChartStyle.SERIES_COLORS[settings.indexOf(point.setting)
                % ChartStyle.SERIES_COLORS.length]);
            plotted++;
        }
        if (plotted == 0) {
            return List.of();
        }
        // Both axes from 0, with room above the highest point; nothing lost anywhere still gets a readable axis.
        chart.getStyler().setXAxisMax(highestX * HEADROOM);
        chart.getStyler().setYAxisMax(Math.max(1.0, highestY * HEADROOM));
        return ChartFiles.write(chart, dir, STEM);
    }

    /** One setting on one system, summed over its cells. */
    private static final class Point {
        private final String target;
        private final String setting;
        private long priceMicros = -1;
        private long lost;
        private long acknowledgedUnderFaults;

        Point(final String target, final String setting) {
            this.target = target;
            this.setting = setting;
        }
    }
}
