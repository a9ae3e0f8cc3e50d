package io.ackbench.load;

import io.ackbench.fault.FailoverReport;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.load.stages.StageRow;
import io.ackbench.transport.ErrorCode;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one load-generator run measured: counts, elapsed times, and the latency and send-delay histograms (in
 * nanoseconds) of its measured records, merged over the producer threads, and with consumers the end-to-end
 * latency; the measured window (throughput counts what was acknowledged inside it), how the warm-up ended and what
 * the load threads waited on. Immutable after construction; the histograms are the result's own copies.
 */
public final class RunResult {
    /** A run keeps its rate if it sends at least this share of the target rate... */
    public static final double MIN_RATE_SHARE = 0.95;
    /** ...and its send delay's 99th percentile is at most this: a longer delay means the sender fell behind. */
    public static final long MAX_SEND_DELAY_P99_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double NANOS_PER_SECOND = 1e9;
    /** kafka-producer-perf-test's MB: 1024 * 1024 bytes. */
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final Workload workload;
    private final long sent;
    private final long acknowledged;
    private final long failed;
    private final short firstError;
    private final long warmupRecords;
    private final long elapsedNanos;
    private final long sendingNanos;
    private final Histogram latency;
    private final Histogram sendDelay;
    /** The faults applied and the failovers they caused, or null for a run without faults. */
    private final FailoverReport failovers;
    /** What the consumers measured, or null for a run without consumers. */
    private final EndToEndLatency endToEnd;
    /** Where the latency went, stage by stage, or null where the cluster could not say or was not asked. */
    private final StageBreakdown stages;
    private final MeasuredWindow window;
    private final WarmupOutcome warmup;
    /** What the load threads waited on while measuring, or null where not counted. */
    private final LoadThreadWaits waits;

    /**
     * @param elapsedNanos from the measurement start to the last measured record's completion
     * @param sendingNanos from the measurement start to the last measured record's send
     */
    public RunResult(final Workload workload, final long sent, final long acknowledged, final long failed,
                     final short firstError, final long warmupRecords, final long elapsedNanos,
                     final long sendingNanos, final Histogram latency, final Histogram sendDelay) {
        this(workload, sent, acknowledged, failed, firstError, warmupRecords, elapsedNanos, sendingNanos, latency,
            sendDelay, null);
    }

    /** @param failovers what a run under faults timed, or null */
    public RunResult(final Workload workload, final long sent, final long acknowledged, final long failed,
                     final short firstError, final long warmupRecords, final long elapsedNanos,
                     final long sendingNanos, final Histogram latency, final Histogram sendDelay,
                     final FailoverReport failovers) {
        this(workload, sent, acknowledged, failed, firstError, warmupRecords, elapsedNanos, sendingNanos, latency,
            sendDelay, failovers, null);
    }

    /**
     * A result whose window is its elapsed time, every acknowledgement inside it.
     *
     * @param endToEnd what the consumers measured, or null for a run without consumers
     */
    public RunResult(final Workload workload, final long sent, final long acknowledged, final long failed,
                     final short firstError, final long warmupRecords, final long elapsedNanos,
                     final long sendingNanos, final Histogram latency, final Histogram sendDelay,
                     final FailoverReport failovers, final EndToEndLatency endToEnd) {
        this(workload, sent, acknowledged, failed, firstError, warmupRecords, elapsedNanos, sendingNanos, latency,
            sendDelay, failovers, endToEnd, new MeasuredWindow(elapsedNanos, acknowledged, 0, 0),
            WarmupOutcome.fixed(workload.warmupNanos()), null, null);
    }

