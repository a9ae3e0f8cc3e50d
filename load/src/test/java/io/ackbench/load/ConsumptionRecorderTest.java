package io.ackbench.load;

import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer's recorder: measured records only, read from the value's intended send time, and no allocation per
 * record once warm.
 */
class ConsumptionRecorderTest {
    private static final int RECORDS = 1_000_000;
    private static final int VALUE_OFFSET = 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    private void onRecord(final ConsumptionRecorder recorder, final long intendedNanos, final int valueLength) {
        final UnsafeBuffer value = new UnsafeBuffer(buffer, VALUE_OFFSET, 32);
        RecordId.write(value, RecordId.of(0, 1));
        RecordId.writeIntendedNanos(value, intendedNanos);
        recorder.onRecord(0, 0, buffer, 0, VALUE_OFFSET, VALUE_OFFSET, valueLength);
    }

    @Test
    void recordsOnlyRecordsIntendedFromTheMeasurementStartAndCountsEveryRecordRead() {
        final long start = System.nanoTime();
        final ConsumptionRecorder recorder = new ConsumptionRecorder(new LatencyRecorder(), start);

        onRecord(recorder, start - 1, 32);
        onRecord(recorder, start, 32);
        onRecord(recorder, start, 15); // too short to carry the intended time
        recorder.latency().intervalHistogram(null);

        assertThat(recorder.read()).isEqualTo(3);
        assertThat(recorder.measured()).isEqualTo(1);
        assertThat(recorder.latency().totalHistogram().getTotalCount()).isEqualTo(1);
        assertThat(recorder.latency().negativeCount()).isZero();
    }

    @Test
    void measureFromMovesTheStart() {
        final long start = System.nanoTime();
        final ConsumptionRecorder recorder = new ConsumptionRecorder(new LatencyRecorder(), start + 1_000_000_000L);

        onRecord(recorder, start, 32);
        recorder.measureFrom(start);
        onRecord(recorder, start, 32);

        assertThat(recorder.measured()).isEqualTo(1);
    }

    @Test
    void recordingAConsumedRecordAllocatesNothingAfterWarmUp() {
        final long intended = System.nanoTime();
        final ConsumptionRecorder recorder = new ConsumptionRecorder(new LatencyRecorder(), intended);
        final UnsafeBuffer value = new UnsafeBuffer(buffer, VALUE_OFFSET, 32);
        RecordId.write(value, RecordId.of(0, 1));
        RecordId.writeIntendedNanos(value, intended);
        consume(recorder);
        consume(recorder);

        final long before = AllocationMeter.currentThreadAllocatedBytes();
        consume(recorder);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

        assertThat(recorder.measured()).isEqualTo(3L * RECORDS);
        assertThat(allocated).as("bytes allocated by %,d onRecord calls", RECORDS).isLessThan(1024);
    }

    private void consume(final ConsumptionRecorder recorder) {
        for (int i = 0; i < RECORDS; i++) {
            recorder.onRecord(i % 6, i, buffer, 0, VALUE_OFFSET, VALUE_OFFSET, 32);
        }
    }
}
