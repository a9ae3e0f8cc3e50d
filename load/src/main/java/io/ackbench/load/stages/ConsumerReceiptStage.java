package io.ackbench.load.stages;

import io.ackbench.producer.Acks;
import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stage after the acknowledgement, for a run with consumers: from when the high watermark covered a batch (the
 * leader's stamp, carried back to the producer) to when a consumer took that batch from a fetch response. The two
 * sides are kept per batch while the run goes ({@link StageRecorder} with its commits kept, {@link ConsumerReceipts})
 * and joined here afterwards on the batch's place in the log: the leader appends a producer's batch as one batch and
 * consumers read whole batches, so a consumed batch's partition and base offset are those the acknowledgement named.
 * Each matched batch counts its measured records, as the consumer counted them. A consumed batch without an
 * acknowledged twin has no commit time to start from and is counted, not guessed.
 *
 * <p>With acks=1 the producer learns only the leader's append time, so the span starts there and includes the
 * replication readers wait for; with acks=0 nothing answers, and there is no row.
 */
public final class ConsumerReceiptStage {
    public static final String NAME = "consumer receipt";
    static final String SPANS_ALL = "high watermark covers it -> consumer read it";
    static final String SPANS_LEADER = "appended -> consumer read it (replication included)";
    /** A map value no key holds: looked up only after {@code containsKey}. */
    private static final long NO_COMMIT = Long.MIN_VALUE;

    private ConsumerReceiptStage() {
    }

    /**
     * {@code produce} with the consumer receipt row after the acknowledgement and its notes, or with only a note
     * saying why there is none (acks=0). Cold path: call once the consumers' threads have ended.
     */
    public static StageBreakdown addTo(final StageBreakdown produce, final Acks acks,
                                       final Collection<StageRecorder> producers,
                                       final Collection<ConsumerReceipts> consumers) {
        if (acks == Acks.NONE) {
            return produce.withNotes(List.of("No " + NAME + " row: with acks=0 the leader sends no response, so no "
                + "batch has a commit time to start from."));
        }
        final List<BatchTimes.Snapshot> commits = new ArrayList<>();
        for (final StageRecorder producer : producers) {
            final BatchTimes.Snapshot kept = producer.commits();
            if (kept != null) {
                commits.add(kept);
            }
        }
        final List<BatchTimes.Snapshot> receipts = new ArrayList<>();
        for (final ConsumerReceipts consumer : consumers) {
            receipts.add(consumer.batches());
        }
        final Joined joined = join(commits, receipts);
        final StageRow row = StageRow.of(NAME, acks == Acks.ALL ? SPANS_ALL : SPANS_LEADER, joined.nanos(), false);
        return produce.withRowAfterAcknowledgement(row).withNotes(notes(acks, joined));
    }

    /** Every consumed batch matched with its commit time by partition and base offset. */
    static Joined join(final List<BatchTimes.Snapshot> commits, final List<BatchTimes.Snapshot> receipts) {
        int committedBatches = 0;
        long dropped = 0;
        for (final BatchTimes.Snapshot side : commits) {
            committedBatches += side.size();
            dropped += side.dropped();
        }
        final Long2LongHashMap committedAt = new Long2LongHashMap(Math.max(8, 2 * committedBatches), 0.65f,
            NO_COMMIT);
        for (final BatchTimes.Snapshot side : commits) {
            for (int i = 0; i < side.size(); i++) {
                committedAt.put(side.keys()[i], side.nanos()[i]);
            }
        }
        final Histogram nanos = StageRecorder.emptyHistogram();
        long unmatchedBatches = 0;
        long unmatchedRecords = 0;
        long clamped = 0;
        for (final BatchTimes.Snapshot side : receipts) {
            dropped += side.dropped();
            for (int i = 0; i < side.size(); i++) {
                final long key = side.keys()[i];
                final int records = side.records()[i];
                if (!committedAt.containsKey(key)) {
                    unmatchedBatches++;
                    unmatchedRecords += records;
                    continue;
                }
                long span = side.nanos()[i] - committedAt.get(key);
                if (span < 0 || span > StageRecorder.HIGHEST_NANOS) {
                    span = span < 0 ? 0 : StageRecorder.HIGHEST_NANOS;
                    clamped += records;
                }
                nanos.recordValueWithCount(span, records);
            }
        }
        return new Joined(nanos, unmatchedBatches, unmatchedRecords, clamped, dropped);
    }

    private static List<String> notes(final Acks acks, final Joined joined) {
        final List<String> notes = new ArrayList<>();
        notes.add(NAME + " follows the acknowledgement and is not in the total: per batch, from the leader's commit "
            + "stamp to the moment a consumer took the batch from a fetch response, counting the batch's measured "
            + "records.");
        if (acks == Acks.LEADER) {
            notes.add("With acks=1 the producer learns only when the leader appended a batch, so " + NAME
                + " starts there and includes the replication a consumer waits for.");
        }
        if (joined.unmatchedRecords() > 0) {
            notes.add(joined.unmatchedRecords() + " measured records consumed in " + batches(joined.unmatchedBatches())
                + " had no commit time (no acknowledgement named the batch: a retry's second copy, a "
                + "duplicate) and are not in " + NAME + ".");
        }
        if (joined.clamped() > 0) {
            notes.add(joined.clamped() + " " + NAME + " record spans were negative or above 60 s and were recorded "
                + "as 0 or 60 s.");
        }
        if (joined.droppedBatches() > 0) {
            notes.add(joined.droppedBatches() + " batches past the " + BatchTimes.MAX_BATCHES + " kept per producer "
                + "or consumer are not in " + NAME + ".");
        }
        return notes;
    }

    private static String batches(final long count) {
        return count == 1 ? "1 batch" : count + " batches";
    }

    /**
     * What the join found.
     *
     * @param nanos            spans in nanoseconds, one count per measured record of each matched batch
     * @param unmatchedBatches consumed batches no acknowledgement named
     * @param unmatchedRecords their measured records
     * @param clamped          measured records whose span was negative or above 60 s
     * @param droppedBatches   batches not kept on either side, beyond {@link BatchTimes#MAX_BATCHES}
     */
    record Joined(Histogram nanos, long unmatchedBatches, long unmatchedRecords, long clamped, long droppedBatches) {
    }
}
