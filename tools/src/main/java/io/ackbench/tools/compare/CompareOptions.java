package io.ackbench.tools.compare;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of {@link CompareMain}: two result files, the settings, optional report files. */
final class CompareOptions {
    static final String CONFIDENCE = "--confidence";
    static final String THRESHOLD = "--threshold";
    static final String THRESHOLDS = "--thresholds";
    static final String ALLOCATION_TOLERANCE = "--allocation-tolerance";
    static final String JSON = "--json";
    static final String MARKDOWN = "--markdown";
    static final String HELP = Arguments.HELP;
    static final String SHORT_HELP = Arguments.SHORT_HELP;
    /** compare's options may also start with a single dash; "-" alone is a file name. */
    private static final String OPTION_PREFIX = "-";
    private static final int FILES = 2;

    static final String USAGE = String.join("\n",
        "Usage: scripts/compare BASELINE.json CURRENT.json [options]",
        "",
        "Compares two JMH result files (-rf json), matching benchmarks by name, mode and params, and prints a",
        "Markdown table: baseline and current score ± JMH's error, the ratio current/baseline of the per-iteration",
        "means with its Fieller interval, and a verdict. A score regressed when Welch's t-test is significant at the",
        "confidence level AND the ratio moved beyond the threshold in the worse direction for its unit (ops/time down,",
        "time/op up); an improvement is the same the other way; 'no interval' means a side has a single iteration.",
        "Allocation (gc.alloc.rate.norm, from -prof gc) is compared when both files have it: where the baseline",
        "allocates below 1 B/op, growth beyond the allocation tolerance is a regression regardless of significance;",
        "above, the score rule applies with more bytes worse. Benchmarks in only one file are listed, never failed.",
        "",
        "Options (also as --option=value):",
        "  " + CONFIDENCE + " P             two-sided confidence level of test and interval, 0 < P < 1"
            + " (default " + ComparisonSettings.DEFAULT_CONFIDENCE + ")",
        "  " + THRESHOLD + " PERCENT        smallest change of the ratio that counts, in percent"
            + " (default " + ComparisonSettings.DEFAULT_THRESHOLD_PERCENT + ")",
        "  " + THRESHOLDS + " FILE         thresholds of their own for noisy benchmarks: lines BENCHMARK_REGEX PERCENT,",
        "                          the first regex found in JMH's benchmark name wins (e.g. scripts/nightly.thresholds)",
        "  " + ALLOCATION_TOLERANCE + " BYTES  growth in B/op allowed where the baseline allocates below 1 B/op"
            + " (default " + ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES + ")",
        "  " + JSON + " FILE              also write the comparison as JSON to FILE",
        "  " + MARKDOWN + " FILE          also write the Markdown table to FILE (it is printed either way)",
        "  " + SHORT_HELP + ", " + HELP + "                 this text",
        "",
        "Exit status: 0 nothing regressed, 1 something regressed, 2 usage or input error.",
        "");

    private final boolean help;
    private final Path baseline;
    private final Path current;
    private final ComparisonSettings settings;
    private final Path json;
    private final Path markdown;

    private CompareOptions(final boolean help, final Path baseline, final Path current,
                           final ComparisonSettings settings, final Path json, final Path markdown) {
        this.help = help;
        this.baseline = baseline;
        this.current = current;
        this.settings = settings;
        this.json = json;
        this.markdown = markdown;
    }

    /** @throws UsageException naming the unknown option, the missing or bad value, or the file count */
    static CompareOptions parse(final String... args) {
        if (Arguments.asksForHelp(args)) {
            return new CompareOptions(true, null, null, ComparisonSettings.defaults(), null, null);
        }
        double confidence = ComparisonSettings.DEFAULT_CONFIDENCE;
        double threshold = ComparisonSettings.DEFAULT_THRESHOLD_PERCENT;
        double tolerance = ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES;
        Path thresholds = null;
        Path json = null;
        Path markdown = null;
        final List<String> files = new ArrayList<>();
        final Arguments arguments = Arguments.withInlineValues(args);
        while (arguments.hasNext()) {
            final String arg = arguments.next();
            switch (arg) {
                case CONFIDENCE -> confidence = arguments.doubleValue(arg);
                case THRESHOLD -> threshold = arguments.doubleValue(arg);
                case THRESHOLDS -> thresholds = Path.of(arguments.value(arg));
                case ALLOCATION_TOLERANCE -> tolerance = arguments.doubleValue(arg);
                case JSON -> json = Path.of(arguments.value(arg));
                case MARKDOWN -> markdown = Path.of(arguments.value(arg));
                case Arguments.END_OF_FLAGS -> files.addAll(arguments.rest());
                default -> {
                    if (arg.startsWith(OPTION_PREFIX) && !arg.equals(OPTION_PREFIX)) {
                        throw Arguments.unknownFlag(arg);
                    }
                    files.add(arg);
                }
            }
        }
        if (files.size() != FILES) {
            throw new UsageException(
                "expected two result files, BASELINE.json and CURRENT.json, but got " + files.size() + files);
        }
        final ComparisonSettings settings;
        try {
            settings = ComparisonSettings.of(confidence, threshold, tolerance).withBenchmarkThresholds(
                thresholds == null ? BenchmarkThresholds.none() : BenchmarkThresholds.read(thresholds));
        } catch (final IllegalArgumentException e) {
            throw new UsageException("bad option value: " + e.getMessage());
        }
        return new CompareOptions(false, Path.of(files.get(0)), Path.of(files.get(1)), settings, json, markdown);
    }

    boolean help() {
        return help;
    }

    Path baseline() {
        return baseline;
    }

    Path current() {
        return current;
    }

    ComparisonSettings settings() {
        return settings;
    }

    Optional<Path> json() {
        return Optional.ofNullable(json);
    }

    Optional<Path> markdown() {
        return Optional.ofNullable(markdown);
    }
}
