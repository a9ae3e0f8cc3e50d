package io.ackbench.tools.matrix;

import io.ackbench.load.LoadGenerator;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import io.ackbench.load.cli.Arguments;
import io.ackbench.tools.chart.Charts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code scripts/produce-perf-matrix}: produce-perf once per {@link DeliveryMatrix} configuration, each in a JVM of its
 * own ({@link ConfigurationJvm}), with the user's flags passed to every run unchanged; then a Markdown table of the runs
 * ({@link MatrixTable}), printed and written as matrix.md beside the runs' directories. {@link #USAGE} says the rest.
 */
public final class ProducePerfMatrix {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String PROGRAM = "produce-perf-matrix";
    static final String MATRIX_MD = "matrix.md";
    /** Overrides the directory of the runs and the table. */
    static final String MATRIX_DIR_VARIABLE = "MATRIX_DIR";
    static final Path RUNS_DIR = Path.of("results", "runs", "perf");

    static final String USAGE = String.join("\n",
        "The delivery-settings matrix in one command: produce-perf once per configuration, acks 0 / 1 / all, and",
        "for acks=all idempotence off and on, each with min.insync.replicas 2 and 3 (Kafka refuses idempotence with",
        "acks 0 or 1, so those rows do not exist). Every flag is passed to each run unchanged, so the cluster,",
        "transport, rate and length are the caller's; each configuration runs in a fresh JVM. Prints a Markdown",
        "table of records/s and latency percentiles (microseconds, from each record's intended send time) and",
        "writes it as matrix.md beside the runs' own files.",
        "",
        "Usage: produce-perf-matrix [produce-perf flags, without " + String.join("/", DeliveryMatrix.OWNED_FLAGS)
            + "]",
        "  " + Workload.MIN_INSYNC_REPLICAS + " 2 (or 3) keeps only that value's rows.",
        "  e.g. produce-perf-matrix --transport tcp-processes --duration 20s --warmup 5s --throughput 50000",
        "  Runs go to results/runs/perf/matrix-<timestamp>/<config>/ (" + MATRIX_DIR_VARIABLE
            + " overrides the parent folder).",
        "",
        "Exit codes: 0 every configuration ran; 1 one or more failed (the table says which); 2 bad flags.",
        "");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private ProducePerfMatrix() {
    }

