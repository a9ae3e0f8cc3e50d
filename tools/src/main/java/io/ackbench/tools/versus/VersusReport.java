package io.ackbench.tools.versus;

import io.ackbench.load.LoadGenerator;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.tools.chart.Charts;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * versus.md: the command, the summary table of every configuration with a note on how to read it, then per
 * configuration its workload, its runs and where each system's latency went (its last run's stage breakdown).
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
            .append("# ").append(first.subject()).append(" vs ").append(first.reference()).append("\n\n")
            .append("`vs-kafka ").append(String.join(" ", arguments)).append("`\n\n")
            .append(VersusTable.summary(comparisons)).append('\n')
            .append(howToRead(first));
        for (final Versus versus : comparisons) {
            final Path relative = dir.toAbsolutePath().relativize(versus.directory().toAbsolutePath());
            md.append("\n## ").append(versus.configuration().name()).append("\n\n")
                .append(describe(versus.workload()))
                .append(relative.toString().isEmpty() ? "" : " Runs in `" + relative + "/`.").append("\n\n")
                .append(VersusTable.runs(versus))
                .append(stages(versus));
        }
        return md.toString();
    }

    /**
     * Where each system's latency went in its last run of the configuration, from the stage breakdown in the run's
     * summary.json; nothing where no run has one.
     */
    static String stages(final Versus versus) {
        final StringBuilder md = new StringBuilder();
        for (final String system : List.of(versus.subject(), versus.reference())) {
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
        return String.format(Locale.ROOT, "Each system ran twice per configuration, alternately (%s), each run on a "
                + "fresh cluster. A figure is the mean of the system's two runs ± half their difference relative to "
                + "the mean; latencies are microseconds from each record's intended send time, as in produce-perf's "
                + "final line; the %s/%s row divides the means. Rate kept: whether each run sent at least %.0f%% of "
                + "its target rate with a send-delay p99 of at most %d µs.\n",
            runOrder(versus), versus.subject(), versus.reference(), RunResult.MIN_RATE_SHARE * 100,
            TimeUnit.NANOSECONDS.toMicros(RunResult.MAX_SEND_DELAY_P99_NANOS));
    }

    /** {@code 1 ackbench, 2 kafka, 3 kafka, 4 ackbench}. */
    private static String runOrder(final Versus versus) {
        return versus.runs().stream().map(run -> run.number() + " " + run.system()).collect(Collectors.joining(", "));
    }

    /**
     * {@code 3 brokers, replication factor 3, min.insync.replicas 2, 6 partitions; 100-byte values, keys none;
     * 1 producer thread at the max rate; 15 s measured after a 5 s warm-up; producer acks=all.}
     */
    static String describe(final Workload workload) {
        final StringBuilder text = new StringBuilder()
            .append(workload.brokers()).append(" brokers, replication factor ").append(workload.replicationFactor())
            .append(", min.insync.replicas ").append(workload.minInsyncReplicas()).append(", ")
            .append(workload.partitions()).append(" partitions; ").append(workload.recordSize())
            .append("-byte values, keys ").append(workload.keyDistribution()).append("; ")
            .append(workload.producerThreads()).append(workload.producerThreads() == 1 ? " producer thread" :
                " producer threads")
            .append(workload.isRateLimited() ? " at " + workload.targetRate() + " records/s" : " at the max rate")
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
