package io.ackbench.load.stages;

import io.ackbench.producer.BatchStageListener;
import io.ackbench.producer.BatchStages;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One ackbench producer's stage latencies: a {@link BatchStageListener} that splits each acknowledged batch's time
 * into stages, one HdrHistogram per stage in nanoseconds, counting records. A stage the batch shares (drained,
 * request written, the leader's stamps, the response) is recorded once per batch with the count of the batch's
 * measured records; the two per-record spans, accumulation (from the record's own send call) and the total (from
 * its intended send time), once per record. Records intended before the measurement start are ignored.
 *
 * <p>With its commits kept (a run with consumers), it also keeps each such batch's partition, base offset and commit
 * time for the {@link ConsumerReceiptStage}.
 *
 * <p>Threads: {@link #onBatch} runs on the producer's sender thread, the one writer, and allocates nothing (but the
 * occasional doubling of the kept commits' columns); each histogram is an HdrHistogram {@link SingleWriterRecorder},
 * whose phaser hands a complete interval to the reader. {@link #histograms()} and {@link #breakdown} may run on any
 * thread (they synchronize on the recorder).
 */
public final class StageRecorder implements BatchStageListener {
    public static final int ACCUMULATION = 0;
    public static final int SENDER_QUEUE = 1;
    public static final int TO_LEADER = 2;
    public static final int LEADER_APPEND = 3;
    public static final int REPLICATION_WAIT = 4;
    public static final int ANSWER_WAIT = 5;
    public static final int RESPONSE = 6;
    public static final int TOTAL = 7;
    public static final int STAGES = 8;

    /** The stage before these, from the load generator's own record of each send. */
    public static final String SEND_DELAY = "send delay";
    public static final String SEND_DELAY_SPANS = "intended -> send called";
    static final String[] NAMES = {"accumulation", "sender queue", "to leader", "leader append", "replication wait",
        "answer wait", "response", "total"};
    static final String[] SPANS = {"send called -> batch drained", "drained -> request written",
        "request written -> leader read it", "leader read -> appended", "appended -> high watermark covers it",
        "covered -> leader wrote the response", "response written -> producer's callback",
        "intended -> producer's callback"};
    public static final String SOURCE = "ackbench producer and brokers, stamped per batch";

    private static final long LOWEST_NANOS = 1;
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int DIGITS = 3;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGES];
    /** Every interval taken so far, per stage. Guarded by this. */
    private final Histogram[] totals = new Histogram[STAGES];
    /**
     * Intended time from which records count: set at construction or by {@link #measureFrom} (a volatile store, before
     * the producer sends); read by the sender thread with a volatile load per batch.
     */
    private volatile long measureStartNanos;
    /**
     * Spans that came out negative (recorded as 0) or above 60 s (recorded as 60 s): one writer, the sender thread, a
     * plain read then a volatile store; any thread reads them with a volatile load.
     */
    private volatile long clamped;
    /**
     * Each acknowledged batch's commit time, for the {@link ConsumerReceiptStage} (null when no consumer reads the
     * run); the sender thread appends, the join reads.
     */
    private final BatchTimes commits;

    public StageRecorder(final long measureStartNanos) {
        this(measureStartNanos, false);
    }

    /**
     * @param keepCommits whether to keep, for each acknowledged batch holding measured records, its partition, base
     *                    offset and commit time: what the consumer receipt stage starts from
     */
    public StageRecorder(final long measureStartNanos, final boolean keepCommits) {
        this.measureStartNanos = measureStartNanos;
        this.commits = keepCommits ? new BatchTimes() : null;
        for (int s = 0; s < STAGES; s++) {
            recorders[s] = new SingleWriterRecorder(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
            totals[s] = emptyHistogram();
        }
    }

    /** Moves the measurement start; call before the producer sends. */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
    }

    @Override
    public void onBatch(final BatchStages batch) {
        final long start = measureStartNanos;
        final long drained = batch.drainedNanos();
        final long completed = batch.completedNanos();
        int measured = 0;
        for (int i = 0, n = batch.recordCount(); i < n; i++) {
            final long intended = batch.intendedNanos(i);
            if (intended - start < 0) {
                continue;
            }
            measured++;
            record(ACCUMULATION, drained - batch.sendNanos(i), 1);
            record(TOTAL, completed - intended, 1);
        }
        if (measured == 0) {
            return;
        }
        final long written = batch.requestWrittenNanos();
        if (!batch.hasLeaderTimes()) {
            // acks=0: the record completes when its request is written.
            record(SENDER_QUEUE, completed - drained, measured);
            return;
        }
        record(SENDER_QUEUE, written - drained, measured);
        record(TO_LEADER, batch.leaderReadNanos() - written, measured);
        record(LEADER_APPEND, batch.leaderAppendedNanos() - batch.leaderReadNanos(), measured);
        record(REPLICATION_WAIT, batch.leaderCommittedNanos() - batch.leaderAppendedNanos(), measured);
        record(ANSWER_WAIT, batch.responseWrittenNanos() - batch.leaderCommittedNanos(), measured);
        record(RESPONSE, completed - batch.responseWrittenNanos(), measured);
        if (commits != null && batch.baseOffset() >= 0) {
            commits.add(batch.partition(), batch.baseOffset(), batch.leaderCommittedNanos(), measured);
        }
    }

    private void record(final int stage, final long nanos, final int count) {
        long value = nanos;
        if (value < 0 || value > HIGHEST_NANOS) {
            value = value < 0 ? 0 : HIGHEST_NANOS;
            clamped = clamped + count;
        }
        recorders[stage].recordValueWithCount(value, count);
    }

    /** Copies of every stage's histogram so far, in nanoseconds, indexed by the stage constants. Allocates. */
    public synchronized Histogram[] histograms() {
        final Histogram[] copies = new Histogram[STAGES];
        for (int s = 0; s < STAGES; s++) {
            totals[s].add(recorders[s].getIntervalHistogram());
            copies[s] = totals[s].copy();
        }
        return copies;
    }

    /** The acknowledged batches' commit times kept so far, or null when this recorder keeps none. */
    BatchTimes.Snapshot commits() {
        return commits == null ? null : commits.snapshot();
    }

    /** Spans recorded as 0 (negative) or as 60 s (longer). */
    public long clamped() {
        return clamped;
    }

    /**
     * The stages of every recorder merged: one row per stage, then the total (not in the total), counts in records,
     * percentiles in microseconds, and notes on how to read them. Cold path.
     */
    public static StageBreakdown breakdown(final Collection<StageRecorder> recorders) {
        final Histogram[] merged = new Histogram[STAGES];
        for (int s = 0; s < STAGES; s++) {
            merged[s] = emptyHistogram();
        }
        long clamped = 0;
        for (final StageRecorder recorder : recorders) {
            final Histogram[] histograms = recorder.histograms();
            for (int s = 0; s < STAGES; s++) {
                merged[s].add(histograms[s]);
            }
            clamped += recorder.clamped();
        }
        final List<StageRow> rows = new ArrayList<>();
        for (int s = 0; s < STAGES; s++) {
            rows.add(StageRow.of(NAMES[s], SPANS[s], merged[s], s != TOTAL));
        }
        return new StageBreakdown(SOURCE, rows, notes(merged, clamped));
    }

    private static List<String> notes(final Histogram[] merged, final long clamped) {
        final List<String> notes = new ArrayList<>();
        notes.add("Percentiles do not add up to the total's: the records slow in one stage are not those slow in the "
            + "next. Means do: " + means(merged) + ".");
        notes.add("Stamped per batch (per record only for the send call): a batch's shared stages count each of its "
            + "records; clocks are the host's monotonic clock, shared by broker processes on it.");
        if (merged[TO_LEADER].getTotalCount() == 0 && merged[SENDER_QUEUE].getTotalCount() > 0) {
            notes.add("No leader times: with acks=0 nothing answers, so a record completes when its request is "
                + "written; sender queue runs to that moment and the total ends there.");
        } else {
            notes.add("to leader includes waiting behind the producer's previous request: a leader takes up one "
                + "request per connection at a time, as Kafka's does.");
        }
        notes.add("send delay is the load generator's (all measured sends); the other rows cover acknowledged records,"
            + " a retried batch's sender queue spanning its earlier attempts.");
        if (clamped > 0) {
            notes.add(clamped + " record spans were negative or above 60 s and were recorded as 0 or 60 s.");
        }
        return notes;
    }

    private static String means(final Histogram[] merged) {
        final StringBuilder text = new StringBuilder();
        double sum = 0;
        for (int s = ACCUMULATION; s < TOTAL; s++) {
            if (merged[s].getTotalCount() == 0) {
                continue;
            }
            final double mean = merged[s].getMean() / 1e6;
            sum += mean;
            text.append(text.length() == 0 ? "" : " + ").append(String.format(Locale.ROOT, "%.3f", mean));
        }
        return text.append(String.format(Locale.ROOT, " = %.3f ms from the send call; the total's mean %.3f ms",
            sum, merged[TOTAL].getMean() / 1e6)).toString();
    }

    static Histogram emptyHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    }
}
