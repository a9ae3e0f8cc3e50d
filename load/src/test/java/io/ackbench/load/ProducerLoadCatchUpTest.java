package io.ackbench.load;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load thread that is late sends every overdue record at once, back to back, each with its own intended time,
 * and stops at the first record intended at or after the measurement end.
 */
class ProducerLoadCatchUpTest {
    private static final int RATE = 1_000;

    /** Keeps the intended time of each record sent. */
    private static final class RecordingProducer implements LoadProducer {
        final long[] intended = new long[2 * RATE];
        int sent;

        @Override
        public void send(final DirectBuffer key, final int keyLength, final DirectBuffer value, final int valueLength,
                         final long intendedNanos) {
            intended[sent++] = intendedNanos;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSecondBehindItSendsTheSecondsRecordsBackToBackWithTheirOwnIntendedTimes() {
        // The measured second ended a second ago: all its 1000 records are overdue.
        final long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
        final long end = start + TimeUnit.SECONDS.toNanos(1);
        final RecordingProducer producer = new RecordingProducer();
        final ProducerLoad load = new ProducerLoad(producer, 0, new OpenLoopSchedule(RATE, start),
            new KeySource(KeyDistribution.NONE, 1), new UnsafeBuffer(ByteBuffer.allocateDirect(100)), 100,
            new LatencyRecorder(), start, true, end, ProducerLoad.NO_QUOTA);

        load.run();

        assertThat(load.failure()).isNull();
        assertThat(producer.sent).isEqualTo(RATE);
        for (int n = 0; n < RATE; n++) {
            if (producer.intended[n] != start + n * 1_000_000L) {
                assertThat(producer.intended[n]).as("record %d", n).isEqualTo(start + n * 1_000_000L);
            }
        }
        assertThat(load.sent()).isEqualTo(RATE);
        load.sendDelay().intervalHistogram(null);
        assertThat(load.sendDelay().totalHistogram().getTotalCount()).isEqualTo(RATE);
        assertThat(load.sendDelay().totalHistogram().getMinValue()).as("the last is still a second late")
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
        // The wait before the first measured record counts to the warm-up's waits, the other 999 to the measurement's.
        assertThat(load.waits().parks()).isZero();
        assertThat(load.waits().catchUpRecords()).isEqualTo(RATE - 1);
        assertThat(load.warmupWaits().catchUpRecords()).isEqualTo(1);
        assertThat(load.waits().longestCatchUpBurst()).isEqualTo(RATE - 1);
    }

    @Test
    void movingTheMeasurementStartMovesItsEndAndWhatCountsAsWarmUp() {
        final long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        final RecordingProducer producer = new RecordingProducer();
        // Planned: measure the third second of the schedule; moved to its second second.
        final ProducerLoad load = new ProducerLoad(producer, 0, new OpenLoopSchedule(RATE, start),
            new KeySource(KeyDistribution.NONE, 1), new UnsafeBuffer(ByteBuffer.allocateDirect(100)), 100,
            new LatencyRecorder(), start + TimeUnit.SECONDS.toNanos(2), true, start + TimeUnit.SECONDS.toNanos(3),
            ProducerLoad.NO_QUOTA);
        load.measureFrom(start + TimeUnit.SECONDS.toNanos(1));

        load.run();

        assertThat(load.warmupSent()).isEqualTo(RATE);
        assertThat(load.sent()).isEqualTo(RATE);
        assertThat(producer.intended[2 * RATE - 1]).isEqualTo(start + (2 * RATE - 1) * 1_000_000L);
    }
}
