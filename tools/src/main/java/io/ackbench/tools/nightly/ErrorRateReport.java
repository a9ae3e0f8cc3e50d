package io.ackbench.tools.nightly;

import io.ackbench.tools.compare.Comparison;
import io.ackbench.tools.compare.ComparisonRow;
import io.ackbench.tools.compare.ComparisonSettings;
import io.ackbench.tools.compare.RatioInterval;
import io.ackbench.tools.compare.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The nightly gate's own error rates from {@link NightlyErrorRates}' pairs: how often it flags a regression
 * between two runs of one commit (false regression rate), and how often it flags the benchmarks that an injected
 * slowdown reaches (detection rate). A pair is one A B B A session, compared as the gate compares.
 */
final class ErrorRateReport {
    /** One pair: A/A, or A against B with the injected slowdown; its comparison and how long it took. */
    record Pair(int number, boolean injected, double seconds, Comparison comparison) {
        /** Every primary and allocation row that regressed. */
        List<ComparisonRow> regressions() {
            return comparison.regressions();
        }

        /** Whether any row regressed or improved. */
        boolean anySignificantChange() {
            return rows(comparison).stream()
                .anyMatch(row -> row.verdict() == Verdict.REGRESSION || row.verdict() == Verdict.IMPROVEMENT);
        }

        /** In an injected pair, whether the gate flagged a benchmark the slowdown reaches (its score). */
        boolean detected(final Pattern affected) {
            return comparison.rows().stream()
                .anyMatch(row -> isAffected(row, affected) && row.verdict() == Verdict.REGRESSION);
        }

        /**
         * Flags the gate should not have raised: every regression of an A/A pair; in an injected pair, those of
         * benchmarks the slowdown does not reach.
         */
        List<ComparisonRow> falseFlags(final Pattern affected) {
            return regressions().stream().filter(row -> !injected || !isAffected(row, affected))
                .collect(Collectors.toList());
        }
    }

    /** What the run was. */
    record Setup(String command, String title, String commit, String list, String jmhArgs, int pairs,
                 int slowdownPercent, String affected, String host) {
    }

    private ErrorRateReport() {
    }

    static boolean isAffected(final ComparisonRow row, final Pattern affected) {
        return affected.matcher(row.baseline().benchmark()).find();
    }

    static String render(final Setup setup, final List<Pair> pairs, final ComparisonSettings settings) {
        final Pattern affected = Pattern.compile(setup.affected());
        final List<Pair> plain = pairs.stream().filter(p -> !p.injected()).collect(Collectors.toList());
        final List<Pair> injected = pairs.stream().filter(Pair::injected).collect(Collectors.toList());
        final long falseAA = plain.stream().filter(p -> !p.falseFlags(affected).isEmpty()).count();
        final long changedAA = plain.stream().filter(Pair::anySignificantChange).count();
        final long detected = injected.stream().filter(p -> p.detected(affected)).count();
        final long falseInjected = injected.stream().filter(p -> !p.falseFlags(affected).isEmpty()).count();
        final StringBuilder out = new StringBuilder();
        out.append("# ").append(setup.title()).append("\n\n")
            .append("Command: `").append(setup.command()).append("`  \n")
            .append("Commit ").append(setup.commit()).append(", host fingerprint ").append(setup.host())
            .append(", list `").append(setup.list()).append("`, JMH options `").append(setup.jmhArgs()).append("`  \n")
            .append("K = ").append(setup.pairs()).append(" A/A pairs and ").append(setup.pairs())
            .append(" pairs with B slowed by -Dackbench.inject.slowdownPercent=").append(setup.slowdownPercent())
            .append(", alternating. Each pair is one A B B A session of one commit's jar, each side's two runs ")
            .append("pooled, ")
            .append("compared as scripts/nightly.sh compares: a score regressed when Welch's two-sided test is ")
            .append("significant at ").append(settings.confidence()).append(" and the ratio current/baseline is ")
            .append("worse than the benchmark's threshold, ").append(fmt(settings.thresholdPercent(), "%.0f"))
            .append("% (below ").append(fmt(1 - settings.threshold(), "%.2f")).append(" for throughput)")
            .append(settings.benchmarkThresholds().isEmpty() ? ""
                : " unless `" + settings.benchmarkThresholds().source() + "` gives it its own")
            .append("; allocation ")
            .append("on a path below 1 B/op regressed when it grew by more than ")
            .append(settings.allocationToleranceBytes()).append(" B/op. The slowdown reaches the benchmarks ")
            .append("matching `").append(setup.affected()).append("`.\n\n")
            .append("## Rates\n\n")
            .append("| measure | pairs | flagged | rate |\n| --- | ---: | ---: | ---: |\n")
            .append(rateRow("false regression: an A/A pair with any regression flagged", plain.size(), falseAA))
            .append(rateRow("an A/A pair with any change flagged, regression or improvement (the test's "
                + "two-sided error; only regressions fail the gate)", plain.size(), changedAA))
            .append(rateRow("detection: an injected pair with a reached benchmark flagged", injected.size(),
                detected))
            .append(rateRow("injected pair with an unreached benchmark flagged", injected.size(), falseInjected))
            .append(NoiseTable.render(pairs, affected, settings))
            .append("\n## Pairs\n\n")
            .append("| pair | B | minutes | benchmark | params | metric | ratio | interval | threshold | verdict |\n")
            .append("| ---: | --- | ---: | --- | --- | --- | ---: | --- | ---: | --- |\n");
        for (final Pair pair : pairs) {
            final String kind = pair.injected() ? "slowed " + setup.slowdownPercent() + "%" : "same (A/A)";
            for (final ComparisonRow row : rows(pair.comparison())) {
                out.append("| ").append(pair.number()).append(" | ").append(kind)
                    .append(" | ").append(fmt(pair.seconds() / 60, "%.1f"))
                    .append(" | `").append(row.baseline().shortName()).append("`")
                    .append(pair.injected() && isAffected(row, affected) ? " (reached)" : "")
                    .append(" | ").append(params(row))
                    .append(" | ").append(row.metricName())
                    .append(" | ").append(fmt(row.ratio(), "%.3f"))
                    .append(" | ").append(row.interval().map(ErrorRateReport::interval).orElse("-"))
                    .append(" | ").append(fmt(row.thresholdPercent(), "%.0f")).append('%')
                    .append(" | ").append(verdict(row.verdict()))
                    .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String verdict(final Verdict verdict) {
        return verdict == Verdict.REGRESSION ? "**" + verdict.label() + "**" : verdict.label();
    }

    static List<ComparisonRow> rows(final Comparison comparison) {
        return Stream.concat(comparison.rows().stream(), comparison.allocationRows().stream())
            .collect(Collectors.toList());
    }

    private static String rateRow(final String measure, final int pairs, final long flagged) {
        return "| " + measure + " | " + pairs + " | " + flagged + " | "
            + (pairs == 0 ? "-" : flagged + "/" + pairs + " = " + fmt(100.0 * flagged / pairs, "%.0f") + "%") + " |\n";
    }

    static String params(final ComparisonRow row) {
        final List<String> parts = new ArrayList<>();
        row.baseline().params().forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(" ", parts);
    }

    private static String interval(final RatioInterval interval) {
        return interval.isBounded()
            ? fmt(interval.low(), "%.3f") + " – " + fmt(interval.high(), "%.3f") : "unbounded";
    }

    static String fmt(final double value, final String format) {
        return String.format(Locale.ROOT, format, value);
    }
}
