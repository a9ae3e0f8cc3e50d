package io.ackbench.tools.nightly;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;
import io.ackbench.tools.compare.BenchmarkThresholds;
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
        "  --headline TEXT              the report's first line, e.g. how the baseline was chosen (optional)",
        "  --confidence C               as scripts/compare (default " + ComparisonSettings.DEFAULT_CONFIDENCE + ")",
        "  --threshold PERCENT          as scripts/compare (default " + ComparisonSettings.DEFAULT_THRESHOLD_PERCENT + ")",
        "  --thresholds FILE            as scripts/compare (optional)",
        "  --allocation-tolerance B     as scripts/compare (default "
            + ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES + ")",
        "Exit status: 0 nothing regressed, 1 something regressed, 2 bad input.", "");

    private List<Path> baseline = List.of();
    private List<Path> current = List.of();
    private Path outDir;
    private Path latencyDir;
    private String headline;
    private double confidence = ComparisonSettings.DEFAULT_CONFIDENCE;
    private double thresholdPercent = ComparisonSettings.DEFAULT_THRESHOLD_PERCENT;
    private double allocationTolerance = ComparisonSettings.DEFAULT_ALLOCATION_TOLERANCE_BYTES;
    private Path thresholds;
    private boolean help;

    private NightlyReportOptions() {
    }

    static NightlyReportOptions parse(final String[] args) {
        final NightlyReportOptions options = new NightlyReportOptions();
        if (Arguments.asksForHelp(args)) {
            options.help = true;
            return options;
        }
        final Arguments arguments = Arguments.of(args);
        while (arguments.hasNext()) {
            final String flag = arguments.next();
            switch (flag) {
                case "--baseline" -> options.baseline = paths(arguments.value(flag));
                case "--current" -> options.current = paths(arguments.value(flag));
                case "--out" -> options.outDir = Path.of(arguments.value(flag));
                case "--latency-dir" -> options.latencyDir = Path.of(arguments.value(flag));
                case "--headline" -> options.headline = arguments.value(flag);
                case "--confidence" -> options.confidence = arguments.doubleValue(flag);
                case "--threshold" -> options.thresholdPercent = arguments.doubleValue(flag);
                case "--allocation-tolerance" -> options.allocationTolerance = arguments.doubleValue(flag);
                case "--thresholds" -> options.thresholds = Path.of(arguments.value(flag));
                default -> throw Arguments.unknownFlag(flag);
            }
        }
        if (options.baseline.isEmpty() || options.current.isEmpty() || options.outDir == null) {
            throw new UsageException("--baseline, --current and --out are required");
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

    Optional<String> headline() {
        return Optional.ofNullable(headline);
    }

    /** @throws IllegalArgumentException naming a value out of range or a malformed thresholds file */
    ComparisonSettings settings() {
        return ComparisonSettings.of(confidence, thresholdPercent, allocationTolerance).withBenchmarkThresholds(
            thresholds == null ? BenchmarkThresholds.none() : BenchmarkThresholds.read(thresholds));
    }
}
