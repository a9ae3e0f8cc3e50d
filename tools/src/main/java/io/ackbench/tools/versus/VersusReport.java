package io.ackbench.tools.versus;

import io.ackbench.load.LoadGenerator;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.tools.chart.Charts;
import io.ackbench.tools.markdown.MarkdownTable;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * versus.md: the command; what each system ran with; the headline (each figure against the better reference); the
 * summary table of every configuration with a note on how to read it; the drift check; then per configuration its
 * workload, its runs and where each system's latency went (its last run's stage breakdown).
 */
final class VersusReport {
    /** Nanoseconds in a second, as a power of ten. */
    private static final int NANOS_DIGITS = 9;

    private VersusReport() {
    }

    /**
     * @param arguments   the command line as given
     * @param comparisons at least one, all of the same two systems
     * @param dir         where versus.md goes: the runs' directories are named relative to it
     */
    static String render(final List<String> arguments, final List<Versus> comparisons, final Path dir) {
        final Versus first = comparisons.get(0);
        final StringBuilder md = new StringBuilder()
            .append("# ").append(first.subject()).append(" vs ").append(String.join(" and ", first.references()))
            .append("\n\n")
            .append("`vs-kafka ").append(String.join(" ", arguments)).append("`\n\n")
            .append(when(comparisons))
            .append("## How each system ran\n\n").append(resources(first)).append('\n')
            .append("## Headline\n\n").append(VersusTable.headline(comparisons)).append('\n')
            .append(howToReadHeadline(first))
            .append("\n## Every system\n\n").append(VersusTable.summary(comparisons)).append('\n')
            .append(howToRead(first))
            .append("\n## Drift\n\n").append(VersusTable.drift(comparisons)).append('\n')
            .append(howToReadDrift());
        for (final Versus versus : comparisons) {
            final Path relative = dir.toAbsolutePath().relativize(versus.directory().toAbsolutePath());
            md.append("\n## ").append(versus.configuration().name()).append("\n\n")
                .append(describe(versus.workload(), versus.configuration()))
                .append(rates(versus))
                .append(relative.toString().isEmpty() ? "" : " Runs in `" + relative + "/`.")
                .append(versus.measured().recorded() ? " " + versus.measured().sentence() : "").append("\n\n")
                .append(VersusTable.runs(versus))
                .append(stages(versus));
        }
        return md.toString();
    }

    /**
     * A matrix's span of time, its machines and commits, above everything else: a matrix finished with --resume may
     * hold configurations of several days, machines or commits. Each configuration's own line has the detail; a
     * single configuration has only that line.
     */
    static String when(final List<Versus> comparisons) {
        final Set<String> machines = new TreeSet<>();
        final Set<String> commits = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        int unrecorded = 0;
        for (final Versus versus : comparisons) {
            final Measured measured = versus.measured();
            if (!measured.recorded()) {
                unrecorded++;
                continue;
            }
            machines.add(measured.machine());
            commits.add(measured.commit());
            first = first == null || measured.from().isBefore(first) ? measured.from() : first;
            last = last == null || measured.to().isAfter(last) ? measured.to() : last;
        }
        if (first == null || comparisons.size() == 1) {
            return "";
        }
        return "Measured from " + Measured.minute(first) + " to " + Measured.minute(last) + " UTC on "
            + String.join(", ", machines) + " at " + (commits.size() == 1 ? "" : "commits ")
            + String.join(", ", commits)
            + (unrecorded == 0 ? "" : "; " + unrecorded + " of " + comparisons.size()
            + " configurations do not record when") + ". Each configuration's section says when it ran.\n\n";
    }

    /** A row per resource, a column per system: what each ran with, as each target states it. */
    static String resources(final Versus versus) {
        final List<String> keys = new ArrayList<>();
        versus.resources().values().forEach(lines -> lines.keySet().stream().filter(key -> !keys.contains(key))
            .forEach(keys::add));
        final List<String> headings = new ArrayList<>(List.of(""));
        final List<String> alignments = new ArrayList<>(List.of("---"));
        for (final String system : versus.systems()) {
            headings.add(system);
            alignments.add("---");
        }
        final StringBuilder table = new StringBuilder(MarkdownTable.row(headings))
            .append(MarkdownTable.row(alignments));
        for (final String key : keys) {
            final List<String> cells = new ArrayList<>(List.of(key));
            for (final String system : versus.systems()) {
                cells.add(versus.resources().getOrDefault(system, Map.of()).getOrDefault(key, VersusTable.NO_VALUE)
                    .replace('|', '/'));
            }
            table.append(MarkdownTable.row(cells));
        }
        return table.toString();
    }

    static String howToReadHeadline(final Versus versus) {
        return "Each cell is " + versus.subject() + "'s mean over the better reference's (named), with Fieller's "
            + Math.round(Versus.CONFIDENCE * 100) + "% interval from the runs of both: the higher records/s, the "
            + "lower latency; at a set rate only a reference that delivered it counts. At the max rate latency is the "
            + "producer's backlog divided by the throughput, so a latency ratio there would restate the throughput "
            + "ratio: \"" + RatioCell.QUEUEING + "\". At a set rate (a fixed rate, or each system at "
            + "half its own max) throughput is the rate, and a latency ratio is shown only where both systems "
            + "delivered their rate in every run (rate kept yes or late); otherwise the cell says which missed it.\n";
    }

