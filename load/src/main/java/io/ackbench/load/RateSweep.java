package io.ackbench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency versus throughput for one configuration: an unlimited run finds the maximum rate, then runs at
 * {@link #FRACTIONS} of it measure the latency at each; a table of p50/p99/p99.9 per rate is printed and written
 * as {@value #SWEEP_CSV}. Each run gets a fresh cluster and its own subdirectory of the output directory.
 */
public final class RateSweep {
    /** Shares of the maximum rate, as the open-loop latency curve is usually drawn. */
    public static final double[] FRACTIONS = {0.10, 0.25, 0.50, 0.75, 0.90};
    public static final String SWEEP_CSV = "sweep.csv";

    private final LoadGenerator generator;
    private final PrintStream out;

    public RateSweep(final LoadGenerator generator, final PrintStream out) {
        this.generator = generator;
        this.out = out;
    }

    /** The runs' results: the unlimited one first, then one per fraction. */
    public List<RunResult> run(final Workload workload, final Path outputDir, final Path dataDir)
        throws IOException, InterruptedException {
        final List<RunResult> results = new ArrayList<>();
        out.println("Sweep: finding the maximum rate with an unlimited run.");
        final RunResult max = generator.run(workload.toBuilder().targetRate(Workload.UNLIMITED).build(),
            outputDir.resolve("max"), dataDir.resolve("max"));
        results.add(max);
        final double maxRate = max.recordsPerSecond();
        for (final double fraction : FRACTIONS) {
            final long rate = Math.max(workload.producerThreads(), Math.round(maxRate * fraction));
            final String name = Math.round(fraction * 100) + "pct";
            out.println(String.format(Locale.ROOT, "Sweep: %d%% of %.0f records/sec = %d records/sec.",
                Math.round(fraction * 100), maxRate, rate));
            results.add(generator.run(workload.toBuilder().targetRate(rate).build(), outputDir.resolve(name),
                dataDir.resolve(name)));
        }
        final String table = table(results);
        out.print(table);
        Files.writeString(outputDir.resolve(SWEEP_CSV), csv(results), StandardCharsets.UTF_8);
        return results;
    }

    /** One row per run: target and achieved rate, latency percentiles in microseconds, whether the rate held. */
    public static String table(final List<RunResult> results) {
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%12s %14s %10s %10s %10s %10s%n",
            "target/s", "achieved/s", "p50 us", "p99 us", "p99.9 us", "rate kept"));
        for (final RunResult r : results) {
            table.append(String.format(Locale.ROOT, "%12s %14.1f %10d %10d %10d %10s%n",
                r.workload().isRateLimited() ? Long.toString(r.workload().targetRate()) : "max",
                r.recordsPerSecond(), r.latencyMicrosAt(50), r.latencyMicrosAt(99), r.latencyMicrosAt(99.9),
                r.keptRate() ? "yes" : "NO"));
        }
        return table.toString();
    }

    private static String csv(final List<RunResult> results) {
        final StringBuilder csv = new StringBuilder("target_rate,achieved_rate,p50_us,p99_us,p999_us,kept_rate\n");
        for (final RunResult r : results) {
            csv.append(r.workload().targetRate()).append(',')
                .append(String.format(Locale.ROOT, "%.1f", r.recordsPerSecond())).append(',')
                .append(r.latencyMicrosAt(50)).append(',').append(r.latencyMicrosAt(99)).append(',')
                .append(r.latencyMicrosAt(99.9)).append(',').append(r.keptRate()).append('\n');
        }
        return csv.toString();
    }
}