    /**
     * @param window the measured window and what was acknowledged inside it
     * @param warmup how the warm-up ended
     * @param waits  what the load threads waited on while measuring, or null
     * @param stages the cluster's stage breakdown, or null
     */
    public RunResult(final Workload workload, final long sent, final long acknowledged, final long failed,
                     final short firstError, final long warmupRecords, final long elapsedNanos,
                     final long sendingNanos, final Histogram latency, final Histogram sendDelay,
                     final FailoverReport failovers, final EndToEndLatency endToEnd, final MeasuredWindow window,
                     final WarmupOutcome warmup, final LoadThreadWaits waits, final StageBreakdown stages) {
        this.window = window;
        this.warmup = warmup;
        this.waits = waits;
        this.stages = stages;
        this.failovers = failovers;
        this.endToEnd = endToEnd;
        this.workload = workload;
        this.sent = sent;
        this.acknowledged = acknowledged;
        this.failed = failed;
        this.firstError = firstError;
        this.warmupRecords = warmupRecords;
        this.elapsedNanos = elapsedNanos;
        this.sendingNanos = sendingNanos;
        this.latency = latency.copy();
        this.sendDelay = sendDelay.copy();
    }

    public Workload workload() {
        return workload;
    }

    /** Measured records handed to send. */
    public long sent() {
        return sent;
    }

    /** Measured records acknowledged without error (completed, for acks=0). */
    public long acknowledged() {
        return acknowledged;
    }

    public long failed() {
        return failed;
    }

    public short firstError() {
        return firstError;
    }

    public long warmupRecords() {
        return warmupRecords;
    }

    /** From the measurement start to the last measured record's completion (the final flush). */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    public MeasuredWindow window() {
        return window;
    }

    public WarmupOutcome warmup() {
        return warmup;
    }

    /** What the load threads waited on while measuring, or null where not counted. */
    public LoadThreadWaits waits() {
        return waits;
    }

    /** A copy of the latency histogram, nanoseconds from intended send to completion. */
    public Histogram latency() {
        return latency.copy();
    }

    /** A copy of the send-delay histogram, nanoseconds from intended to actual send. */
    public Histogram sendDelay() {
        return sendDelay.copy();
    }

    /**
     * This result with the cluster's stage breakdown ({@link LoadCluster#stages()}), null for none. A breakdown
     * without a send-delay row gets one in front, from this run's send delay: the generator's own stage.
     */
    public RunResult withStages(final StageBreakdown breakdown) {
        final StageBreakdown complete = breakdown == null || breakdown.hasRow(StageRecorder.SEND_DELAY) ? breakdown
            : breakdown.withFirstRow(StageRow.of(StageRecorder.SEND_DELAY, StageRecorder.SEND_DELAY_SPANS, sendDelay,
                true));
        return new RunResult(workload, sent, acknowledged, failed, firstError, warmupRecords, elapsedNanos,
            sendingNanos, latency, sendDelay, failovers, endToEnd, window, warmup, waits, complete);
    }

    /** Where the measured records' latency went, stage by stage, or null. */
    public StageBreakdown stages() {
        return stages;
    }

    /** The faults applied and the failovers they caused, or null for a run without faults. */
    public FailoverReport failovers() {
        return failovers;
    }

    /**
     * A copy of the end-to-end histogram, nanoseconds from intended send to consumption, or null for a run without
     * consumers.
     */
    public Histogram endToEnd() {
        return endToEnd == null ? null : endToEnd.latency();
    }

    /** Measured records the consumers read; 0 for a run without consumers. */
    public long consumed() {
        return endToEnd == null ? 0 : endToEnd.consumed();
    }

    /** Why the end-to-end figures may be incomplete (the consumers did not catch up), or null. */
    public String endToEndWarning() {
        return endToEnd == null ? null : endToEnd.warning();
    }

    /** Microseconds (truncated) at a percentile of the end-to-end histogram; 0 for a run without consumers. */
    public long endToEndMicrosAt(final double percentile) {
        return endToEnd == null ? 0 : micros(endToEnd.histogram().getValueAtPercentile(percentile));
    }

    /**
     * Records acknowledged inside the measured window per second of it: what the system kept up with, not charged
     * for draining a backlog after the window.
     */
    public double recordsPerSecond() {
        return window.recordsPerSecond();
    }

    public double megabytesPerSecond() {
        return recordsPerSecond() * workload.recordSize() / BYTES_PER_MB;
    }

