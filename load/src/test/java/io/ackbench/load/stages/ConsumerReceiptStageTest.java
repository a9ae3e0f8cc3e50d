package io.ackbench.load.stages;

import io.ackbench.load.RecordId;
import io.ackbench.producer.Acks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer receipt join, on batches made by hand: producers' acknowledged batches on one side, consumers' read
 * batches on the other. Every span is under 2,048 ns, where HdrHistogram's 3-digit buckets are 1 ns wide, so each
 * percentile is a value fed in.
 */
class ConsumerReceiptStageTest {
    private static final long I0 = 1_000_000;
    private static final long WARMUP = I0 - 1_000;

    private final StageRecorder producer = new StageRecorder(I0, true);
    private final ConsumerReceipts consumer = new ConsumerReceipts(I0);
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[16]);

    /** The consumer reads a batch whose records were intended at {@code intended}, at {@code fetchedNanos}. */
    private void consume(final int partition, final long baseOffset, final long fetchedNanos, final long... intended) {
        for (final long nanos : intended) {
            RecordId.writeIntendedNanos(value, nanos);
            consumer.onRecord(value, 0, value.capacity());
        }
        consumer.onBatchRead(partition, baseOffset, fetchedNanos);
    }

    /** Three producer batches and five consumed ones: matched, warm-up only, clamped and unmatched. */
    private StageBreakdown joined(final Acks acks) {
        producer.onBatch(HandSetBatch.committedAt(0, 0, I0 + 1_300, WARMUP, I0, I0 + 100, I0 + 200));
        producer.onBatch(HandSetBatch.committedAt(0, 4, I0 + 1_400, WARMUP)); // warm-up only: not kept
        producer.onBatch(HandSetBatch.committedAt(1, 0, I0 + 2_400, I0 + 2_000));
        producer.onBatch(HandSetBatch.committedAt(2, 10, I0 + 5_000, I0 + 3_000, I0 + 3_001));

        consume(0, 0, I0 + 1_800, WARMUP, I0, I0 + 100, I0 + 200);  // 500 ns, 3 measured records
        consume(0, 4, I0 + 1_900, WARMUP);                          // warm-up only: not kept
        consume(1, 0, I0 + 3_100, I0 + 2_000);                      // 700 ns, 1 record
        consume(2, 10, I0 + 4_900, I0 + 3_000, I0 + 3_001);         // -100 ns: recorded as 0, 2 records
        consume(2, 20, I0 + 6_000, I0 + 4_000, I0 + 4_001, I0 + 4_002, I0 + 4_003); // no producer batch

        return ConsumerReceiptStage.addTo(StageRecorder.breakdown(List.of(producer)), acks, List.of(producer),
            List.of(consumer));
    }

    @Test
    void matchedBatchesCountTheirMeasuredRecordsAndTheRestIsCountedInNotes() {
        final StageBreakdown breakdown = joined(Acks.ALL);

        // Spans 0, 0, 500, 500, 500, 700 ns: the warm-up records and the unmatched batch are not among them.
        assertThat(breakdown.afterAcknowledgement()).containsExactly(new StageRow("consumer receipt",
            "high watermark covers it -> consumer read it", 6, "records", 0.5, 0.7, 0.7, 0.7, false));
        assertThat(breakdown.rows()).hasSize(StageRecorder.STAGES);
        assertThat(breakdown.row(ConsumerReceiptStage.NAME).count()).isEqualTo(6);
        assertThat(breakdown.notes()).contains(
            "4 measured records consumed in 1 batch had no commit time (no acknowledgement named the batch: a "
                + "retry's second copy, a duplicate) and are not in consumer receipt.",
            "2 consumer receipt record spans were negative or above 60 s and were recorded as 0 or 60 s.");
        assertThat(breakdown.notes().get(0)).startsWith("Percentiles do not add up to the total's");
        assertThat(breakdown.notes()).noneMatch(note -> note.startsWith("With acks=1"));
    }

    @Test
    void theRowIsPrintedBelowTheTotalAndMarkedInJson() {
        final StageBreakdown breakdown = joined(Acks.ALL);

        final List<String> lines = breakdown.tableLines();
        final int total = indexOfLineStarting(lines, "  total ");
        assertThat(lines.get(total + 1)).isEqualTo("  after the acknowledgement:");
        assertThat(lines.get(total + 2)).isEqualTo("  consumer receipt           0.001     0.001     0.001     0.001"
            + "    6 records  high watermark covers it -> consumer read it");
        assertThat(lines.get(total + 3)).startsWith("  note: Percentiles do not add up");
        assertThat(breakdown.json()).contains(",{\"name\":\"consumer receipt\",\"spans\":\"high watermark covers it "
            + "-> consumer read it\",\"count\":6,\"unit\":\"records\",\"inTotal\":false,\"p50\":0.5,\"p99\":0.7,"
            + "\"p999\":0.7,\"max\":0.7,\"afterAcknowledgement\":true}]}");
        assertThat(breakdown.markdown()).contains("| consumer receipt (after the acknowledgement) | ");
    }

    @Test
    void withAcksOneTheSpanStartsAtTheAppendAndSaysSo() {
        final StageBreakdown breakdown = joined(Acks.LEADER);

        assertThat(breakdown.row(ConsumerReceiptStage.NAME).spans())
            .isEqualTo("appended -> consumer read it (replication included)");
        assertThat(breakdown.notes()).contains("With acks=1 the producer learns only when the leader appended a "
            + "batch, so consumer receipt starts there and includes the replication a consumer waits for.");
    }

    @Test
    void withAcksZeroThereIsNoRowOnlyANote() {
        final StageBreakdown breakdown = joined(Acks.NONE);

        assertThat(breakdown.afterAcknowledgement()).isEmpty();
        assertThat(breakdown.hasRow(ConsumerReceiptStage.NAME)).isFalse();
        assertThat(breakdown.notes()).contains("No consumer receipt row: with acks=0 the leader sends no response, "
            + "so no batch has a commit time to start from.");
    }

    @Test
    void aProducerWithoutKeptCommitsLeavesEveryConsumedBatchUnmatched() {
        final StageRecorder withoutCommits = new StageRecorder(I0);
        withoutCommits.onBatch(HandSetBatch.committedAt(1, 0, I0 + 2_400, I0 + 2_000));
        consume(1, 0, I0 + 3_100, I0 + 2_000);

        final StageBreakdown breakdown = ConsumerReceiptStage.addTo(StageRecorder.breakdown(List.of(withoutCommits)),
            Acks.ALL, List.of(withoutCommits), List.of(consumer));

        assertThat(breakdown.row(ConsumerReceiptStage.NAME).count()).isZero();
        assertThat(breakdown.notes()).anyMatch(note -> note.startsWith("1 measured records consumed in 1 batch had "
            + "no commit time"));
    }

    @Test
    void theKeptColumnsGrowPastTheirFirstCapacityInOrder() {
        final BatchTimes times = new BatchTimes();
        for (int i = 0; i < 5_000; i++) {
            times.add(i % 7, i, 10L * i, i % 3 + 1);
        }
        times.add(1 << 16, 0, 0, 1); // a partition outside the key's 16 bits
        times.add(0, -1, 0, 1);      // an unknown offset

        final BatchTimes.Snapshot kept = times.snapshot();
        assertThat(kept.size()).isEqualTo(5_000);
        assertThat(kept.dropped()).isEqualTo(2);
        assertThat(BatchTimes.partition(kept.keys()[4_999])).isEqualTo(4_999 % 7);
        assertThat(BatchTimes.baseOffset(kept.keys()[4_999])).isEqualTo(4_999);
        assertThat(kept.nanos()[4_999]).isEqualTo(49_990);
        assertThat(kept.records()[4_999]).isEqualTo(4_999 % 3 + 1);
    }

    private static int indexOfLineStarting(final List<String> lines, final String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in " + lines);
    }
}
