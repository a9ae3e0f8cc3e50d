package io.ackbench.tools.nightly;

import io.ackbench.tools.compare.ComparisonRow;
import io.ackbench.tools.compare.ComparisonSettings;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Each benchmark's run-to-run noise as the error-rate pairs measured it, and the threshold that noise implies: the
 * part of {@link ErrorRateReport} from which a benchmark's own threshold ({@code scripts/nightly.thresholds}) is set.
 *
 * <p>A benchmark's unchanged ratios are its score ratios in the A/A pairs, and in the injected pairs where the
 * slowdown does not reach it. Their spread is the standard deviation of the log ratios (a ratio's noise is
 * multiplicative). The implied threshold is the drop that noise alone reaches with the probability of the test's
 * one tail, {@code 1 - exp(-z·sd)} with z the normal quantile at the settings' confidence (2.58 at 0.99): about one
 * false alarm per benchmark in 200 nights if the ratios are log-normal. It is an estimate from K pairs, not a bound.
 */
final class NoiseTable {
    /** Fewer unchanged ratios than this give no spread worth printing. */
    static final int MINIMUM_RATIOS = 3;

    private NoiseTable() {
    }

    static String render(final List<ErrorRateReport.Pair> pairs, final Pattern affected,
                         final ComparisonSettings settings) {
        final Map<String, List<ComparisonRow>> unchanged = new LinkedHashMap<>();
        for (final ErrorRateReport.Pair pair : pairs) {
            for (final ComparisonRow row : pair.comparison().rows()) {
                if (!pair.injected() || !ErrorRateReport.isAffected(row, affected)) {
                    unchanged.computeIfAbsent(row.baseline().key(), key -> new ArrayList<>()).add(row);
                }
            }
        }
        final double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - settings.confidence()) / 2);
        final StringBuilder out = new StringBuilder()
            .append("\n## Noise: each score's ratios where nothing changed\n\n")
            .append("The A/A pairs' ratios, and the injected pairs' for benchmarks the slowdown does not reach. ")
            .append("Spread: the standard deviation of the log ratios. Implied threshold: the drop noise alone ")
            .append("reaches with the test's one-tail probability, 1 - exp(-").append(ErrorRateReport.fmt(z, "%.2f"))
            .append(" × spread); a threshold below it raises false alarms whatever the test says.\n\n")
            .append("| benchmark | params | ratios | lowest | highest | spread | implied threshold | threshold |\n")
            .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (final List<ComparisonRow> rows : unchanged.values()) {
            final ComparisonRow first = rows.get(0);
            final double[] logs = rows.stream().mapToDouble(ComparisonRow::ratio).filter(Double::isFinite)
                .filter(ratio -> ratio > 0).map(Math::log).toArray();
            out.append("| `").append(first.baseline().shortName()).append("` | ").append(ErrorRateReport.params(first))
                .append(" | ").append(logs.length);
            if (logs.length < MINIMUM_RATIOS) {
                out.append(" | - | - | - | - | ");
            } else {
                final double spread = standardDeviation(logs);
                final double implied = 100 * (1 - Math.exp(-z * spread));
                out.append(" | ").append(ErrorRateReport.fmt(Math.exp(StatUtils.min(logs)), "%.3f"))
                    .append(" | ").append(ErrorRateReport.fmt(Math.exp(StatUtils.max(logs)), "%.3f"))
                    .append(" | ").append(ErrorRateReport.fmt(100 * spread, "%.1f")).append('%')
                    .append(" | ").append(ErrorRateReport.fmt(implied, "%.1f")).append('%')
                    .append(implied > first.thresholdPercent() ? " (above the threshold)" : "")
                    .append(" | ");
            }
            out.append(ErrorRateReport.fmt(first.thresholdPercent(), "%.0f")).append("% |\n");
        }
        return out.toString();
    }

    /** The sample standard deviation (n - 1 in the denominator). */
    static double standardDeviation(final double[] values) {
        return Math.sqrt(StatUtils.variance(values));
    }
}