    /**
     * Records handed to send per second, until the last one was sent: what the schedule achieved, which the rate
     * check compares with the target (throughput is what was acknowledged, {@link #recordsPerSecond()}).
     */
    public double sendRate() {
        return sendingNanos <= 0 ? 0 : sent * NANOS_PER_SECOND / sendingNanos;
    }

    /** Whether the run kept its target rate (always true for an unlimited run). */
    public boolean keptRate() {
        if (!workload.isRateLimited()) {
            return true;
        }
        return sendRate() >= MIN_RATE_SHARE * workload.targetRate()
            && sendDelay.getValueAtPercentile(99) <= MAX_SEND_DELAY_P99_NANOS;
    }

    /** Why the run did not keep its rate, or null when it did. */
    public String rateWarning() {
        if (keptRate()) {
            return null;
        }
        return String.format(Locale.ROOT, "WARNING: the run did not keep its target rate of %d records/sec: it sent "
                + "%.1f records/sec (%.1f%%; at least %.0f%% needed) and its send delay p99 was %d us (at most %d us "
                + "allowed). Latencies above include the backlog.",
            workload.targetRate(), sendRate(), 100 * sendRate() / workload.targetRate(), 100 * MIN_RATE_SHARE,
            micros(sendDelay.getValueAtPercentile(99)), micros(MAX_SEND_DELAY_P99_NANOS))
            + (workload.warmupNanos() == 0 ? " A cold JVM falls behind in its first second: try --warmup 5s." : "");
    }

    /** Microseconds (truncated) at a percentile of the latency histogram. */
    public long latencyMicrosAt(final double percentile) {
        return micros(latency.getValueAtPercentile(percentile));
    }

    public double averageLatencyMicros() {
        return latency.getMean() / NANOS_PER_MICRO;
    }

    public long maxLatencyMicros() {
        return micros(latency.getMaxValue());
    }

