package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sorts JMH results into grouped bar charts: one family of charts per benchmark, mode and unit; in a family, one chart
 * per combination of the params held fixed, with the {@link BarLayout}'s group-by param along the x axis and its
 * series-by param in the legend. Categories and series keep the order the values first appear in (JMH runs
 * {@code @Param} values in declaration order).
 */
final class BarGrouping {
    /** The category or series name when the layout has no param for it. */
    static final String SINGLE_SERIES = "score";

    private static final String PARAM_SEPARATOR = ", ";

    private BarGrouping() {
    }

    static List<GroupedBars> group(final List<BenchmarkResult> results, final BarOptions options,
                                   final ChartLabel label) {
        final List<GroupedBars> charts = new ArrayList<>();
        for (final List<BenchmarkResult> family : families(results).values()) {
            charts.addAll(chartsOfFamily(family, options, label));
        }
        return charts;
    }

    /** Results by benchmark, mode and unit, in order of appearance. */
    private static Map<String, List<BenchmarkResult>> families(final List<BenchmarkResult> results) {
        final Map<String, List<BenchmarkResult>> families = new LinkedHashMap<>();
        for (final BenchmarkResult result : results) {
            final String family = result.benchmark() + " " + result.mode() + " " + result.primary().unit();
            families.computeIfAbsent(family, f -> new ArrayList<>()).add(result);
        }
        return families;
    }

    private static List<GroupedBars> chartsOfFamily(final List<BenchmarkResult> family, final BarOptions options,
                                                    final ChartLabel label) {
        final BenchmarkResult first = family.get(0);
        final Map<String, List<String>> paramValues = paramValues(family);
        final BarLayout layout = BarLayout.choose(benchmarkClass(first), paramValues, options);
        final List<String> categories = layout.groupBy().isEmpty()
            ? List.of(methodName(first)) : paramValues.get(layout.groupBy());
        final List<String> seriesNames = layout.seriesBy().isEmpty()
            ? List.of(SINGLE_SERIES) : paramValues.get(layout.seriesBy());

        final Map<SortedMap<String, String>, Cells> charts = new LinkedHashMap<>();
        for (final BenchmarkResult result : family) {
            final SortedMap<String, String> fixed = new TreeMap<>(result.params());
            fixed.remove(layout.groupBy());
            fixed.remove(layout.seriesBy());
            final Measured measured = layout.timePerOperation()
                ? Measured.of(result.primary()).inNanosPerOperation() : Measured.of(result.primary());
            final int category = indexOf(categories, layout.groupBy(), result);
            final int series = indexOf(seriesNames, layout.seriesBy(), result);
            charts.computeIfAbsent(fixed, f -> new Cells(seriesNames.size(), categories.size(), measured.unit()))
                .put(series, category, measured, result);
        }

        final List<GroupedBars> bars = new ArrayList<>(charts.size());
        for (final Map.Entry<SortedMap<String, String>, Cells> chart : charts.entrySet()) {
            final SortedMap<String, String> fixed = chart.getKey();
            final Cells cells = chart.getValue();
            final List<GroupedBars.Series> series = new ArrayList<>(seriesNames.size());
            for (int s = 0; s < seriesNames.size(); s++) {
                final String name = layout.seriesBy().isEmpty()
                    ? SINGLE_SERIES : layout.seriesBy() + "=" + seriesNames.get(s);
                series.add(new GroupedBars.Series(name, cells.values[s], cells.errors[s]));
            }
            bars.add(new GroupedBars(
                title(first, fixed, label),
                fileStem(first, fixed, paramValues),
                layout.groupBy().isEmpty() ? "benchmark" : layout.groupBy(),
                Units.axisTitle(cells.unit),
                categories, series, GroupedBars.JMH_ERROR_BARS));
        }
        return bars;
    }

    /** Where the result's value of the param lies among the values; 0 when no param is laid out. */
    private static int indexOf(final List<String> values, final String param, final BenchmarkResult result) {
        if (param.isEmpty()) {
            return 0;
        }
        final String value = result.params().get(param);
        if (value == null) {
            throw new IllegalArgumentException(result.key() + " has no param " + param
                + ", which other results of the benchmark have; chart the files one at a time");
        }
        return values.indexOf(value);
    }

    /** Each param's distinct values over a family, in order of appearance. */
    static Map<String, List<String>> paramValues(final List<BenchmarkResult> family) {
        final Map<String, LinkedHashSet<String>> values = new TreeMap<>();
        for (final BenchmarkResult result : family) {
            for (final Map.Entry<String, String> param : result.params().entrySet()) {
                values.computeIfAbsent(param.getKey(), k -> new LinkedHashSet<>()).add(param.getValue());
            }
        }
        final Map<String, List<String>> lists = new TreeMap<>();
        values.forEach((name, distinct) -> lists.put(name, List.copyOf(distinct)));
        return lists;
    }

    /** {@code ProduceBenchmark.send: dir=target/produce-bench, keyed=false, rate=0 — kvm2c @ 55da12f}. */
    private static String title(final BenchmarkResult first, final SortedMap<String, String> fixed,
                                final ChartLabel label) {
        final StringBuilder title = new StringBuilder(first.shortName());
        if (!fixed.isEmpty()) {
            title.append(": ").append(joined(fixed));
        }
        return label.appendTo(title.toString());
    }

    /**
     * {@code ProduceBenchmark.send-thrpt-keyed=false}: the fixed params that take more than one value in the family
     * tell its charts apart; the ones with a single value are in the title only.
     */
    private static String fileStem(final BenchmarkResult first, final SortedMap<String, String> fixed,
                                   final Map<String, List<String>> paramValues) {
        final StringBuilder stem = new StringBuilder(first.shortName()).append('-').append(first.mode());
        for (final Map.Entry<String, String> param : fixed.entrySet()) {
            if (paramValues.get(param.getKey()).size() > 1) {
                stem.append('-').append(param.getKey()).append('=').append(param.getValue());
            }
        }
        return stem.toString();
    }

    static String joined(final Map<String, String> params) {
        final List<String> pairs = new ArrayList<>(params.size());
        params.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join(PARAM_SEPARATOR, pairs);
    }

    /** {@code ProduceBenchmark} of {@code ProduceBenchmark.send}. */
    static String benchmarkClass(final BenchmarkResult result) {
        final String shortName = result.shortName();
        final int dot = shortName.lastIndexOf('.');
        return dot < 0 ? shortName : shortName.substring(0, dot);
    }

    private static String methodName(final BenchmarkResult result) {
        final String shortName = result.shortName();
        return shortName.substring(shortName.lastIndexOf('.') + 1);
    }

    /** The bars of one chart as they fill up, NaN until a result lands. */
    private static final class Cells {
        private final double[][] values;
        private final double[][] errors;
        private final BenchmarkResult[][] from;
        private final String unit;

        private Cells(final int series, final int categories, final String unit) {
            this.values = new double[series][categories];
            this.errors = new double[series][categories];
            this.from = new BenchmarkResult[series][categories];
            this.unit = Objects.requireNonNull(unit, "unit");
            for (final double[] row : values) {
                Arrays.fill(row, Double.NaN);
            }
        }

        private void put(final int series, final int category, final Measured measured, final BenchmarkResult result) {
            if (from[series][category] != null) {
                throw new IllegalArgumentException("two results for one bar: " + from[series][category].key()
                    + " and " + result.key() + "; chart the files one at a time");
            }
            from[series][category] = result;
            values[series][category] = measured.value();
            errors[series][category] = measured.error();
        }
    }
}
