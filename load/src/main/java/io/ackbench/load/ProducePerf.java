package io.ackbench.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code produce-perf}: kafka-producer-perf-test's command for an ackbench (or Apache Kafka) cluster, open loop, with microsecond
 * latencies from each record's intended send time. See {@link PerfOptions#usage()} for the flags.
 */
public final class ProducePerf {
    public static final int EXIT_OK = 0;
    public static final int EXIT_RUN_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Where the default results/ and target/ directories are: the repository root (the script sets it), or ".". */
    public static final String ROOT_PROPERTY = "ackbench.root";

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ProducePerf() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        return run(args, out, err, result -> { });
    }

    /** Runs the command, handing each run's result to {@code measured} once the runs are done, and returns its exit code. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err,
                          final Consumer<RunResult> measured) {
        final PerfOptions options;
        try {
            options = PerfOptions.parse(args);
        } catch (final IllegalArgumentException e) { // UsageException and ConfigException
            err.println("produce-perf: " + e.getMessage());
            err.println("Run produce-perf --help for every flag.");
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.print(PerfOptions.usage());
            return EXIT_OK;
        }
        final Workload workload = options.workload();
        final Path root = Path.of(System.getProperty(ROOT_PROPERTY, "."));
        final Path outputDir = options.outputDir() != null ? options.outputDir()
            : root.resolve(Path.of("results", "runs", "perf")).resolve(
                LocalDateTime.now().format(RUN_STAMP) + "-" + (options.sweep() ? "sweep-" : "") + workload.shortName());
        final Path dataDir = options.dataDir() != null ? options.dataDir()
            : root.resolve(Path.of("target", "produce-perf-data", "run-" + System.nanoTime()));
        final LoadGenerator generator = new LoadGenerator(options.target(), out, options.faults());
        try {
            final List<RunResult> results = options.sweep()
                ? new RateSweep(generator, out).run(workload, outputDir, dataDir)
                : List.of(generator.run(workload, outputDir, dataDir));
            out.println("Files in " + outputDir.toAbsolutePath());
            results.forEach(measured);
            for (final RunResult result : results) {
                if (result.failed() > 0) {
                    return EXIT_RUN_FAILED;
                }
            }
            return EXIT_OK;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("produce-perf: interrupted");
            return EXIT_RUN_FAILED;
        } catch (final Exception e) {
            err.println("produce-perf: the run failed: " + e);
            e.printStackTrace(err);
            return EXIT_RUN_FAILED;
        }
    }
}
