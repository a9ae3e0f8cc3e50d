package io.ackbench.tools.versus;

import io.ackbench.tools.markdown.MarkdownTable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Markdown tables of side-by-side runs. The summary has a row per configuration and system, each figure the mean of
 * the system's runs with their spread ({@code 512k ±3%}), and a ratio row subject/reference per reference
 * ({@link RatioCell}); the headline has a row per configuration, each figure's ratio against the better reference;
 * the drift table a row per configuration and system ({@link Drift}); the runs table a row per run. Latencies are
 * whole microseconds, as in produce-perf's final line.
 */
final class VersusTable {
    static final String NOT_RATE_LIMITED = "n/a (max)";
    static final String NO_VALUE = "—";
    static final String KEPT = "yes";
    /** Delivered the rate, but the load generator's send-delay p99 was above produce-perf's bound. */
    static final String LATE = "late";
    static final String NOT_KEPT = "NO";

    private static final double THOUSAND = 1e3;
    private static final double TEN_THOUSAND = 1e4;
    private static final double MILLION = 1e6;
    private static final double PERCENT = 100;
    private static final double TWO_DIGITS_FROM = 9.95;
    /** Enough to compare two systems, few enough to read across a row; rounded as a reader would round. */
    private static final MathContext SIGNIFICANT = new MathContext(3, RoundingMode.HALF_UP);
    private static final String CONFIGURATION = "configuration";
    private static final String SYSTEM = "system";
    private static final String RATE_KEPT = "rate kept";
    private static final String FAILED = "failed";

    private VersusTable() {
    }

    /** The summary of every configuration; with one configuration there is no configuration column. */
    static String summary(final List<Versus> comparisons) {
        final boolean named = comparisons.size() > 1;
        final StringBuilder table = new StringBuilder();
        final List<String> headings = new ArrayList<>();
        final List<String> alignments = new ArrayList<>();
        if (named) {
            headings.add(CONFIGURATION);
            alignments.add("---");
        }
        headings.add(SYSTEM);
        alignments.add("---");
        for (final Figure figure : Figure.values()) {
            headings.add(figure.heading());
            alignments.add("---:");
        }
        headings.add(RATE_KEPT);
        alignments.add("---");
        headings.add(FAILED);
        alignments.add("---:");
        row(table, headings);
        row(table, alignments);
        for (final Versus versus : comparisons) {
            for (final String system : versus.systems()) {
                final List<String> cells = new ArrayList<>();
                if (named) {
                    cells.add(versus.configuration().name());
                }
                cells.add(system);
                for (final Figure figure : Figure.values()) {
                    cells.add(meanAndSpread(figure, versus.summary(system, figure)));
                }
                cells.add(rateKept(versus, system));
                cells.add(failed(versus.runsOf(system)));
                row(table, cells);
            }
            for (final String reference : versus.references()) {
                final List<String> ratios = new ArrayList<>();
                if (named) {
                    ratios.add(versus.configuration().name());
                }
                ratios.add(versus.subject() + "/" + reference);
                for (final Figure figure : Figure.values()) {
                    ratios.add(RatioCell.of(versus, reference, figure).text());
                }
                ratios.add("");
                ratios.add("");
                row(table, ratios);
            }
        }
        return table.toString();
    }

    /** The figures the headline shows: throughput, and the latency percentiles a reader compares. */
    static final List<Figure> HEADLINE_FIGURES = List.of(Figure.RECORDS_PER_SECOND, Figure.P50, Figure.P99,
        Figure.P99_9);

