package io.ackbench.tools.firstrun;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;
import io.ackbench.load.keys.KeyDistributionReport;
import io.ackbench.tools.chart.ChartLabel;
import io.ackbench.tools.chart.Charts;
import io.ackbench.tools.nightly.JmhListRun;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import io.ackbench.tools.results.MachineLabel;
import io.ackbench.tools.results.SourceCommit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/first-run}: the README's first command. Runs a curated benchmark list (scripts/first-run.list, about
 * five minutes on 2 cores) with {@link JmhListRun}, a reduced key-distribution report, draws the charts, and writes and
 * prints a short summary ({@link FirstRunSummary}) of what the delivery settings cost end to end, how ackbench's
 * components compare with kafka-clients', and how the key hashes compare in speed and skew. Everything goes under
 * {@code results/runs/first-run/TIMESTAMP/}: {@code jmh.json} (the joined JMH results), {@code key-distribution.json},
 * {@code charts/}, {@code summary.md}, and the JMH parts and latency files.
 *
 * <p>Exit status: 0 done, 1 a line of the list produced no results, 2 bad command line.
 */
public final class FirstRun {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** The repository root: scripts/first-run sets it; "." otherwise. */
    public static final String ROOT_PROPERTY = "ackbench.root";
    static final String DEFAULT_LIST = "scripts/first-run.list";
    /** The key-distribution report's reduced configuration: the keyHash benchmark's 12 partitions only. */
    static final int KEY_RECORDS = 1_000_000;
    static final int[] KEY_PARTITIONS = {12};
    private static final String TAG = "first-run";
    private static final DateTimeFormatter DIRECTORY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    static final String USAGE = String.join("\n",
        "Usage: scripts/first-run [--list FILE] [--out DIR]",
        "  Runs a curated set of benchmarks (about 5 minutes on 2 cores) and prints a short summary of what acks",
        "  and idempotence cost end to end (3 brokers, RF 3), ackbench's batch builder, accumulator and murmur2",
        "  beside kafka-clients', and the key hashes' speed and skew.",
        "  --list FILE  the benchmark list, one JMH command line a line (default " + DEFAULT_LIST + ")",
        "  --out DIR    where the files go (default results/runs/first-run/TIMESTAMP)",
        "Exit status: 0 done, 1 a line of the list produced no results, 2 bad command line.", "");

    private FirstRun() {
    }

    public static void main(final String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize(), System.out,
            System.err));
    }

    /** Runs the first run and returns its exit status; the summary goes to {@code out}, progress to {@code err}. */
    static int run(final String[] args, final Path root, final PrintStream out, final PrintStream err) {
        // root: absolute, so that the files' paths can be shown relative to it
        final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        final long startNanos = System.nanoTime();
        Path list = root.resolve(DEFAULT_LIST);
        Path dir = root.resolve("results/runs/first-run").resolve(DIRECTORY_TIME.format(started));
        try {
            if (Arguments.asksForHelp(args)) {
                out.print(USAGE);
                return EXIT_OK;
            }
            final Arguments arguments = Arguments.of(args);
            while (arguments.hasNext()) {
                final String flag = arguments.next();
                switch (flag) {
                    case "--list" -> list = Path.of(arguments.value(flag)).toAbsolutePath();
                    case "--out" -> dir = Path.of(arguments.value(flag)).toAbsolutePath();
                    default -> throw Arguments.unknownFlag(flag);
                }
            }
            if (!Files.isRegularFile(list)) {
                throw new UsageException("no benchmark list at " + list);
            }
        } catch (final UsageException e) {
            err.println(TAG + ": " + e.getMessage() + " (try --help)");
            return EXIT_USAGE;
        }
        try {
            final List<String> lines = JmhListRun.lines(list);
            err.println("ackbench first run: " + lines.size() + " JMH runs of " + shown(root, list)
                + " and the key-distribution report; files in " + dir);

            err.println("== key distribution: " + String.format(Locale.ROOT, "%,d", KEY_RECORDS) + " records, "
                + KEY_PARTITIONS[0] + " partitions");
            final KeyDistributionReport.Parameters keyParameters = keyParameters();
            final List<KeyDistributionReport.Row> keyRows = KeyDistributionReport.run(keyParameters);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("key-distribution.json"), KeyDistributionReport.json(keyParameters, keyRows),
                StandardCharsets.UTF_8);

            final Path jmhJson = dir.resolve("jmh.json");
            final JmhListRun.Joined joined = new JmhListRun(root, JmhListRun.javaCommand(), List.of(), err, TAG)
                .run(root.resolve("jmh/target/benchmarks.jar"), list, jmhJson, dir.resolve("latency"));
            final List<BenchmarkResult> results = JmhResults.read(jmhJson);

            final String machine = MachineLabel.current();
            final String commit = SourceCommit.of(root);
            charts(results, dir.resolve("charts"), ChartLabel.of(machine, commit.split(" ")[0]), err);

            final FirstRunSummary.Header header = new FirstRunSummary.Header(machine, commit, jdk(),
                SHOWN_TIME.format(started), took(Duration.ofNanos(System.nanoTime() - startNanos)),
                shown(root, list).toString(),
                String.format(Locale.ROOT, "%,d records", KEY_RECORDS));
            final String summary = FirstRunSummary.markdown(header, results, keyRows)
                + "\nFiles: " + shown(root, dir) + "/ (jmh.json, key-distribution.json, charts/,"
                + " summary.md)\n";
            Files.writeString(dir.resolve("summary.md"), summary, StandardCharsets.UTF_8);
            out.println();
            out.print(summary);
            // Every line of the curated list answers a question: one that measured nothing fails the run, after
            // the summary shows what the others measured.
            for (final String line : joined.withoutResult()) {
                err.println(TAG + ": '" + line + "' produced no results; its question is unanswered");
            }
            return joined.withoutResult().isEmpty() ? EXIT_OK : EXIT_FAILED;
        } catch (final JmhListRun.NoResultsException e) {
            err.println(TAG + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (final IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println(TAG + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(TAG + ": interrupted");
            return EXIT_FAILED;
        }
    }

    /** {@code path} relative to the root when it is inside it, else as it is. */
    static String shown(final Path root, final Path path) {
        final Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    static KeyDistributionReport.Parameters keyParameters() {
        final KeyDistributionReport.Parameters defaults = KeyDistributionReport.Parameters.defaults();
        return new KeyDistributionReport.Parameters(KEY_RECORDS, defaults.seed(), defaults.batchSize(),
            defaults.recordBytes(), defaults.zipfExponent(), defaults.zipfPopulation(), KEY_PARTITIONS.clone());
    }

    /** Charts of every suite's scores; a chart that fails is reported, not fatal: the summary matters more. */
    private static void charts(final List<BenchmarkResult> results, final Path chartDir, final ChartLabel label,
                               final PrintStream err) {
        try {
            final List<Path> written = Charts.scores(results, chartDir, label);
            err.println("== " + written.size() + " chart files in " + chartDir);
        } catch (final RuntimeException e) {
            err.println(TAG + ": charts failed: " + e);
        }
    }

    private static String jdk() {
        return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    static String took(final Duration duration) {
        final long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }
}
