package io.ackbench.tools.versus;

import io.ackbench.tools.chart.ChartLabel;
import io.ackbench.tools.chart.Charts;
import io.ackbench.tools.chart.LatencyOptions;
import io.ackbench.tools.chart.RunRanges;
import io.ackbench.load.LoadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts of a comparison: per configuration, records/s per system as bars with its runs as whiskers
 * ({@value #THROUGHPUT_STEM}) and every run's latency by percentile overlaid ({@code latency}); for a matrix, the
 * unbounded configurations' records/s side by side ({@value #MAX_RATE_STEM}).
 */
final class VersusCharts {
    static final String THROUGHPUT_STEM = "throughput";
    static final String MAX_RATE_STEM = "throughput-max-rate";
    private static final String RECORDS_PER_SECOND = "records/s";
    private static final String CONFIGURATION = "configuration";

    private VersusCharts() {
    }

    /** @return the files written, PNG before SVG; none for a configuration none of whose runs completed */
    static List<Path> configuration(final Versus versus, final Path dir, final ChartLabel label) {
        final List<Path> written = new ArrayList<>();
        final List<Versus> one = List.of(versus);
        if (anyCompleted(one)) {
            written.addAll(Charts.runRanges(throughput("Throughput, every run: " + versus.configuration().name(),
                THROUGHPUT_STEM, one), dir, label));
        }
        final List<Path> hgrms = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final RunFigures run : versus.runs()) {
            final Path hgrm = versus.directory().resolve(run.directory()).resolve(LoadGenerator.LATENCY_HGRM);
            if (run.completed() && Files.isRegularFile(hgrm)) {
                hgrms.add(hgrm);
                names.add("run " + run.number() + " " + run.system());
            }
        }
        if (!hgrms.isEmpty()) {
            // Two systems can be orders of magnitude apart: a logarithmic axis keeps both readable.
            written.addAll(Charts.latency(hgrms, dir, label, LatencyOptions.DEFAULTS.names(names)
                .title("Latency by percentile: " + versus.configuration().name()).logarithmic(true)));
        }
        return written;
    }

    /** The unbounded configurations' throughput in one chart, when there are two or more; else nothing. */
    static List<Path> maxRate(final List<Versus> comparisons, final Path dir, final ChartLabel label) {
        final List<Versus> unbounded = comparisons.stream().filter(v -> !v.workload().isRateLimited()).toList();
        if (unbounded.size() < 2 || !anyCompleted(unbounded)) {
            return List.of();
        }
        return Charts.runRanges(throughput("Throughput at the max rate, every run", MAX_RATE_STEM, unbounded),
            dir, label);
    }

    /** Categories the configurations, a series per system, each bar's runs its completed runs' records/s. */
    static RunRanges throughput(final String title, final String stem, final List<Versus> comparisons) {
        final List<String> categories = comparisons.stream().map(v -> v.configuration().name()).toList();
        RunRanges bars = RunRanges.of(title, stem, CONFIGURATION, RECORDS_PER_SECOND, categories);
        for (final String system : comparisons.get(0).systems()) {
            final List<double[]> runs = new ArrayList<>(comparisons.size());
            for (final Versus versus : comparisons) {
                runs.add(versus.values(system, Figure.RECORDS_PER_SECOND));
            }
            bars = bars.withSeries(system, runs);
        }
        return bars;
    }

    private static boolean anyCompleted(final List<Versus> comparisons) {
        return comparisons.stream().flatMap(v -> v.runs().stream()).anyMatch(RunFigures::completed);
    }
}