    /**
     * kafka-producer-perf-test's closing line, in microseconds. With consumers, the end-to-end figures follow its
     * last sentence, so the line begins as it does without them: {@code ... us 99.9th. End to end: N records
     * consumed, A us 50th, B us 99th, C us 99.9th.}
     */
    public String finalLine() {
        final String produce = String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.2f us "
                + "avg latency, %d us max latency, %d us 50th, %d us 95th, %d us 99th, %d us 99.9th.",
            acknowledged, recordsPerSecond(), megabytesPerSecond(), averageLatencyMicros(), maxLatencyMicros(),
            latencyMicrosAt(50), latencyMicrosAt(95), latencyMicrosAt(99), latencyMicrosAt(99.9));
        if (endToEnd == null) {
            return produce;
        }
        return produce + String.format(Locale.ROOT, " End to end: %d records consumed, %d us 50th, %d us 99th, "
                + "%d us 99.9th.", endToEnd.consumed(), endToEndMicrosAt(50), endToEndMicrosAt(99),
            endToEndMicrosAt(99.9));
    }

    /** Why records failed, or null when none did. */
    public String failureLine() {
        if (failed == 0) {
            return null;
        }
        return failed + " records failed; the first with " + ErrorCode.name(firstError);
    }

    /**
     * The summary as a JSON object: the system that was loaded ({@link LoadTarget#name()}), the workload, counts,
     * rates and both histograms' percentiles in microseconds.
     */
    public String toJson(final String target) {
        final StringBuilder json = new StringBuilder(2048);
        json.append("{\n  \"target\": \"").append(escape(target)).append("\",\n  \"workload\": {");
        field(json, "recordSize", workload.recordSize()).append(',');
        field(json, "keyDistribution", workload.keyDistribution().toString()).append(',');
        field(json, "partitions", workload.partitions()).append(',');
        field(json, "producerThreads", workload.producerThreads()).append(',');
        field(json, "targetRate", workload.targetRate()).append(',');
        field(json, "numRecords", workload.numRecords()).append(',');
        field(json, "durationSeconds", workload.durationNanos() / NANOS_PER_SECOND).append(',');
        field(json, "warmupSeconds", workload.warmupNanos() / NANOS_PER_SECOND).append(',');
        field(json, "brokers", workload.brokers()).append(',');
        field(json, "replicationFactor", workload.replicationFactor()).append(',');
        field(json, "minInsyncReplicas", workload.minInsyncReplicas()).append(',');
        field(json, "consumers", workload.consumers()).append(',');
        settings(json, "producerSettings", workload.producerSettings()).append(',');
        settings(json, "brokerSettings", workload.brokerSettings());
        json.append("},\n  \"results\": {");
        field(json, "recordsSent", sent).append(',');
        field(json, "recordsAcknowledged", acknowledged).append(',');
        field(json, "recordsFailed", failed).append(',');
        field(json, "warmupRecords", warmupRecords).append(',');
        field(json, "elapsedSeconds", elapsedNanos / NANOS_PER_SECOND).append(',');
        json.append(window.jsonFields()).append(',');
        json.append("\n    \"warmup\": ").append(warmup.toJson()).append(',');
        field(json, "recordsPerSecond", recordsPerSecond()).append(',');
        field(json, "megabytesPerSecond", megabytesPerSecond()).append(',');
        field(json, "sendRate", sendRate()).append(',');
        if (endToEnd != null) {
            field(json, "recordsConsumed", endToEnd.consumed()).append(',');
            json.append("\n    \"consumersCaughtUp\": ").append(endToEnd.caughtUp()).append(',');
        }
        json.append("\n    \"keptRate\": ").append(keptRate());
        json.append("},\n  \"latencyMicros\": ");
        percentiles(json, latency);
        json.append(",\n  \"sendDelayMicros\": ");
        percentiles(json, sendDelay);
        if (waits != null) {
            json.append(",\n  \"loadThreadWaits\": ").append(waits.toJson());
        }
        if (endToEnd != null) {
            json.append(",\n  \"endToEndMicros\": ");
            percentiles(json, endToEnd.histogram());
        }
        if (failovers != null) {
            json.append(",\n  \"faults\": ").append(failovers.toJson());
        }
        if (stages != null) {
            json.append(",\n  \"stages\": ").append(stages.json());
        }
        json.append("\n}\n");
        return json.toString();
    }

    private static StringBuilder percentiles(final StringBuilder json, final Histogram histogram) {
        json.append('{');
        field(json, "count", histogram.getTotalCount()).append(',');
        field(json, "avg", histogram.getMean() / NANOS_PER_MICRO).append(',');
        field(json, "p50", histogram.getValueAtPercentile(50) / NANOS_PER_MICRO).append(',');
        field(json, "p95", histogram.getValueAtPercentile(95) / NANOS_PER_MICRO).append(',');
        field(json, "p99", histogram.getValueAtPercentile(99) / NANOS_PER_MICRO).append(',');
        field(json, "p99.9", histogram.getValueAtPercentile(99.9) / NANOS_PER_MICRO).append(',');
        field(json, "p99.99", histogram.getValueAtPercentile(99.99) / NANOS_PER_MICRO).append(',');
        field(json, "max", histogram.getMaxValue() / NANOS_PER_MICRO);
        return json.append('}');
    }

    private static StringBuilder settings(final StringBuilder json, final String name, final Map<String, String> map) {
        json.append("\n    \"").append(name).append("\": {");
        String separator = "";
        for (final Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            json.append(separator).append('"').append(escape(e.getKey())).append("\": \"")
                .append(escape(e.getValue())).append('"');
            separator = ", ";
        }
        return json.append('}');
    }

    private static StringBuilder field(final StringBuilder json, final String name, final long value) {
        return json.append("\n    \"").append(name).append("\": ").append(value);
    }

    private static StringBuilder field(final StringBuilder json, final String name, final double value) {
        return json.append("\n    \"").append(name).append("\": ").append(String.format(Locale.ROOT, "%.3f", value));
    }

    private static StringBuilder field(final StringBuilder json, final String name, final String value) {
        return json.append("\n    \"").append(name).append("\": \"").append(escape(value)).append('"');
    }

    private static String escape(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static long micros(final long nanos) {
        return nanos / 1_000;
    }
}
