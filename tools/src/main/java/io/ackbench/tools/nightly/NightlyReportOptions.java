package io.ackbench.tools.nightly;

import io.ackbench.tools.compare.ComparisonSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of {@link NightlyReport}. */
final class NightlyReportOptions {
    static final String USAGE = String.join("\n",
        "Usage: nightly-report --baseline F[,F...] --current F[,F...] --out DIR [options]",
        "  --baseline F[,F...]          the baseline's JMH JSON files (several are pooled: A B B A)",
        "  --current F[,F...]           this run's JMH JSON files",
        "  --out DIR                    where comparison.md/.json, charts/ and report.md go",
        "  --latency-dir DIR            .hgrm files of this run to chart (optional)",
        "  --confidence C               as scripts/compare (default " + ComparisonSettings.DEFAULT_CONFIDENCE + ")",
        "  --threshold PERCENT          as scripts/compare (default " + ComparisonSettings.DEFAULT_THRESHOLD_PERCENT + ")",
        "  --allocation-tolerance B     as scripts/compare (default "
            + ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES + ")",
        "Exit status: 0 nothing regressed, 1 something regressed, 2 bad input.", "");

    private List<Path> baseline = List.of();
    private List<Path> current = List.of();
    private Path outDir;
    private Path latencyDir;
    private double confidence = ComparisonSettings.DEFAULT_CONFIDENCE;
    private double thresholdPercent = ComparisonSettings.DEFAULT_THRESHOLD_PERCENT;
    private double allocationTolerance = ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES;
    private boolean help;

    private NightlyReportOptions() {
    }

    static NightlyReportOptions parse(final String[] args) {
        final NightlyReportOptions options = new NightlyReportOptions();
        for (int i = 0; i < args.length; i++) {
            final String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                options.help = true;
                return options;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            final String value = args[++i];
            switch (flag) {
                case "--baseline" -> options.baseline = paths(value);
                case "--current" -> options.current = paths(value);
                case "--out" -> options.outDir = Path.of(value);
                case "--latency-dir" -> options.latencyDir = Path.of(value);
                case "--confidence" -> options.confidence = number(flag, value);
                case "--threshold" -> options.thresholdPercent = number(flag, value);
                case "--allocation-tolerance" -> options.allocationTolerance = number(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (options.baseline.isEmpty() || options.current.isEmpty() || options.outDir == null) {
            throw new IllegalArgumentException("--baseline, --current and --out are required");
        }
        return options;
    }

    private static List<Path> paths(final String value) {
        final List<Path> paths = new ArrayList<>();
        for (final String part : value.split(",")) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()));
            }
        }
        return List.copyOf(paths);
    }

    private static double number(final String flag, final String value) {
        try {
            return Double.parseDouble(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("the value of " + flag + " is not a number: " + value, e);
        }
    }

    boolean help() {
        return help;
    }

    List<Path> baseline() {
        return baseline;
    }

    List<Path> current() {
        return current;
    }

    Path outDir() {
        return outDir;
    }

    Optional<Path> latencyDir() {
        return Optional.ofNullable(latencyDir);
    }

    ComparisonSettings settings() {
        return ComparisonSettings.of(confidence, thresholdPercent, allocationTolerance);
    }
}