    static String howToReadDrift() {
        return "For each system, the figure its configuration compares (records/s at the max rate, p99 at a set "
            + "rate): its last run over its first, and the change per run position of a straight line through the "
            + "logarithms of its runs, tested (t, " + Math.round(Drift.CONFIDENCE * 100) + "%, two-sided) against "
            + "the scatter of every system's runs around their own lines. YES marks a trend beyond that noise: the "
            + "system's runs were not alike, and its mean depends on how many were taken.\n";
    }

    /**
     * Where each system's latency went in its last run of the configuration, from the stage breakdown in the run's
     * summary.json; nothing where no run has one.
     */
    static String stages(final Versus versus) {
        final StringBuilder md = new StringBuilder();
        for (final String system : versus.systems()) {
            RunFigures last = null;
            for (final RunFigures run : versus.runs()) {
                if (run.system().equals(system) && run.error() == null) {
                    last = run;
                }
            }
            final Path summary = last == null ? null
                : versus.directory().resolve(last.directory()).resolve(LoadGenerator.SUMMARY_JSON);
            final StageBreakdown breakdown = summary == null || !Files.isRegularFile(summary) ? null
                : Charts.stageBreakdown(summary);
            if (breakdown != null) {
                md.append("\n### Where the latency went: ").append(system).append(", run ").append(last.number())
                    .append("\n\n").append(breakdown.markdown());
            }
        }
        return md.toString();
    }

    static String howToRead(final Versus versus) {
        final int runs = versus.runsOf(versus.subject()).size();
        return String.format(Locale.ROOT, "Each system ran %d times per configuration, in rounds of one run each, "
                + "every round the previous one reversed (%s), each run in a JVM of its own on a fresh cluster. A "
                + "figure is the mean of the system's completed runs ± half their range relative to the mean; "
                + "latencies are microseconds from each record's intended send time, as in produce-perf's final "
                + "line. A ratio row divides %s's mean by the reference's, two significant digits, with Fieller's "
                + "%.0f%% interval in brackets (its bounds rounded outwards). Rate kept, per run: NO where "
                + "its system acknowledged less than %.0f%% of its target rate in the measured window; late where it "
                + "delivered the rate but the load generator's send-delay p99 was above %d µs (it waited for a CPU "
                + "or for buffer space, and since latency counts from the intended send time, the wait is in the "
                + "latency); yes otherwise.\n",
            runs, runOrder(versus), versus.subject(), Versus.CONFIDENCE * 100, RunResult.MIN_RATE_SHARE * 100,
            TimeUnit.NANOSECONDS.toMicros(RunResult.MAX_SEND_DELAY_P99_NANOS));
    }

    /** {@code 1 ackbench, 2 kafka, 3 kafka, 4 ackbench}. */
    private static String runOrder(final Versus versus) {
        return versus.runs().stream().map(run -> run.number() + " " + run.system()).collect(Collectors.joining(", "));
    }

    /** For a configuration at a share of each system's max: the rate each ran at. */
    private static String rates(final Versus versus) {
        if (versus.configuration().rateMode() != RateMode.SHARE_OF_OWN_MAX) {
            return "";
        }
        final List<String> rates = new ArrayList<>();
        for (final String system : versus.systems()) {
            final Long rate = versus.rates().get(system);
            rates.add(system + " at " + (rate == null ? "no rate (no max measured)" : rate + " records/s"));
        }
        return " Each system at " + Math.round(versus.configuration().shareOfMax() * 100) + "% of its own mean "
            + "records/s in " + versus.configuration().maxConfiguration() + ": " + String.join(", ", rates) + ".";
    }

    /**
     * {@code 3 brokers, replication factor 3, min.insync.replicas 2, 6 partitions; 100-byte values, keys none;
     * 1 producer thread at the max rate; 15 s measured after a 5 s warm-up; producer acks=all.}
     */
    static String describe(final Workload workload, final Configuration configuration) {
        final StringBuilder text = new StringBuilder()
            .append(workload.brokers()).append(" brokers, replication factor ").append(workload.replicationFactor())
            .append(", min.insync.replicas ").append(workload.minInsyncReplicas()).append(", ")
            .append(workload.partitions()).append(" partitions; ").append(workload.recordSize())
            .append("-byte values, keys ").append(workload.keyDistribution()).append("; ")
            .append(workload.producerThreads()).append(workload.producerThreads() == 1 ? " producer thread" :
                " producer threads")
            .append(configuration.rateMode() == RateMode.SHARE_OF_OWN_MAX ? " at a share of each system's max"
                : workload.isRateLimited() ? " at " + workload.targetRate() + " records/s" : " at the max rate")
            .append("; ");
        if (workload.numRecords() != Workload.NO_RECORD_COUNT) {
            text.append(workload.numRecords()).append(" records");
        } else {
            text.append(seconds(workload.durationNanos())).append(" s");
        }
        if (workload.steadyWarmup()) {
            text.append(" measured after a steady-state warm-up (at most ").append(seconds(workload.warmupNanos()))
                .append(" s)");
        } else {
            text.append(workload.warmupNanos() == 0 ? " measured without a warm-up"
                : " measured after a " + seconds(workload.warmupNanos()) + " s warm-up");
        }
        settings(text, "producer", workload.producerSettings());
        settings(text, "brokers", workload.givenBrokerSettings());
        return text.append('.').toString();
    }

    private static void settings(final StringBuilder text, final String whose, final Map<String, String> settings) {
        if (!settings.isEmpty()) {
            text.append("; ").append(whose);
            new TreeMap<>(settings).forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        }
    }

    /** {@code 15}, {@code 0.5}. */
    private static String seconds(final long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(NANOS_DIGITS).stripTrailingZeros().toPlainString();
    }
}
