package io.ackbench.tools.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a JMH result file: a benchmark method run in one mode with one combination of parameters.
 */
public final class BenchmarkResult {
    /**
     * JMH up to 1.36 prefixed profiler metrics with a middle dot ({@code ·gc.alloc.rate.norm}); 1.37 dropped it
     * ({@code gc.alloc.rate.norm}). {@link #secondary} accepts either spelling so files of both ages compare.
     */
    static final String PROFILER_METRIC_PREFIX = "\u00b7";

    private final String benchmark;
    private final String mode;
    private final SortedMap<String, String> params;
    private final Metric primary;
    private final Map<String, Metric> secondaries;

    private BenchmarkResult(final String benchmark, final String mode, final Map<String, String> params,
                            final Metric primary, final Map<String, Metric> secondaries) {
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        this.primary = Objects.requireNonNull(primary, "primary");
        this.secondaries = Collections.unmodifiableMap(new LinkedHashMap<>(secondaries));
    }

    /**
     * @param benchmark   full name, {@code package.Class.method}
     * @param mode        JMH's short label: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
     * @param params      {@code @Param} values (copied, sorted by name)
     * @param primary     the benchmark's score
     * @param secondaries secondary metrics by their name in the JSON, in file order (copied)
     */
    public static BenchmarkResult of(final String benchmark, final String mode, final Map<String, String> params,
                                     final Metric primary, final Map<String, Metric> secondaries) {
        return new BenchmarkResult(benchmark, mode, params, primary, secondaries);
    }

    /** Full name, e.g. {@code io.ackbench.jmh.ProduceBenchmark.produce}. */
    public String benchmark() {
        return benchmark;
    }

    /** Class simple name and method, e.g. {@code ProduceBenchmark.produce}. */
    public String shortName() {
        final int methodDot = benchmark.lastIndexOf('.');
        return methodDot < 0 ? benchmark : benchmark.substring(benchmark.lastIndexOf('.', methodDot - 1) + 1);
    }

    public String mode() {
        return mode;
    }

    /** Parameter values by name, sorted by name; empty when the benchmark has none. */
    public SortedMap<String, String> params() {
        return params;
    }

    /**
     * What a baseline and a current result are matched by: benchmark, mode and parameters, e.g.
     * {@code io.ackbench.jmh.ProduceBenchmark.produce thrpt {acks=all, keyed=true}}.
     */
    public String key() {
        final String benchmarkAndMode = benchmark + " " + mode;
        return params.isEmpty() ? benchmarkAndMode : benchmarkAndMode + " " + params;
    }

    public Metric primary() {
        return primary;
    }

    /**
     * The secondary metric of that name as the JSON spells it (e.g. {@code gc.alloc.rate.norm}, {@code p99_us});
     * a profiler metric is also found under its other spelling, with or without JMH's old {@code ·} prefix.
     */
    public Optional<Metric> secondary(final String name) {
        final Metric exact = secondaries.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        final String otherSpelling = name.startsWith(PROFILER_METRIC_PREFIX)
            ? name.substring(PROFILER_METRIC_PREFIX.length())
            : PROFILER_METRIC_PREFIX + name;
        return Optional.ofNullable(secondaries.get(otherSpelling));
    }

    /** Names of the secondary metrics as the JSON spells them, in file order. */
    public Set<String> secondaryNames() {
        return secondaries.keySet();
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof BenchmarkResult)) {
            return false;
        }
        final BenchmarkResult that = (BenchmarkResult) other;
        return benchmark.equals(that.benchmark) && mode.equals(that.mode) && params.equals(that.params)
            && primary.equals(that.primary) && secondaries.equals(that.secondaries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(benchmark, mode, params, primary, secondaries);
    }

    @Override
    public String toString() {
        return key() + ": " + primary;
    }
}
