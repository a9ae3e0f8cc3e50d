package io.ackbench.tools.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A figure measured in a few runs per bar, for a grouped bar chart ({@link Charts#runRanges}): categories along the x
 * axis (configurations), one bar per series in each (systems), drawn at the runs' mean with whiskers reaching the run
 * farthest from it, so that for two runs they span exactly from the lower to the higher. Immutable.
 */
public final class RunRanges {
    /** What the whiskers are, for the value axis's title. */
    static final String WHISKERS = "the runs' range";

    private final String title;
    private final String fileStem;
    private final String categoryAxisTitle;
    private final String valueAxisTitle;
    private final List<String> categories;
    private final List<GroupedBars.Series> series;

    private RunRanges(final String title, final String fileStem, final String categoryAxisTitle,
                      final String valueAxisTitle, final List<String> categories,
                      final List<GroupedBars.Series> series) {
        this.title = Objects.requireNonNull(title, "title");
        this.fileStem = Objects.requireNonNull(fileStem, "fileStem");
        this.categoryAxisTitle = Objects.requireNonNull(categoryAxisTitle, "categoryAxisTitle");
        this.valueAxisTitle = Objects.requireNonNull(valueAxisTitle, "valueAxisTitle");
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
    }

    /**
     * @param fileStem   the chart's file name without extension
     * @param categories the x axis's groups, e.g. configurations
     */
    public static RunRanges of(final String title, final String fileStem, final String categoryAxisTitle,
                               final String valueAxisTitle, final List<String> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one category");
        }
        return new RunRanges(title, fileStem, categoryAxisTitle, valueAxisTitle, categories, List.of());
    }

    /**
     * These bars plus one series.
     *
     * @param runsPerCategory for each category in order, the figure of every run; an empty array for no bar
     */
    public RunRanges withSeries(final String name, final List<double[]> runsPerCategory) {
        if (runsPerCategory.size() != categories.size()) {
            throw new IllegalArgumentException("series " + name + " has runs for " + runsPerCategory.size()
                + " categories, not the chart's " + categories.size());
        }
        final double[] means = new double[categories.size()];
        final double[] reaches = new double[categories.size()];
        for (int c = 0; c < means.length; c++) {
            final double[] runs = runsPerCategory.get(c);
            means[c] = mean(runs);
            reaches[c] = farthestFrom(means[c], runs);
        }
        final List<GroupedBars.Series> more = new ArrayList<>(series);
        more.add(new GroupedBars.Series(name, means, reaches));
        return new RunRanges(title, fileStem, categoryAxisTitle, valueAxisTitle, categories, more);
    }

    /** The bars to draw, the title ending with where they were measured. */
    GroupedBars bars(final ChartLabel label) {
        if (series.isEmpty()) {
            throw new IllegalStateException(title + ": no series to draw");
        }
        return new GroupedBars(label.appendTo(title), fileStem, categoryAxisTitle, valueAxisTitle, categories, series, WHISKERS);
    }

    private static double mean(final double[] runs) {
        if (runs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (final double run : runs) {
            sum += run;
        }
        return sum / runs.length;
    }

    private static double farthestFrom(final double mean, final double[] runs) {
        double reach = 0;
        for (final double run : runs) {
            reach = Math.max(reach, Math.abs(run - mean));
        }
        return reach;
    }
}
