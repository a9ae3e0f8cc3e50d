package io.ackbench.load.calibration;

import io.ackbench.load.LoadGenerator;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One open-loop calibration run: the stand-in's settings, the rate, a warm-up and the measured duration, run through
 * {@link LoadGenerator} as {@code produce-perf --target calibration} runs it. Immutable.
 */
public final class CalibrationCase {
    private final String name;
    private final CalibrationSettings settings;
    private final long recordsPerSecond;
    private final long warmupNanos;
    private final long durationNanos;

    public CalibrationCase(final String name, final CalibrationSettings settings, final long recordsPerSecond,
                           final long warmupNanos, final long durationNanos) {
        this.name = name;
        this.settings = settings;
        this.recordsPerSecond = recordsPerSecond;
        this.warmupNanos = warmupNanos;
        this.durationNanos = durationNanos;
    }

    public String name() {
        return name;
    }

    public CalibrationSettings settings() {
        return settings;
    }

    public long warmupNanos() {
        return warmupNanos;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** One producer thread at the rate, settings as producer settings, one progress line per second. */
    public Workload workload() {
        return Workload.builder()
            .targetRate(recordsPerSecond)
            .warmup(warmupNanos, TimeUnit.NANOSECONDS)
            .duration(durationNanos, TimeUnit.NANOSECONDS)
            .reportingInterval(1, TimeUnit.SECONDS)
            .producerSetting(CalibrationSettings.SERVICE_US,
                Long.toString(TimeUnit.NANOSECONDS.toMicros(settings.serviceNanos())))
            .producerSetting(CalibrationSettings.STALL_MS,
                Long.toString(TimeUnit.NANOSECONDS.toMillis(settings.stallNanos())))
            .producerSetting(CalibrationSettings.STALL_PERIOD_MS,
                Long.toString(TimeUnit.NANOSECONDS.toMillis(settings.periodNanos())))
            .build();
    }

    /** Runs the case, writing the run's files into {@code outputDir}, progress to {@code out}. */
    public Measured run(final Path outputDir, final PrintStream out) throws IOException, InterruptedException {
        final CalibrationTarget target = new CalibrationTarget();
        final Workload workload = workload();
        target.check(workload);
        try (CalibrationCluster cluster = (CalibrationCluster) target.start(workload, outputDir)) {
            final RunResult result = new LoadGenerator(target, out).run(workload, cluster, outputDir);
            return new Measured(result, cluster.lateness());
        }
    }

    /** What a run measured, and the stand-in's own lateness in calling back (its share of the error). */
    public static final class Measured {
        private final RunResult result;
        private final Histogram responderLateness;

        Measured(final RunResult result, final Histogram responderLateness) {
            this.result = result;
            this.responderLateness = responderLateness;
        }

        public RunResult result() {
            return result;
        }

        /** From each record's release time (due, or its stall's end) to the call back, warm-up included. */
        public Histogram responderLateness() {
            return responderLateness;
        }

        /**
         * Why this run cannot check the harness at {@code percentiles}, or null if it can. It cannot if the load
         * generator did not keep its schedule by its own measure ({@link RunResult#keptRate()}: its warning says the
         * latencies include a backlog), or if the lateness of the two threads may by itself exceed the tolerance at a
         * percentile: the generator's send delay (its own lateness, which it reports and which counts as latency) and
         * the stand-in's lateness in calling back. Each record's measured latency is the model's plus at most those
         * two, so if the send delay at percentile q' and the stand-in's lateness at q' together stay within the
         * tolerance at q, where q' halves the share of records above q (p99.5 for p99), at most that share of records
         * can be pushed past the tolerance by them, and a harness that is right passes. Both grow on a machine whose
         * cores are busy with other work.
         */
        public String whyNotCalibrated(final double tolerance, final StallModel model, final double... percentiles) {
            if (!result.keptRate()) {
                return result.rateWarning();
            }
            for (final double percentile : percentiles) {
                final double split = 100 - (100 - percentile) / 2;
                final long sentLate = result.sendDelay().getValueAtPercentile(split);
                final long late = responderLateness.getValueAtPercentile(split);
                if (sentLate + late > tolerance * model.latencyNanosAt(percentile)) {
                    return String.format(Locale.ROOT, "at p%s the load generator's own send delay (%.1f us) and the "
                            + "stand-in's lateness (%.1f us) exceed the %.0f%% tolerance at p%s: their threads found "
                            + "no core free", split, sentLate / 1e3, late / 1e3, 100 * tolerance, percentile);
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return name + " (" + settings + ", " + recordsPerSecond + " records/s, warm-up "
            + TimeUnit.NANOSECONDS.toMillis(warmupNanos) + " ms, measured "
            + TimeUnit.NANOSECONDS.toMillis(durationNanos) + " ms)";
    }
}
