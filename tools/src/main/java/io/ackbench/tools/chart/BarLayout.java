package io.ackbench.tools.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@code @Param} goes along the x axis ({@link #groupBy}) and which makes the series ({@link #seriesBy}) for one
 * benchmark, and whether its scores are shown as time per operation. Every other param is held fixed in a chart:
 * each combination of their values gets its own chart.
 */
final class BarLayout {
    /** No param: one category, or one series. */
    static final String NONE = "";

    /** The param every suite compares ackbench's implementation and its peer by; it makes the series when it varies. */
    static final String IMPLEMENTATION_PARAM = "impl";

    /** Suite defaults by benchmark class: the first param of each list that the benchmark has is taken. */
    private static final Map<String, BarLayout.Preference> SUITE_PREFERENCES = Map.of(
        "ProduceBenchmark", new Preference(List.of("acks"), List.of("minInsync"), false),
        "NetworkProduceBenchmark", new Preference(List.of("acks"), List.of("minInsync"), false),
        // Hashing cost grows with the key; nanoseconds per key read more directly than keys per microsecond.
        "PartitionerBenchmark", new Preference(List.of("strategy", "impl"), List.of("keySize"), true));

    private final String groupBy;
    private final String seriesBy;
    private final boolean timePerOperation;

    BarLayout(final String groupBy, final String seriesBy, final boolean timePerOperation) {
        this.groupBy = Objects.requireNonNull(groupBy, "groupBy");
        this.seriesBy = Objects.requireNonNull(seriesBy, "seriesBy");
        this.timePerOperation = timePerOperation;
        if (!groupBy.isEmpty() && groupBy.equals(seriesBy)) {
            throw new IllegalArgumentException("group-by and series-by are both " + groupBy);
        }
    }

    /**
     * The layout for one benchmark.
     *
     * @param benchmarkClass the benchmark's class simple name, e.g. {@code ProduceBenchmark}
     * @param paramValues    each param's distinct values in the results, in order of appearance
     * @param options        what the user asked for; wins where the benchmark has the param
     */
    static BarLayout choose(final String benchmarkClass, final Map<String, List<String>> paramValues,
                            final BarOptions options) {
        final Preference preference = SUITE_PREFERENCES.get(benchmarkClass);
        final String group = options.groupBy().filter(paramValues::containsKey)
            .or(() -> preference == null ? Optional.empty() : firstPresent(preference.groupBy, paramValues))
            .orElseGet(() -> generic(paramValues, NONE, true));
        final String series = options.seriesBy().filter(p -> paramValues.containsKey(p) && !p.equals(group))
            .or(() -> preference == null ? Optional.empty()
                : firstPresent(preference.seriesBy, paramValues).filter(p -> !p.equals(group)))
            .orElseGet(() -> generic(paramValues, group, false));
        final boolean perOperation = options.timePerOperation()
            .orElse(preference != null && preference.timePerOperation);
        return new BarLayout(group, series, perOperation);
    }

    private static Optional<String> firstPresent(final List<String> candidates,
                                                 final Map<String, List<String>> paramValues) {
        return candidates.stream().filter(paramValues::containsKey).findFirst();
    }

    /**
     * Without a preference: {@code impl} makes the series when it varies; otherwise the param with the most values goes
     * along the axis (more categories than series keeps the legend short) and the next one makes the series. Params
     * with one value are not chosen.
     */
    private static String generic(final Map<String, List<String>> paramValues, final String taken,
                                  final boolean forGroup) {
        final List<String> varying = new ArrayList<>();
        for (final Map.Entry<String, List<String>> param : paramValues.entrySet()) {
            if (param.getValue().size() > 1 && !param.getKey().equals(taken)) {
                varying.add(param.getKey());
            }
        }
        if (varying.isEmpty()) {
            return NONE;
        }
        final boolean implVaries = varying.contains(IMPLEMENTATION_PARAM);
        if (!forGroup && implVaries) {
            return IMPLEMENTATION_PARAM;
        }
        if (forGroup && implVaries && varying.size() > 1) {
            varying.remove(IMPLEMENTATION_PARAM);
        }
        varying.sort(Comparator.comparingInt((String p) -> -paramValues.get(p).size())
            .thenComparing(Comparator.naturalOrder()));
        return varying.get(0);
    }

    String groupBy() {
        return groupBy;
    }

    String seriesBy() {
        return seriesBy;
    }

    boolean timePerOperation() {
        return timePerOperation;
    }

    @Override
    public String toString() {
        return "group-by " + (groupBy.isEmpty() ? "-" : groupBy) + ", series-by " + (seriesBy.isEmpty() ? "-" : seriesBy)
            + (timePerOperation ? ", time per operation" : "");
    }

    private static final class Preference {
        private final List<String> groupBy;
        private final List<String> seriesBy;
        private final boolean timePerOperation;

        private Preference(final List<String> groupBy, final List<String> seriesBy, final boolean timePerOperation) {
            this.groupBy = groupBy;
            this.seriesBy = seriesBy;
            this.timePerOperation = timePerOperation;
        }
    }
}