    public static void main(final String[] args) {
        final String override = System.getenv(MATRIX_DIR_VARIABLE);
        final Path matrixDir = override != null && !override.isEmpty() ? Path.of(override)
            : Path.of(System.getProperty(ProducePerf.ROOT_PROPERTY, ".")).resolve(RUNS_DIR)
                .resolve("matrix-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
        System.exit(run(args, matrixDir, System.out, System.err, new ConfigurationJvm()));
    }

    /** The whole command, each configuration run by {@code runner}: returns the exit status. */
    static int run(final String[] args, final Path matrixDir, final PrintStream out, final PrintStream err,
                   final ConfigurationRunner runner) {
        final List<String> flags = new ArrayList<>(Arrays.asList(args));
        final int onlyMinInsync;
        try {
            onlyMinInsync = takeMinInsync(flags);
            if (check(flags)) {
                out.print(USAGE);
                return EXIT_OK;
            }
        } catch (final IllegalArgumentException e) { // UsageException and ConfigException
            err.println(PROGRAM + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        final List<MatrixConfiguration> configurations = DeliveryMatrix.configurations();
        final StringBuilder table = new StringBuilder(MatrixTable.HEADER);
        final StringBuilder stages = new StringBuilder();
        final List<Path> summaries = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        boolean allRan = true;
        try {
            Files.createDirectories(matrixDir);
            for (int i = 0; i < configurations.size(); i++) {
                final MatrixConfiguration configuration = configurations.get(i);
                if (onlyMinInsync != ALL_MIN_INSYNC && configuration.minInsync() != onlyMinInsync) {
                    continue;
                }
                final Path runDir = matrixDir.resolve(configuration.directoryName());
                err.println("== " + configuration.name() + ", min.insync.replicas=" + configuration.minInsync());
                final Outcome outcome = runner.run(i, flags, runDir);
                final boolean ran = outcome.exitStatus() == EXIT_OK && outcome.row() != null;
                table.append(ran ? outcome.row() : MatrixTable.failedRow(configuration, outcome.exitStatus(), runDir));
                allRan &= ran;
                final Path stageTable = runDir.resolve(MatrixRun.STAGES_MD);
                if (ran && Files.isRegularFile(stageTable)) {
                    stages.append("\n### ").append(configuration.heading()).append("\n\n")
                        .append(Files.readString(stageTable, StandardCharsets.UTF_8));
                    summaries.add(runDir.resolve(LoadGenerator.SUMMARY_JSON));
                    labels.add(configuration.name() + " minisr" + configuration.minInsync());
                }
                // After every configuration, so that an interrupted matrix keeps the rows it has.
                Files.writeString(matrixDir.resolve(MATRIX_MD), document(table, stages), StandardCharsets.UTF_8);
            }
            if (!summaries.isEmpty()) {
                Charts.stages(summaries, labels, matrixDir, "Where the latency went, per delivery setting");
            }
        } catch (final IOException e) {
            err.println(PROGRAM + ": " + e);
            return EXIT_FAILED;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return EXIT_FAILED;
        }
        out.println();
        out.print(document(table, stages));
        out.println();
        out.println("Runs and table: " + matrixDir);
        return allRan ? EXIT_OK : EXIT_FAILED;
    }

    /** The table, then each configuration's stage breakdown under a heading of its own, when the runs had one. */
    private static String document(final CharSequence table, final CharSequence stages) {
        return stages.length() == 0 ? table.toString() : table + "\n## " + STAGES_HEADING + "\n\n"
            + STAGES_INTRO + "\n" + stages;
    }

    static final String STAGES_HEADING = "Where the latency went, stage by stage";
    private static final String STAGES_INTRO = "Each configuration's stage breakdown (ms), and `stages-p50.png`, "
        + "`stages-p99.png`, `stages-p99.9.png` beside this file: one stacked bar per configuration. Stacked stage "
        + "percentiles are not the total's percentile.";

    /** {@link #takeMinInsync}'s answer when the user gave no {@code --min-insync-replicas}. */
    private static final int ALL_MIN_INSYNC = -1;

    /**
     * Removes {@code --min-insync-replicas N} from {@code flags} and returns N, or {@link #ALL_MIN_INSYNC} when absent.
     *
     * @throws UsageException if N is missing, given twice, or not one of the matrix's values
     */
    static int takeMinInsync(final List<String> flags) {
        final int at = flags.indexOf(Workload.MIN_INSYNC_REPLICAS);
        if (at < 0) {
            return ALL_MIN_INSYNC;
        }
        if (at + 1 >= flags.size()) {
            throw new UsageException(Workload.MIN_INSYNC_REPLICAS + " needs a value: 2 or 3");
        }
        final String value = flags.get(at + 1);
        flags.subList(at, at + 2).clear();
        if (flags.contains(Workload.MIN_INSYNC_REPLICAS)) {
            throw new UsageException(Workload.MIN_INSYNC_REPLICAS + " is given twice");
        }
        try {
            final int minInsync = Integer.parseInt(value.trim());
            if (DeliveryMatrix.runsMinInsync(minInsync)) {
                return minInsync;
            }
        } catch (final NumberFormatException e) {
            // refused below
        }
        throw new UsageException(Workload.MIN_INSYNC_REPLICAS + " " + value + ": the matrix runs 2 or 3");
    }

    /**
     * Whether the flags ask for help; refuses the flags the matrix sets, in the order given, and checks the rest as
     * produce-perf would with the first configuration's, so that a mistake stops the matrix before its first JVM.
     */
    private static boolean check(final List<String> flags) {
        for (final String flag : flags) {
            if (flag.equals(Arguments.HELP) || flag.equals(Arguments.SHORT_HELP)) {
                return true;
            }
            if (DeliveryMatrix.OWNED_FLAGS.contains(flag)) {
                throw new UsageException(flag + " is set per configuration by the matrix; leave it out");
            }
        }
        final List<String> first = new ArrayList<>(flags);
        first.addAll(DeliveryMatrix.configurations().get(0).flags());
        PerfOptions.parse(first.toArray(new String[0]));
        return false;
    }

    /** How one configuration ran: its exit status, and its table row when it measured. */
    record Outcome(int exitStatus, String row) {
    }

    /** Runs configuration {@code index} of {@link DeliveryMatrix#configurations()} with the user's flags. */
    @FunctionalInterface
    interface ConfigurationRunner {
        Outcome run(int index, List<String> flags, Path runDir) throws IOException, InterruptedException;
    }
}
