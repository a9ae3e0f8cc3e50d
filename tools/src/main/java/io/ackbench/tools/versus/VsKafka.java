package io.ackbench.tools.versus;

import io.ackbench.tools.chart.ChartLabel;
import io.ackbench.tools.results.MachineLabel;
import io.ackbench.tools.results.SourceCommit;
import io.ackbench.load.ProducePerf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/vs-kafka}: ackbench and Apache Kafka (stock and tuned) side by side on the same produce-perf workload,
 * rounds of one run per system in alternating order, each run in a JVM of its own ({@link SideBySide}); tables of the
 * systems' means, spreads, ratios with intervals and drift, versus.md, versus.json and charts. {@link VersusUsage#TEXT}
 * says the rest.
 */
public final class VsKafka {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String PROGRAM = "vs-kafka";
    static final String VERSUS_MD = "versus.md";
    static final String VERSUS_JSON = "versus.json";
    /** The comparison's directory under the repository, named {@code <timestamp>-<configuration or matrix>}. */
    static final Path RUNS_DIR = Path.of("results", "runs", "vs-kafka");
    static final Path DATA_DIR = Path.of("target", "vs-kafka-data");
    static final String MATRIX_NAME = "matrix";
    private static final String RESUME_FLAG = VersusOptions.RESUME;

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private VsKafka() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, Apache Kafka the reference, without exiting: returns the exit status. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        return run(args, out, err, null, new SideBySide(out));
    }

    /**
     * The command with other reference systems (a stand-in for Kafka in tests) and another way to run one run.
     *
     * @param references null for Apache Kafka in the profiles --kafka-profiles names
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err,
                   final List<ReferenceSide> references, final SideBySide sideBySide) {
        final VersusOptions options;
        try {
            options = VersusOptions.parse(List.of(args), references);
        } catch (final IllegalArgumentException e) { // UsageException and ConfigException
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Run " + PROGRAM + " --help for every flag.");
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.print(VersusUsage.TEXT);
            return EXIT_OK;
        }
        final Path root = Path.of(System.getProperty(ProducePerf.ROOT_PROPERTY, "."));
        final String stamp = LocalDateTime.now().format(RUN_STAMP);
        final List<Matchup> matchups = options.matchups();
        final Path dir = options.outputDir() != null ? options.outputDir() : root.resolve(RUNS_DIR).resolve(
            stamp + "-" + (options.matrix() ? MATRIX_NAME : matchups.get(0).workload().shortName()));
        final boolean ownDataDir = options.dataDir() == null;
        final Path dataDir = ownDataDir ? root.resolve(DATA_DIR).resolve(stamp + "-" + System.nanoTime())
            : options.dataDir();
        final String machine = MachineLabel.current();
        final String commit = SourceCommit.of(root);
        final ChartLabel label = ChartLabel.of(machine, "");
        out.println(PROGRAM + ": " + matchups.size() + (matchups.size() == 1 ? " configuration" : " configurations")
            + " × " + options.runs() * matchups.get(0).contenders().size() + " runs (" + order(matchups.get(0),
            options.runs()) + "), each in a JVM of its own; files in " + dir.toAbsolutePath());

        final List<Versus> comparisons = new ArrayList<>(matchups.size());
        final List<Path> written = new ArrayList<>();
        boolean complete = true;
        try {
            for (int i = 0; i < matchups.size(); i++) {
                final Matchup matchup = matchups.get(i);
                final String name = directoryName(matchup);
                final Path configurationDir = options.matrix() ? dir.resolve(name) : dir;
                final Path done = configurationDir.resolve(VERSUS_JSON);
                if (options.resumeDir() != null && Files.isRegularFile(done) && halfMaxStillToRun(matchups, i, dir)) {
                    // Its half max takes its rates from it and must follow it at once: measure it again. The old
                    // runs move aside, so an interrupted rerun cannot mix with them.
                    final Path aside = configurationDir.resolveSibling(name + ".before-" + stamp);
                    try {
                        Files.move(configurationDir, aside);
                    } catch (final IOException e) {
                        err.println(PROGRAM + ": could not move " + configurationDir + " aside to measure it again: "
                            + e);
                        return EXIT_FAILED;
                    }
                    out.println("== vs-kafka: " + name + " measured again, just before the half-max configuration "
                        + "that halves it; the earlier runs moved to " + aside);
                } else if (options.resumeDir() != null && Files.isRegularFile(done)) {
                    try {
                        comparisons.add(VersusJson.read(done, options.arguments(), matchup, configurationDir));
                    } catch (final IOException | IllegalArgumentException e) {
                        err.println(PROGRAM + ": " + RESUME_FLAG + " " + options.resumeDir() + ": " + e.getMessage());
                        return EXIT_USAGE;
                    }
                    out.println("== vs-kafka: " + name + " read from " + done + ", not run again");
                    continue;
                }
                final Instant from = Instant.now();
                final Versus versus = sideBySide.run(matchup, configurationDir, dataDir.resolve(name),
                    options.matrix() ? "configuration " + (i + 1) + " of " + matchups.size() : "", options.runs(),
                    rates(matchup.configuration(), comparisons))
                    .measured(Measured.of(from, Instant.now(), machine, commit));
                comparisons.add(versus);
                deleteIfEmpty(dataDir.resolve(name));
                // Each configuration's files are written as soon as it is done, so an interrupted matrix keeps them.
                complete &= write(options.arguments(), List.of(versus), configurationDir, written, err);
                written.addAll(charts(() -> VersusCharts.configuration(versus, configurationDir, label), err));
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted after " + comparisons.size() + " of " + matchups.size()
                + " configurations");
            complete = false;
        }
        if (ownDataDir) {
            deleteIfEmpty(dataDir);
        }
        if (comparisons.isEmpty()) {
            return EXIT_FAILED;
        }
        if (options.matrix()) {
            complete &= write(options.arguments(), comparisons, dir, written, err);
            written.addAll(charts(() -> VersusCharts.maxRate(comparisons, dir, label), err));
        }
        out.println();
        out.print(VersusTable.headline(comparisons));
        out.println();
        out.print(VersusTable.summary(comparisons));
        out.println();
        final List<String> drifted = new ArrayList<>();
        for (final Versus versus : comparisons) {
            Drift.flagged(versus).forEach(system -> drifted.add(versus.configuration().name() + ": " + system));
        }
        if (!drifted.isEmpty()) {
            out.println("Drift beyond the noise (see versus.md): " + String.join("; ", drifted));
            out.println();
        }
        out.println("Files in " + dir.toAbsolutePath() + ":");
        for (final Path file : written) {
            out.println("  " + file.toAbsolutePath());
        }
        return complete && comparisons.stream().allMatch(Versus::clean) ? EXIT_OK : EXIT_FAILED;
    }

    /**
     * Writes versus.md and versus.json in {@code dir} and adds them to {@code written}.
     *
     * @return false when it could not (and said why)
     */
    private static boolean write(final List<String> arguments, final List<Versus> comparisons, final Path dir,
                                 final List<Path> written, final PrintStream err) {
        try {
            Files.createDirectories(dir);
            final Path md = dir.resolve(VERSUS_MD);
            Files.writeString(md, VersusReport.render(arguments, comparisons, dir), StandardCharsets.UTF_8);
            written.add(md);
            final Path json = dir.resolve(VERSUS_JSON);
            Files.writeString(json, VersusJson.render(arguments, comparisons, dir), StandardCharsets.UTF_8);
            written.add(json);
            return true;
        } catch (final IOException e) {
            err.println(PROGRAM + ": could not write the report in " + dir + ": " + e);
            return false;
        }
    }

    /** The charts' files; a chart that cannot be drawn is reported, and the figures stand without it. */
    private static List<Path> charts(final ChartDrawing drawing, final PrintStream err) {
        try {
            return drawing.draw();
        } catch (final RuntimeException e) {
            err.println(PROGRAM + ": could not draw a chart: " + e);
            return List.of();
        }
    }

    /** The load generator deletes each run's data; this removes the directories it leaves around them. */
    private static void deleteIfEmpty(final Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (final IOException notEmptyOrNotOurs) {
            // A directory with something in it stays for the user to look at.
        }
    }

    /**
     * The configuration's directory in a matrix: the workload's short name
     * ({@code acks-all_rmax_s100_p6_b3-rf3-isr2_t1}), whose rate part names the share for a configuration at a share
     * of each system's max ({@code _r50pct-max_}).
     */
    static String directoryName(final Matchup matchup) {
        final String name = matchup.workload().shortName();
        final Configuration configuration = matchup.configuration();
        if (configuration.rateMode() != RateMode.SHARE_OF_OWN_MAX) {
            return name;
        }
        return name.replaceFirst("_r[^_]*_", "_r" + Math.round(configuration.shareOfMax() * 100) + "pct-max_");
    }

    /** {@code ackbench, kafka, kafka, ackbench, ackbench, kafka}. */
    private static String order(final Matchup matchup, final int runs) {
        final List<String> names = new ArrayList<>();
        for (final int index : RunOrder.of(matchup.contenders().size(), runs)) {
            names.add(matchup.contenders().get(index).name());
        }
        return String.join(", ", names);
    }

    /**
     * For a configuration at a share of each system's max, each system's rate: the share of its mean records/s in the
     * unbounded configuration it names; a system without a completed run there has none. Empty for other
     * configurations.
     */
    static Map<String, Long> rates(final Configuration configuration, final List<Versus> done) {
        if (configuration.rateMode() != RateMode.SHARE_OF_OWN_MAX) {
            return Map.of();
        }
        final Versus max = done.stream().filter(v -> v.configuration().name().equals(configuration.maxConfiguration()))
            .findFirst().orElse(null);
        final Map<String, Long> rates = new LinkedHashMap<>();
        if (max != null) {
            for (final String system : max.systems()) {
                final MeanSpread throughput = max.summary(system, Figure.RECORDS_PER_SECOND);
                if (throughput.runs() > 0) {
                    rates.put(system, Math.max(1, Math.round(configuration.shareOfMax() * throughput.mean())));
                }
            }
        }
        return rates;
    }

    /**
     * Whether the matrix's next configuration halves configuration {@code i}'s max and has not run yet: a max read
     * back on --resume would then set rates measured hours before, on a machine whose capacity has drifted since.
     *
     * @param matrixDir the matrix's directory (a single configuration has no next one)
     */
    static boolean halfMaxStillToRun(final List<Matchup> matchups, final int i, final Path matrixDir) {
        if (i + 1 >= matchups.size()) {
            return false;
        }
        final Matchup next = matchups.get(i + 1);
        return next.configuration().rateMode() == RateMode.SHARE_OF_OWN_MAX
            && next.configuration().maxConfiguration().equals(matchups.get(i).configuration().name())
            && !Files.isRegularFile(matrixDir.resolve(directoryName(next)).resolve(VERSUS_JSON));
    }

    @FunctionalInterface
    private interface ChartDrawing {
        List<Path> draw();
    }
}
