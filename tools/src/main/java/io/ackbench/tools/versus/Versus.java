package io.ackbench.tools.versus;

import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.tools.compare.RatioOfMeans;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one configuration's side-by-side runs measured: every run in the order it ran, per system and {@link Figure}
 * the mean and spread over its completed runs, and the ratio of the subject's mean to each reference's with its
 * confidence interval.
 */
final class Versus {
    /** Of every ratio's interval: Fieller's, from the runs of the two systems. */
    static final double CONFIDENCE = 0.95;

    private final Configuration configuration;
    private final Workload workload;
    private final List<String> systems;
    private final Path directory;
    private final List<RunFigures> runs;
    private final Map<String, Long> rates;
    private final Map<String, Map<String, String>> resources;
    private final Measured measured;

    /**
     * @param systems   the subject first, then the references
     * @param directory where the runs' directories are
     * @param runs      in the order they ran
     * @param rates     records/s each system ran at, for a configuration at a share of each one's max; else empty
     * @param resources per system, what it runs with ({@code LoadTarget#resources}), in the order given
     * @param measured  when, where and at which commit
     */
    Versus(final Configuration configuration, final Workload workload, final List<String> systems,
           final Path directory, final List<RunFigures> runs, final Map<String, Long> rates,
           final Map<String, Map<String, String>> resources, final Measured measured) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.workload = Objects.requireNonNull(workload, "workload");
        this.systems = List.copyOf(systems);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.runs = List.copyOf(runs);
        this.rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
        this.resources = resources;
        this.measured = Objects.requireNonNull(measured, "measured");
        if (systems.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two systems or more; got " + systems);
        }
        for (final RunFigures run : runs) {
            if (!systems.contains(run.system())) {
                throw new IllegalArgumentException("run " + run.number() + " is of '" + run.system() + "', none of "
                    + systems);
            }
        }
    }

    Configuration configuration() {
        return configuration;
    }

    Workload workload() {
        return workload;
    }

    RateMode rateMode() {
        return configuration.rateMode();
    }

    /** ackbench's name. */
    String subject() {
        return systems.get(0);
    }

    /** The systems ackbench is compared with. */
    List<String> references() {
        return systems.subList(1, systems.size());
    }

    /** Subject first. */
    List<String> systems() {
        return systems;
    }

    Path directory() {
        return directory;
    }

    List<RunFigures> runs() {
        return runs;
    }

    /** Records/s per system in a configuration at a share of each one's max; empty otherwise. */
    Map<String, Long> rates() {
        return rates;
    }

    /** Per system, what it runs with: broker JVMs, heap and GC, threads, controller, flush, socket buffers. */
    Map<String, Map<String, String>> resources() {
        return resources;
    }

    Measured measured() {
        return measured;
    }

    /** The same runs, saying when, where and at which commit they were measured. */
    Versus measured(final Measured when) {
        return new Versus(configuration, workload, systems, directory, runs, rates, resources, when);
    }

    List<RunFigures> runsOf(final String system) {
        final List<RunFigures> of = new ArrayList<>();
        for (final RunFigures run : runs) {
            if (run.system().equals(system)) {
                of.add(run);
            }
        }
        return of;
    }

    /** Over the system's completed runs. */
    MeanSpread summary(final String system, final Figure figure) {
        return MeanSpread.of(values(system, figure));
    }

    /** Every completed run's value of the figure, in run order. */
    double[] values(final String system, final Figure figure) {
        return runsOf(system).stream().filter(RunFigures::completed).mapToDouble(run -> run.figure(figure)).toArray();
    }

    /** Subject over {@code reference}: the ratio of the means, Welch's test and Fieller's interval. */
    RatioOfMeans ratio(final String reference, final Figure figure) {
        return RatioOfMeans.of(values(reference, figure), values(subject(), figure), CONFIDENCE);
    }

    /** Records/s the system was asked for: its share of its own max, or the configuration's set rate; 0 at max. */
    long targetRate(final String system) {
        return rates.getOrDefault(system, workload.targetRate());
    }

    /**
     * Whether the run delivered its system's target rate: at least {@link RunResult#MIN_RATE_SHARE} of it
     * acknowledged per second of the measured window. Always true at the max rate. A run that delivered may still
     * have sent late (its {@link RunFigures#keptRate()} false); its lateness is then part of its latencies, which
     * count from each record's intended send time.
     */
    boolean deliveredRate(final RunFigures run) {
        return !run.rateLimited()
            || run.figure(Figure.RECORDS_PER_SECOND) >= RunResult.MIN_RATE_SHARE * targetRate(run.system());
    }

    /**
     * Whether the system has a completed run and every completed run of it delivered its target rate: the condition
     * for a latency ratio at a set rate, as both systems then carried the same load relative to what they were asked.
     */
    boolean deliveredRate(final String system) {
        final List<RunFigures> completed = runsOf(system).stream().filter(RunFigures::completed).toList();
        return !completed.isEmpty() && completed.stream().allMatch(this::deliveredRate);
    }

    /** Every run completed, without a failed record. */
    boolean clean() {
        return runs.stream().allMatch(RunFigures::clean);
    }
}
