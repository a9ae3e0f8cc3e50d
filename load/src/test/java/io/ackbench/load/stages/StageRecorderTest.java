package io.ackbench.load.stages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-fed batch times give exact stage percentiles: every span below is under 2,048 ns, where HdrHistogram's
 * 3-digit buckets are 1 ns wide, so each percentile is a value fed in.
 */
class StageRecorderTest {
    private static final long I0 = 1_000_000;
    private static final double NaN = Double.NaN;

    /** Batch A, acks=all: a warm-up record, then three measured ones; every stage a different span. */
    private static HandSetBatch batchA() {
        final HandSetBatch batch = new HandSetBatch(new long[] {I0 - 1_000, I0, I0 + 100, I0 + 200},
            new long[] {I0 - 950, I0 + 50, I0 + 150, I0 + 250});
        batch.drained = I0 + 600;      // accumulation 550, 450, 350 (the warm-up record not counted)
        batch.written = I0 + 700;      // sender queue 100
        batch.read = I0 + 900;         // to leader 200
        batch.appended = I0 + 1_200;   // leader append 300
        batch.committed = I0 + 1_300;  // replication wait 100
        batch.responseWritten = I0 + 1_310; // answer wait 10
        batch.completed = I0 + 1_410;  // response 100; totals 1,410, 1,310, 1,210
        return batch;
    }

    /** Batch B, acks=1: one record, committed at its append. */
    private static HandSetBatch batchB() {
        final HandSetBatch batch = new HandSetBatch(new long[] {I0 + 2_000}, new long[] {I0 + 2_000});
        batch.drained = I0 + 2_100;
        batch.written = I0 + 2_200;
        batch.read = I0 + 2_300;
        batch.appended = I0 + 2_400;
        batch.committed = I0 + 2_400;
        batch.responseWritten = I0 + 2_400;
        batch.completed = I0 + 2_500; // total 500
        return batch;
    }

    @Test
    void twoProducersBatchesMergeIntoExactPercentilesCountedInRecords() {
        final StageRecorder first = new StageRecorder(I0);
        final StageRecorder second = new StageRecorder(I0);
        first.onBatch(batchA());
        second.onBatch(batchB());

        final StageBreakdown breakdown = StageRecorder.breakdown(List.of(first, second));

        assertThat(breakdown.source()).isEqualTo(StageRecorder.SOURCE);
        assertThat(breakdown.rows()).containsExactly(
            row("accumulation", "send called -> batch drained", 4, 0.35, 0.55, 0.55, 0.55, true),
            row("sender queue", "drained -> request written", 4, 0.1, 0.1, 0.1, 0.1, true),
            row("to leader", "request written -> leader read it", 4, 0.2, 0.2, 0.2, 0.2, true),
            row("leader append", "leader read -> appended", 4, 0.3, 0.3, 0.3, 0.3, true),
            row("replication wait", "appended -> high watermark covers it", 4, 0.1, 0.1, 0.1, 0.1, true),
            row("answer wait", "covered -> leader wrote the response", 4, 0.01, 0.01, 0.01, 0.01, true),
            row("response", "response written -> producer's callback", 4, 0.1, 0.1, 0.1, 0.1, true),
            row("total", "intended -> producer's callback", 4, 1.21, 1.41, 1.41, 1.41, false));
        assertThat(breakdown.notes().get(0)).startsWith("Percentiles do not add up to the total's")
            .contains("0.000 + 0.000 + 0.000 + 0.000 + 0.000 + 0.000 + 0.000 = 0.001 ms from the send call");
        assertThat(breakdown.notes()).noneMatch(note -> note.startsWith("No leader times"));
    }

    @Test
    void anAcksZeroBatchEndsWhenItsRequestIsWritten() {
        final StageRecorder recorder = new StageRecorder(I0);
        final HandSetBatch batch = new HandSetBatch(new long[] {I0}, new long[] {I0 + 10});
        batch.drained = I0 + 110;
        batch.written = I0 + 300;
        batch.completed = I0 + 310;
        recorder.onBatch(batch);

        final StageBreakdown breakdown = StageRecorder.breakdown(List.of(recorder));

        assertThat(breakdown.rows().get(StageRecorder.ACCUMULATION).p50Micros()).isEqualTo(0.1);
        assertThat(breakdown.rows().get(StageRecorder.SENDER_QUEUE)).isEqualTo(
            row("sender queue", "drained -> request written", 1, 0.2, 0.2, 0.2, 0.2, true));
        assertThat(breakdown.rows().get(StageRecorder.TO_LEADER)).isEqualTo(
            row("to leader", "request written -> leader read it", 0, NaN, NaN, NaN, NaN, true));
        assertThat(breakdown.rows().get(StageRecorder.RESPONSE).count()).isZero();
        assertThat(breakdown.rows().get(StageRecorder.TOTAL).maxMicros()).isEqualTo(0.31);
        assertThat(breakdown.notes()).anyMatch(note -> note.startsWith("No leader times: with acks=0"));
        assertThat(breakdown.tableLines()).anyMatch(line -> line.startsWith("  to leader ")
            && line.contains("-         -         -         -    0 records"));
    }

    @Test
    void recordsIntendedBeforeTheMeasurementStartAndNegativeSpansAreHandled() {
        final StageRecorder recorder = new StageRecorder(I0 + 5_000);
        recorder.onBatch(batchA()); // all before the start
        recorder.measureFrom(I0);
        final HandSetBatch skewed = batchB();
        skewed.read = skewed.written - 40; // a leader clock behind the producer's: recorded as 0
        recorder.onBatch(skewed);

        final StageBreakdown breakdown = StageRecorder.breakdown(List.of(recorder));

        assertThat(breakdown.rows().get(StageRecorder.TOTAL).count()).isEqualTo(1);
        assertThat(breakdown.rows().get(StageRecorder.TO_LEADER).maxMicros()).isZero();
        assertThat(recorder.clamped()).isEqualTo(1);
        assertThat(breakdown.notes()).contains(
            "1 record spans were negative or above 60 s and were recorded as 0 or 60 s.");
    }

    @Test
    void aBreakdownTakesTheSendDelayRowInFrontAndSaysSoInJson() {
        final StageRecorder recorder = new StageRecorder(I0);
        recorder.onBatch(batchB());
        final StageBreakdown breakdown = StageRecorder.breakdown(List.of(recorder))
            .withFirstRow(row(StageRecorder.SEND_DELAY, StageRecorder.SEND_DELAY_SPANS, 1, 1.0, 1.0, 1.0, 1.0, true));

        assertThat(breakdown.hasRow(StageRecorder.SEND_DELAY)).isTrue();
        assertThat(breakdown.rows().get(0).name()).isEqualTo("send delay");
        assertThat(breakdown.rows()).hasSize(StageRecorder.STAGES + 1);
        assertThat(breakdown.json()).startsWith("{\"source\":\"ackbench producer and brokers, stamped per batch\","
            + "\"notes\":[").contains("\"stages\":[{\"name\":\"send delay\",\"spans\":\"intended -> send called\","
            + "\"count\":1,\"unit\":\"records\",\"inTotal\":true,\"p50\":1.0,\"p99\":1.0,\"p999\":1.0,\"max\":1.0}");
    }

    private static StageRow row(final String name, final String spans, final long count, final double p50,
                                final double p99, final double p999, final double max, final boolean inTotal) {
        return new StageRow(name, spans, count, "records", p50, p99, p999, max, inTotal);
    }
}