    /**
     * A row per configuration: each figure's ratio against the better reference for that figure
     * ({@link #betterReference}), named in the cell.
     */
    static String headline(final List<Versus> comparisons) {
        final StringBuilder table = new StringBuilder();
        final List<String> headings = new ArrayList<>(List.of(CONFIGURATION));
        final List<String> alignments = new ArrayList<>(List.of("---"));
        for (final Figure figure : HEADLINE_FIGURES) {
            headings.add(figure.heading().replace(" µs", "") + " ratio");
            alignments.add("---");
        }
        row(table, headings);
        row(table, alignments);
        for (final Versus versus : comparisons) {
            final List<String> cells = new ArrayList<>(List.of(versus.configuration().name()));
            for (final Figure figure : HEADLINE_FIGURES) {
                final String reference = betterReference(versus, figure);
                final RatioCell cell = RatioCell.of(versus, reference, figure);
                cells.add(cell.kind() == RatioCell.Kind.NOT_MEANINGFUL ? cell.text()
                    : cell.text() + " vs " + reference);
            }
            row(table, cells);
        }
        return table.toString();
    }

    /**
     * The reference that did better at the figure, the one a claim must be measured against: the higher mean
     * records/s, the lower mean latency; at a set rate only references that delivered it count, unless none did.
     */
    static String betterReference(final Versus versus, final Figure figure) {
        String better = null;
        double best = Double.NaN;
        for (final boolean needDelivered : new boolean[] {versus.rateMode() != RateMode.MAX, false}) {
            for (final String reference : versus.references()) {
                final MeanSpread summary = versus.summary(reference, figure);
                if (summary.runs() == 0 || needDelivered && !versus.deliveredRate(reference)) {
                    continue;
                }
                final boolean betterThanBest = better == null
                    || (figure.isLatency() ? summary.mean() < best : summary.mean() > best);
                if (betterThanBest) {
                    better = reference;
                    best = summary.mean();
                }
            }
            if (better != null) {
                return better;
            }
        }
        return versus.references().get(0);
    }

    /** A row per configuration and system: how its compared figure moved from its first run to its last. */
    static String drift(final List<Versus> comparisons) {
        final StringBuilder table = new StringBuilder();
        row(table, List.of(CONFIGURATION, SYSTEM, "figure", "runs", "last/first", "trend per run", "beyond noise"));
        row(table, List.of("---", "---", "---", "---:", "---:", "---:", "---"));
        for (final Versus versus : comparisons) {
            final Figure figure = Drift.figure(versus);
            for (final Drift.Trend trend : Drift.of(versus).values()) {
                row(table, List.of(versus.configuration().name(), trend.system(), figure.heading(),
                    Integer.toString(trend.runs()), signedPercent(trend.firstToLast()),
                    signedPercent(trend.slopePerRun()),
                    !trend.testable() ? "untested (too few runs)" : trend.significant() ? "YES" : "no"));
            }
        }
        return table.toString();
    }

    /** {@code +3.1%}, {@code -12%}; {@code —} for no number. */
    static String signedPercent(final double fraction) {
        if (!Double.isFinite(fraction)) {
            return NO_VALUE;
        }
        final double percent = fraction * PERCENT;
        // Below 9.95 one decimal still shows; from there a whole percent, so that 9.9999 reads +10%, not +10.0%.
        return String.format(Locale.ROOT, Math.abs(percent) < TWO_DIGITS_FROM ? "%+.1f%%" : "%+.0f%%", percent);
    }

    /** One row per run, in run order, with its unaveraged figures and directory. */
    static String runs(final Versus versus) {
        final StringBuilder table = new StringBuilder();
        final List<String> headings = new ArrayList<>(List.of("run", SYSTEM));
        final List<String> alignments = new ArrayList<>(List.of("---:", "---"));
        for (final Figure figure : Figure.values()) {
            headings.add(figure.heading());
            alignments.add("---:");
        }
        headings.addAll(List.of(RATE_KEPT, FAILED, "directory"));
        alignments.addAll(List.of("---", "---:", "---"));
        row(table, headings);
        row(table, alignments);
        for (final RunFigures run : versus.runs()) {
            final List<String> cells = new ArrayList<>(List.of(Integer.toString(run.number()), run.system()));
            for (final Figure figure : Figure.values()) {
                if (run.completed()) {
                    cells.add(single(figure, run.figure(figure)));
                } else {
                    cells.add(figure.ordinal() == 0 ? "crashed: " + run.error().replace('|', '/') : "");
                }
            }
            cells.add(rateKept(versus, run));
            cells.add(run.completed() ? Long.toString(run.failed()) : "");
            cells.add("`" + run.directory() + "`");
            row(table, cells);
        }
        return table.toString();
    }

