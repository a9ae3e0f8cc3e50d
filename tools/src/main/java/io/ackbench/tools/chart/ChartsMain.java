package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scripts/charts}: draws ackbench's results as PNG and SVG and prints the paths written, one per line.
 * {@link #usage()} says how.
 */
public final class ChartsMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Where results/ is: the repository root (the script sets it), or ".". */
    public static final String ROOT_PROPERTY = "ackbench.root";
    private static final Path DEFAULT_OUT = Path.of("results", "runs", "charts");
    private static final String JSON_SUFFIX = ".json";
    private static final String NAME_SEPARATOR = ",";

    private ChartsMain() {
    }

    public static void main(final String[] args) {
        System.setProperty(Charts.HEADLESS_PROPERTY, "true");
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        try {
            if (args.length == 0 || isHelp(args[0])) {
                out.print(usage());
                return args.length == 0 ? EXIT_USAGE : EXIT_OK;
            }
            final Options options = Options.parse(Arrays.asList(args).subList(1, args.length));
            if (options.help) {
                out.print(usage());
                return EXIT_OK;
            }
            final List<Path> written = switch (args[0]) {
                case "jmh" -> jmh(options);
                case "latency" -> latency(options);
                case "versus" -> versus(options);
                case "stages" -> stages(options);
                default -> throw new UsageException("unknown command " + args[0]
                    + "; it is jmh, latency, versus or stages");
            };
            for (final Path path : written) {
                out.println(path);
            }
            return EXIT_OK;
        } catch (final UsageException e) {
            err.println("charts: " + e.getMessage());
            err.println("Run charts --help for the commands and flags.");
            return EXIT_USAGE;
        } catch (final IllegalArgumentException | UncheckedIOException e) {
            err.println("charts: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static List<Path> jmh(final Options options) {
        if (options.positional.isEmpty()) {
            throw new UsageException("jmh needs at least one RESULT.json");
        }
        BarOptions barOptions = BarOptions.DEFAULTS;
        if (options.groupBy != null) {
            barOptions = barOptions.groupBy(options.groupBy);
        }
        if (options.seriesBy != null) {
            barOptions = barOptions.seriesBy(options.seriesBy);
        }
        if (options.perOperation.isPresent()) {
            barOptions = barOptions.timePerOperation(options.perOperation.get());
        }
        final List<Path> written = new ArrayList<>();
        for (final String file : options.positional) {
            final Path json = Path.of(file);
            final Path outDir = options.out != null ? options.out : defaultOut().resolve(stem(json));
            written.addAll(Charts.scores(JmhResults.read(json), outDir, options.label(json), barOptions));
        }
        return written;
    }

    private static List<Path> latency(final Options options) {
        if (options.positional.isEmpty()) {
            throw new UsageException("latency needs at least one .hgrm file");
        }
        final List<Path> files = new ArrayList<>();
        for (final String file : options.positional) {
            files.add(Path.of(file));
        }
        LatencyOptions latencyOptions = LatencyOptions.DEFAULTS.logarithmic(options.logarithmic);
        if (options.names != null) {
            final List<String> names = List.of(options.names.split(NAME_SEPARATOR, -1));
            if (names.size() != files.size()) {
                throw new UsageException("--labels has " + names.size() + " names for " + files.size() + " files");
            }
            latencyOptions = latencyOptions.names(names);
        }
        if (options.title != null) {
            latencyOptions = latencyOptions.title(options.title);
        }
        return Charts.latency(files, options.out != null ? options.out : defaultOut(),
            options.label(null), latencyOptions);
    }

    private static List<Path> versus(final Options options) {
        if (options.positional.size() < 2) {
            throw new UsageException("versus needs BASELINE.json CURRENT.json [BENCHMARK [name=value ...]]");
        }
        final Path baselineFile = Path.of(options.positional.get(0));
        final Path currentFile = Path.of(options.positional.get(1));
        final List<BenchmarkResult> baseline = JmhResults.read(baselineFile);
        final List<BenchmarkResult> current = JmhResults.read(currentFile);
        final ResultSelector selector = ResultSelector.parse(options.positional.subList(2, options.positional.size()));
        final Path outDir = options.out != null ? options.out : defaultOut();
        final ChartLabel baselineLabel = ChartLabel.fromResultFileName(baselineFile);
        final ChartLabel currentLabel = options.label(currentFile);

        final List<BenchmarkResult> pairs = new ArrayList<>();
        if (selector.isEmpty()) {
            pairs.addAll(current);
        } else {
            pairs.add(selector.single(current, currentFile.toString()));
        }
        final Map<String, BenchmarkResult> baselineByKey = new LinkedHashMap<>();
        for (final BenchmarkResult result : baseline) {
            baselineByKey.put(result.key(), result);
        }
        final List<Path> written = new ArrayList<>();
        for (final BenchmarkResult now : pairs) {
            final BenchmarkResult before = baselineByKey.get(now.key());
            if (before == null) {
                if (!selector.isEmpty()) {
                    throw new IllegalArgumentException(baselineFile + " has no result for " + now.key());
                }
                continue; // without a selector, chart what both files have
            }
            written.addAll(Charts.baselineVersusCurrent(before, now, outDir, baselineLabel, currentLabel));
        }
        if (written.isEmpty()) {
            throw new IllegalArgumentException("no benchmark is in both " + baselineFile + " and " + currentFile);
        }
        return written;
    }

    private static List<Path> stages(final Options options) {
        if (options.positional.isEmpty()) {
            throw new UsageException("stages needs at least one summary.json");
        }
        final List<Path> files = new ArrayList<>();
        for (final String file : options.positional) {
            files.add(Path.of(file));
        }
        List<String> labels = null;
        if (options.names != null) {
            labels = List.of(options.names.split(NAME_SEPARATOR, -1));
            if (labels.size() != files.size()) {
                throw new UsageException("--labels has " + labels.size() + " names for " + files.size() + " files");
            }
        }
        return Charts.stages(files, labels, options.out != null ? options.out : defaultOut(), options.title);
    }

    private static Path defaultOut() {
        return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve(DEFAULT_OUT);
    }

    private static String stem(final Path json) {
        final String name = String.valueOf(json.getFileName());
        return name.endsWith(JSON_SUFFIX) ? name.substring(0, name.length() - JSON_SUFFIX.length()) : name;
    }

    private static boolean isHelp(final String arg) {
        return arg.equals(Arguments.HELP) || arg.equals(Arguments.SHORT_HELP) || arg.equals("help");
    }

    static String usage() {
        return String.join(System.lineSeparator(),
            "Usage: charts COMMAND ARGS... [flags]   (PNG and SVG; prints every path written)",
            "",
            "  charts jmh RESULT.json... [--out DIR] [--group-by PARAM] [--series-by PARAM] [--per-op|--as-measured]",
            "      Grouped bars of every result's score with JMH's 99.9% error bars: per benchmark and mode, one",
            "      chart per combination of the params not on an axis. ProduceBenchmark and NetworkProduceBenchmark",
            "      put acks along the x axis and minInsync in the legend; PartitionerBenchmark strategy (or impl)",
            "      and keySize, in ns/op; other suites their most varied param along the axis, impl in the legend.",
            "      --per-op shows any throughput as ns/op, --as-measured keeps JMH's unit.",
            "      Default DIR: results/runs/charts/<RESULT file name>/.",
            "",
            "  charts latency A.hgrm B.hgrm... [--labels a,b,...] [--title TEXT] [--log] [--out DIR]",
            "      Latency by percentile (0%, 50%, 90%, 99%, 99.9%, ...) from HdrHistogram percentile distributions,",
            "      one curve per file, named by what their file names do not share (or --labels); values in the unit",
            "      the file's first comment names, else microseconds. --log: logarithmic latency axis.",
            "      Default DIR: results/runs/charts/.",
            "",
            "  charts versus BASELINE.json CURRENT.json [BENCHMARK [MODE] [name=value...]] [--out DIR]",
            "      One benchmark's baseline and current run side by side: each iteration as a dot, the score with its",
            "      error bar, the ratio in the title. BENCHMARK is a full or short name (ProduceBenchmark.send) and",
            "      the params must pick one result; a key as the comparator prints it also works. Without BENCHMARK,",
            "      one chart per benchmark found in both files. Default DIR: results/runs/charts/.",
            "",
            "  charts stages A/summary.json B/summary.json... [--labels a,b,...] [--title TEXT] [--out DIR]",
            "      Where the latency went, from each run's stage breakdown (the \"stages\" object produce-perf",
            "      writes into summary.json): one bar per run, stacked from its stages, the total and other figures",
            "      beside the stack as markers; one chart each for p50, p99 and p99.9 (stages-p50.png, ...). Runs are",
            "      named by their directories or --labels. Stacked stage percentiles are not the total's percentile.",
            "      Default DIR: results/runs/charts/.",
            "",
            "  Flags for every command: --machine LABEL, --commit SHA (of the run charted, the current one for",
            "  versus; by default read from a name like SUITE-DATE-COMMIT-MACHINE.json), --help.",
            "");
    }

    /** The flags and positional arguments after the command. */
    private static final class Options {
        private final List<String> positional = new ArrayList<>();
        private Path out;
        private String groupBy;
        private String seriesBy;
        private Optional<Boolean> perOperation = Optional.empty();
        private String names;
        private String title;
        private boolean logarithmic;
        private String machine;
        private String commit;
        private boolean help;

        static Options parse(final List<String> args) {
            final Options options = new Options();
            if (Arguments.asksForHelp(args)) {
                options.help = true;
                return options;
            }
            final Arguments arguments = Arguments.of(args);
            while (arguments.hasNext()) {
                final String arg = arguments.next();
                switch (arg) {
                    case "--out" -> options.out = Path.of(arguments.value(arg));
                    case "--group-by" -> options.groupBy = arguments.value(arg);
                    case "--series-by" -> options.seriesBy = arguments.value(arg);
                    case "--per-op" -> options.perOperation = Optional.of(true);
                    case "--as-measured" -> options.perOperation = Optional.of(false);
                    case "--labels" -> options.names = arguments.value(arg);
                    case "--title" -> options.title = arguments.value(arg);
                    case "--log" -> options.logarithmic = true;
                    case "--machine" -> options.machine = arguments.value(arg);
                    case "--commit" -> options.commit = arguments.value(arg);
                    default -> {
                        if (Arguments.isFlag(arg)) {
                            throw Arguments.unknownFlag(arg);
                        }
                        options.positional.add(arg);
                    }
                }
            }
            return options;
        }

        /** The label from the file's name (if any), with --machine and --commit overriding. */
        ChartLabel label(final Path file) {
            ChartLabel label = file == null ? ChartLabel.NONE : ChartLabel.fromResultFileName(file);
            if (machine != null) {
                label = label.withMachine(machine);
            }
            if (commit != null) {
                label = label.withCommit(commit);
            }
            return label;
        }
    }
}
