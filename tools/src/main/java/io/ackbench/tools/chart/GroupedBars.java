package io.ackbench.tools.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A grouped bar chart as data: categories along the x axis, one bar per series in each, each bar a value with an
 * error half-width. A series without a value for a category holds NaN there (no bar).
 */
final class GroupedBars {
    /** What JMH's error bars are. */
    static final String JMH_ERROR_BARS = "99.9% CI";

    private final String title;
    private final String fileStem;
    private final String categoryAxisTitle;
    private final String valueAxisTitle;
    private final List<String> categories;
    private final List<Series> series;
    private final String errorBars;

    /** @param errorBars what the error bars show, for the value axis's title: {@link #JMH_ERROR_BARS} or another */
    GroupedBars(final String title, final String fileStem, final String categoryAxisTitle,
                final String valueAxisTitle, final List<String> categories, final List<Series> series,
                final String errorBars) {
        this.title = Objects.requireNonNull(title, "title");
        this.fileStem = Objects.requireNonNull(fileStem, "fileStem");
        this.categoryAxisTitle = Objects.requireNonNull(categoryAxisTitle, "categoryAxisTitle");
        this.valueAxisTitle = Objects.requireNonNull(valueAxisTitle, "valueAxisTitle");
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.errorBars = Objects.requireNonNull(errorBars, "errorBars");
        for (final Series one : series) {
            if (one.values.length != categories.size()) {
                throw new IllegalArgumentException("series " + one.name + " has " + one.values.length
                    + " values for " + categories.size() + " categories");
            }
        }
    }

    String title() {
        return title;
    }

    String fileStem() {
        return fileStem;
    }

    String categoryAxisTitle() {
        return categoryAxisTitle;
    }

    String valueAxisTitle() {
        return valueAxisTitle;
    }

    List<String> categories() {
        return categories;
    }

    List<Series> series() {
        return series;
    }

    String errorBars() {
        return errorBars;
    }

    /** Largest bar value. */
    double maxValue() {
        double max = 0;
        for (final Series one : series) {
            for (final double value : one.values) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        return max;
    }

    /** Highest top of an error bar. */
    double maxValuePlusError() {
        double max = 0;
        for (final Series one : series) {
            for (int i = 0; i < one.values.length; i++) {
                if (!Double.isNaN(one.values[i])) {
                    max = Math.max(max, one.values[i] + one.errors[i]);
                }
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return title + " " + categories + " " + series;
    }

    /** One legend entry: a value and an error half-width per category. */
    static final class Series {
        private final String name;
        private final double[] values;
        private final double[] errors;

        Series(final String name, final double[] values, final double[] errors) {
            if (values.length != errors.length) {
                throw new IllegalArgumentException("series " + name + ": " + values.length + " values but "
                    + errors.length + " errors");
            }
            this.name = Objects.requireNonNull(name, "name");
            this.values = values.clone();
            this.errors = errors.clone();
        }

        String name() {
            return name;
        }

        double[] values() {
            return values.clone();
        }

        double[] errors() {
            return errors.clone();
        }

        @Override
        public String toString() {
            return name + "=" + Arrays.toString(values) + "\u00b1" + Arrays.toString(errors);
        }
    }
}