    /** {@code 512k ±3%}; {@code 512k (1 run)} when the other crashed; {@code —} when both did. */
    static String meanAndSpread(final Figure figure, final MeanSpread summary) {
        if (summary.runs() == 0) {
            return NO_VALUE;
        }
        final String mean = value(figure, summary.mean());
        if (summary.runs() == 1) {
            return mean + " (1 run)";
        }
        final double percent = summary.spread() * PERCENT;
        // Under 1% a whole percent would say ±0%, which hides a real difference.
        return mean + " ±" + String.format(Locale.ROOT, percent < 1 ? "%.1f%%" : "%.0f%%", percent);
    }

    /** A mean: records/s in three significant digits ({@code 512k}), MB/s with two decimals, latency whole µs. */
    static String value(final Figure figure, final double value) {
        if (figure == Figure.RECORDS_PER_SECOND) {
            return compact(value);
        }
        if (figure == Figure.MEGABYTES_PER_SECOND) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** One run's figure as produce-perf's final line prints it: records/s with one decimal, latency whole µs. */
    static String single(final Figure figure, final double value) {
        return figure == Figure.RECORDS_PER_SECOND ? String.format(Locale.ROOT, "%.1f", value) : value(figure, value);
    }

    /**
     * Three significant digits, k from ten thousand and M from a million: {@code 1.23M}, {@code 512k}, {@code 9880}.
     */
    static String compact(final double value) {
        if (!Double.isFinite(value)) {
            return NO_VALUE;
        }
        if (Math.abs(value) >= MILLION) {
            return significant(value / MILLION) + "M";
        }
        if (Math.abs(value) >= TEN_THOUSAND) {
            return significant(value / THOUSAND) + "k";
        }
        return significant(value);
    }

    private static String significant(final double value) {
        // valueOf: the shortest decimal that is the double, so 0.1525 rounds as 0.1525 and not as 0.15249999...
        return BigDecimal.valueOf(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** Each run's verdict in run order ({@code yes, late, NO}), or {@value #NOT_RATE_LIMITED} when unbounded. */
    private static String rateKept(final Versus versus, final String system) {
        if (!versus.workload().isRateLimited()) {
            return NOT_RATE_LIMITED;
        }
        final List<String> verdicts = new ArrayList<>(2);
        for (final RunFigures run : versus.runsOf(system)) {
            verdicts.add(rateKept(versus, run));
        }
        return String.join(", ", verdicts);
    }

    /** {@value #KEPT}, {@value #LATE} or {@value #NOT_KEPT}: see {@link VersusReport#howToRead}. */
    private static String rateKept(final Versus versus, final RunFigures run) {
        if (!run.completed()) {
            return NO_VALUE;
        }
        if (!run.rateLimited()) {
            return NOT_RATE_LIMITED;
        }
        if (!versus.deliveredRate(run)) {
            return NOT_KEPT;
        }
        return run.keptRate() ? KEPT : LATE;
    }

    /** Failed records over the completed runs, and which runs crashed: {@code 0}, {@code 12; run 3 crashed}. */
    private static String failed(final List<RunFigures> runs) {
        long records = 0;
        final List<String> parts = new ArrayList<>();
        for (final RunFigures run : runs) {
            if (run.completed()) {
                records += run.failed();
            } else {
                parts.add("run " + run.number() + " crashed");
            }
        }
        if (records > 0 || parts.isEmpty()) {
            parts.add(0, Long.toString(records));
        }
        return String.join("; ", parts);
    }

    private static void row(final StringBuilder table, final List<String> cells) {
        table.append(MarkdownTable.row(cells));
    }
}
